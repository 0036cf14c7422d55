from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from marketplace.catalog.models import ServiceKind
from marketplace.core.fields import latitude_field, longitude_field
from marketplace.core.models import TimeStampedModel
from marketplace.demands.states import is_demand_provider, is_demand_staff


class DemandStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    MATCHED = "matched", _("Matched")
    IN_PROGRESS = "in_progress", _("In progress")
    DELIVERED = "delivered", _("Delivered")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


PUBLIC_STATUSES = [s for s in DemandStatus.values if s != DemandStatus.DRAFT]
S = DemandStatus


class Demand(TimeStampedModel):
    """Service demand posted by community staff for their community."""

    community = models.ForeignKey(
        "regions.Region",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="demands",
        limit_choices_to={"level": "community"},
    )
    title = models.CharField(_("title"), max_length=120)
    category = models.ForeignKey(
        "catalog.ServiceCategory", verbose_name=_("category"), on_delete=models.PROTECT
    )
    kind = models.CharField(_("service kind"), max_length=12, choices=ServiceKind.choices)
    description = models.TextField(_("description"))
    beneficiaries_count = models.PositiveIntegerField(_("number of beneficiaries"))
    place = models.CharField(_("place"), max_length=200)
    latitude = latitude_field(null=True, blank=True)
    longitude = longitude_field(null=True, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    budget = models.DecimalField(
        _("budget (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    status = FSMField(_("status"), max_length=12, choices=DemandStatus.choices, default=S.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_response = models.OneToOneField(
        "DemandResponse",
        verbose_name=_("accepted response"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["status", "community"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="demand_window_order"
            ),
            models.CheckConstraint(
                condition=models.Q(budget__isnull=True) | models.Q(budget__gte=0),
                name="demand_budget_not_negative",
            ),
        ]
        verbose_name = _("demand")
        verbose_name_plural = _("demands")

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be later than the start.")})

    # The transition table. Sources and targets here; roles in states.py.
    @transition(field=status, source=S.DRAFT, target=S.OPEN, permission=is_demand_staff)
    def publish(self):
        pass

    @transition(field=status, source=S.OPEN, target=S.MATCHED, permission=is_demand_staff)
    def match(self):
        pass

    @transition(field=status, source=S.MATCHED, target=S.IN_PROGRESS, permission=is_demand_provider)
    def start(self):
        pass

    @transition(
        field=status, source=S.IN_PROGRESS, target=S.DELIVERED, permission=is_demand_provider
    )
    def deliver(self):
        pass

    @transition(field=status, source=S.DELIVERED, target=S.CLOSED, permission=is_demand_staff)
    def close(self):
        pass

    @transition(
        field=status,
        source=[S.DRAFT, S.OPEN, S.MATCHED, S.IN_PROGRESS],
        target=S.CANCELLED,
        permission=is_demand_staff,
    )
    def cancel(self):
        pass


class ResponseStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DemandResponse(TimeStampedModel):
    """A provider's offer to meet an open demand: an organization, or a person on their own."""

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="responses")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="demand_responses",
    )
    responder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responder"),
        on_delete=models.CASCADE,
        related_name="demand_responses",
    )
    message = models.TextField(_("how we would meet it"))
    proposed_price = models.DecimalField(
        _("proposed price (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.PENDING
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["demand", "organization"],
                condition=models.Q(organization__isnull=False)
                & ~models.Q(status=ResponseStatus.WITHDRAWN),
                name="one_live_response_per_organization",
            ),
            models.UniqueConstraint(
                fields=["demand", "responder"],
                condition=models.Q(organization__isnull=True)
                & ~models.Q(status=ResponseStatus.WITHDRAWN),
                name="one_live_response_per_person",
            ),
        ]
        verbose_name = _("response to a demand")
        verbose_name_plural = _("responses to demands")

    def __str__(self):
        return f"{self.provider_name} → {self.demand}"

    @property
    def provider_name(self) -> str:
        return self.organization.name if self.organization_id else str(self.responder)
