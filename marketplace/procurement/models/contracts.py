from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Contract(models.Model):
    """The service contract with the undertaker (承接主体), in milestones."""

    project = models.OneToOneField(
        "procurement.Project", on_delete=models.PROTECT, related_name="contract"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("undertaker"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    amount = models.DecimalField(_("contract amount (yuan)"), max_digits=12, decimal_places=2)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")

    def __str__(self):
        return f"{self.project} · {self.organization}"


class MilestoneStatus(models.TextChoices):
    PENDING = "pending", _("Not yet delivered")
    SUBMITTED = "submitted", _("Delivered, awaiting acceptance")
    ACCEPTED = "accepted", pgettext_lazy("milestone", "Accepted")
    RETURNED = "returned", _("Returned for rework")


class Milestone(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=120)
    deliverables = models.TextField(_("deliverables"))
    due_date = models.DateField(_("due"))
    payment_share = models.DecimalField(_("share of payment (%)"), max_digits=5, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=10, choices=MilestoneStatus.choices, default=MilestoneStatus.PENDING
    )
    evidence = models.TextField(_("evidence of delivery"), blank=True)
    submitted_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(payment_share__gte=0) & Q(payment_share__lte=100),
                name="milestone_share_range",
            )
        ]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title


class PaymentRecord(models.Model):
    """A payment made for an accepted milestone (paid outside Linli; recorded here)."""

    milestone = models.OneToOneField(Milestone, on_delete=models.PROTECT, related_name="payment")
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("paid on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payment_positive")]
        verbose_name = _("payment record")
        verbose_name_plural = _("payment records")

    def __str__(self):
        return f"{self.milestone} · {self.amount}"


class PerformanceEvaluation(models.Model):
    """The end-of-contract performance evaluation (绩效评价), published with the project."""

    project = models.OneToOneField(
        "procurement.Project", on_delete=models.PROTECT, related_name="performance"
    )
    indicators = models.JSONField(_("indicators"))  # [{"name", "weight", "score"}]
    indicator_score = models.DecimalField(_("indicator score"), max_digits=5, decimal_places=2)
    satisfaction = models.DecimalField(
        _("residents' satisfaction"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    total = models.DecimalField(_("total"), max_digits=5, decimal_places=2)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    evaluated_at = models.DateTimeField(_("evaluated at"), auto_now_add=True)

    class Meta:
        verbose_name = _("performance evaluation")
        verbose_name_plural = _("performance evaluations")

    def __str__(self):
        return f"{self.project} · {self.total}"
