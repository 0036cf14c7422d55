from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from marketplace.accounts.validators import validate_mobile
from marketplace.catalog.models import ServiceKind
from marketplace.core.fields import latitude_field, longitude_field
from marketplace.core.models import TimeStampedModel
from marketplace.organizations.validators import validate_credit_code


class OrganizationType(models.TextChoices):
    SOCIAL_ORGANIZATION = "social_organization", _("Social organization")
    SOCIAL_WORK_AGENCY = "social_work_agency", _("Social-work agency")
    SERVICE_ENTERPRISE = "service_enterprise", _("Service enterprise")
    VOLUNTEER_TEAM = "volunteer_team", _("Volunteer team")
    PURCHASER = "purchaser", _("Purchaser (government body)")


class VerificationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted for verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


# The kinds of organization that provide services: every kind but the purchaser.
PROVIDER_TYPES = [
    (v, label) for v, label in OrganizationType.choices if v != OrganizationType.PURCHASER
]


def provider_q(prefix: str = "") -> models.Q:
    """The provider rule as a filter, for lookups through a relation
    (`provider_q("organization__")`): verified, and not a purchaser."""
    return models.Q(**{f"{prefix}status": VerificationStatus.VERIFIED}) & ~models.Q(
        **{f"{prefix}type": OrganizationType.PURCHASER}
    )


class OrganizationQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=VerificationStatus.VERIFIED)

    def providers(self):
        """Verified service providers: purchasers buy services, they do not provide them."""
        return self.filter(provider_q())


class Organization(TimeStampedModel):
    """A service provider or a purchaser, known by its Unified Social Credit Code."""

    name = models.CharField(_("name"), max_length=120)
    type = models.CharField(_("type"), max_length=24, choices=OrganizationType.choices)
    credit_code = models.CharField(
        _("Unified Social Credit Code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
    )
    legal_representative = models.CharField(_("legal representative"), max_length=40)
    phone = models.CharField(_("contact mobile"), max_length=16, validators=[validate_mobile])
    email = models.EmailField(_("contact email"), blank=True)
    address = models.CharField(_("address"), max_length=200)
    latitude = latitude_field(null=True, blank=True)
    longitude = longitude_field(null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    service_area = models.ManyToManyField(
        "regions.Region", verbose_name=_("service area"), blank=True, related_name="+"
    )
    categories = models.ManyToManyField(
        "catalog.ServiceCategory", verbose_name=_("service categories"), blank=True
    )
    status = FSMField(
        _("verification status"),
        max_length=12,
        choices=VerificationStatus.choices,
        default=VerificationStatus.SUBMITTED,
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.status == VerificationStatus.VERIFIED

    @property
    def is_purchaser(self) -> bool:
        return self.type == OrganizationType.PURCHASER

    @property
    def is_provider(self) -> bool:
        """The rule of `Organization.objects.providers()`, for one organization."""
        return self.is_verified and not self.is_purchaser

    # Transitions: who may make them is checked in services.py via states.py.
    @transition(
        field=status, source=VerificationStatus.SUBMITTED, target=VerificationStatus.VERIFIED
    )
    def verify(self):
        self.rejection_reason = ""

    @transition(
        field=status, source=VerificationStatus.SUBMITTED, target=VerificationStatus.REJECTED
    )
    def reject(self):
        pass

    @transition(
        field=status, source=VerificationStatus.REJECTED, target=VerificationStatus.SUBMITTED
    )
    def resubmit(self):
        pass


class MemberRole(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    STAFF = "staff", _("Staff")


class Membership(TimeStampedModel):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=8, choices=MemberRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="unique_membership")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} – {self.organization} ({self.get_role_display()})"


class Offering(TimeStampedModel):
    """A service an organization offers: free, or priced per unit."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="offerings",
    )
    title = models.CharField(_("title"), max_length=120)
    category = models.ForeignKey(
        "catalog.ServiceCategory", verbose_name=_("category"), on_delete=models.PROTECT
    )
    kind = models.CharField(_("service kind"), max_length=12, choices=ServiceKind.choices)
    description = models.TextField(_("description"))
    price = models.DecimalField(
        _("price (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("per"), max_length=20, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # The provider's cancellation policy for bookings of this offering.
    cancel_hours = models.PositiveSmallIntegerField(
        _("free cancellation until (hours before)"),
        default=24,
        help_text=_(
            "Residents may cancel a booking with a full refund up to this many hours "
            "before it starts."
        ),
    )

    class Meta:
        ordering = ["organization__name", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price__isnull=True) | models.Q(price__gte=0),
                name="offering_price_not_negative",
            )
        ]
        verbose_name = _("service offering")
        verbose_name_plural = _("service offerings")

    def __str__(self):
        return self.title
