from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from marketplace.core.fields import ChoiceListField
from marketplace.core.models import TimeStampedModel
from marketplace.organizations.models import PROVIDER_TYPES, OrganizationType
from marketplace.procurement.states import is_project_purchaser


class ProjectStatus(models.TextChoices):
    PLANNING = "planning", _("Planning")
    TENDERING = "tendering", _("Tendering")
    EVALUATING = "evaluating", _("Evaluating")
    AWARDED = "awarded", _("Awarded")
    IN_CONTRACT = "in_contract", _("In contract")
    COMPLETED = "completed", _("Completed")
    EVALUATED = "evaluated", _("Evaluated")
    CANCELLED = "cancelled", _("Cancelled")
    FAILED = "failed", _("Failed (no valid bids)")


class FundingSource(models.TextChoices):
    FISCAL = "fiscal", _("Fiscal budget")
    WELFARE_LOTTERY = "welfare_lottery", _("Welfare lottery public-welfare fund")
    DONATION = "donation", _("Social donations")
    OTHER = "other", _("Other")


class TieBreak(models.TextChoices):
    TECHNICAL = "technical", _("Higher technical score wins")
    PRICE = "price", _("Lower price wins")
    EARLIER = "earlier", _("Earlier submission wins")


class DocumentKind(models.TextChoices):
    REGISTRATION = "registration", _("Registration certificate or business licence")
    PLAN = "plan", _("Service plan")
    FINANCIAL = "financial", _("Financial audit report")
    CREDENTIALS = "credentials", _("Qualification certificates")
    TEAM = "team", _("Team list")
    OTHER = "other", _("Other")


ELIGIBLE_TYPES = PROVIDER_TYPES
P = ProjectStatus


class Project(TimeStampedModel):
    """A government-purchased service (政府购买服务项目), from set-up (立项) to evaluation."""

    purchaser = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("purchaser"),
        on_delete=models.PROTECT,
        related_name="purchased_projects",
        limit_choices_to={"type": OrganizationType.PURCHASER},
    )
    title = models.CharField(_("title"), max_length=160)
    purpose = models.TextField(_("purpose"))
    category = models.ForeignKey(
        "catalog.ServiceCategory", verbose_name=_("service category"), on_delete=models.PROTECT
    )
    communities = models.ManyToManyField(
        "regions.Region", verbose_name=_("communities served"), blank=True, related_name="+"
    )
    budget = models.DecimalField(_("budget ceiling (yuan)"), max_digits=12, decimal_places=2)
    funding_source = models.CharField(
        _("funding source"), max_length=20, choices=FundingSource.choices
    )
    service_starts = models.DateField(_("service starts"))
    service_ends = models.DateField(_("service ends"))
    eligible_types = ChoiceListField(_("who may bid"), item_choices=ELIGIBLE_TYPES)
    qualifications = models.TextField(_("qualification requirements"), blank=True)
    required_documents = ChoiceListField(
        _("documents every bid must include"), item_choices=DocumentKind.choices
    )
    price_weight = models.DecimalField(
        _("price score (points)"), max_digits=5, decimal_places=2, default=30
    )
    tie_break = models.CharField(
        _("tie-break rule"), max_length=12, choices=TieBreak.choices, default=TieBreak.TECHNICAL
    )
    bid_deadline = models.DateTimeField(_("bid deadline"))
    opening_at = models.DateTimeField(_("bid opening"))
    standstill_days = models.PositiveSmallIntegerField(_("objection period (days)"), default=7)
    status = FSMField(_("status"), max_length=12, choices=ProjectStatus.choices, default=P.PLANNING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(budget__gt=0), name="project_budget_positive"),
            models.CheckConstraint(
                condition=Q(service_ends__gte=F("service_starts")), name="project_service_order"
            ),
            models.CheckConstraint(
                condition=Q(opening_at__gte=F("bid_deadline")),
                name="project_opening_after_deadline",
            ),
            models.CheckConstraint(
                condition=Q(price_weight__gte=0) & Q(price_weight__lte=100),
                name="project_price_weight_range",
            ),
        ]
        verbose_name = _("purchased-service project")
        verbose_name_plural = _("purchased-service projects")

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.service_starts and self.service_ends and self.service_ends < self.service_starts:
            errors["service_ends"] = _("The service cannot end before it starts.")
        if self.bid_deadline and self.opening_at and self.opening_at < self.bid_deadline:
            errors["opening_at"] = _("Bids cannot be opened before the deadline.")
        if errors:
            raise ValidationError(errors)

    def takes_bids(self, now=None) -> bool:
        """Tendering and before the bid deadline: the one rule pages and services share."""
        now = now or timezone.now()
        return self.status == ProjectStatus.TENDERING and now < self.bid_deadline

    def eligible_type_labels(self) -> list[str]:
        labels = dict(ELIGIBLE_TYPES)
        return [str(labels[code]) for code in self.eligible_types if code in labels]

    # The transition table; the role for each is in states.py.
    @transition(
        field=status, source=P.PLANNING, target=P.TENDERING, permission=is_project_purchaser
    )
    def publish(self):
        pass

    @transition(
        field=status, source=P.TENDERING, target=P.EVALUATING, permission=is_project_purchaser
    )
    def open_bids(self):
        pass

    @transition(field=status, source=P.TENDERING, target=P.FAILED, permission=is_project_purchaser)
    def fail(self):
        pass

    @transition(
        field=status, source=P.EVALUATING, target=P.AWARDED, permission=is_project_purchaser
    )
    def grant_award(self):  # not `award`: that is the reverse accessor of Award
        pass

    @transition(field=status, source=P.EVALUATING, target=P.FAILED, permission=is_project_purchaser)
    def fail_evaluation(self):
        pass

    @transition(
        field=status, source=P.AWARDED, target=P.IN_CONTRACT, permission=is_project_purchaser
    )
    def sign_contract(self):  # not `contract`: that is the reverse accessor of Contract
        pass

    @transition(
        field=status, source=P.IN_CONTRACT, target=P.COMPLETED, permission=is_project_purchaser
    )
    def complete(self):
        pass

    @transition(
        field=status, source=P.COMPLETED, target=P.EVALUATED, permission=is_project_purchaser
    )
    def evaluate(self):
        pass

    @transition(
        field=status,
        source=[P.PLANNING, P.TENDERING, P.EVALUATING],
        target=P.CANCELLED,
        permission=is_project_purchaser,
    )
    def cancel(self):
        pass


class Criterion(models.Model):
    """A technical criterion and the points it is worth (its weight out of 100)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=120)
    description = models.TextField(_("what earns the points"), blank=True)
    max_score = models.DecimalField(_("points"), max_digits=5, decimal_places=2)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(max_score__gt=0), name="criterion_points_positive")
        ]
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")

    def __str__(self):
        return f"{self.name} ({self.max_score})"


class TenderKey(models.Model):
    """The project's bid-sealing key pair; the private half is itself sealed (see sealing)."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="tender_key")
    public_key = models.TextField()
    sealed_private_key = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.project} · key"
