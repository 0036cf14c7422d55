from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Evaluator(models.Model):
    """A member of a project's evaluation panel, with their conflict-of-interest
    declaration and, once sent, their score sheet."""

    project = models.ForeignKey(
        "procurement.Project", on_delete=models.CASCADE, related_name="evaluators"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluator"),
        on_delete=models.PROTECT,
        related_name="panel_seats",
    )
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    appointed_at = models.DateTimeField(_("appointed at"), auto_now_add=True)
    declared_at = models.DateTimeField(
        _("no conflict of interest declared at"), null=True, blank=True
    )
    declaration = models.TextField(_("declaration"), blank=True)
    sheet_submitted_at = models.DateTimeField(_("score sheet submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["appointed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="one_seat_per_evaluator")
        ]
        verbose_name = _("evaluator")
        verbose_name_plural = _("evaluators")

    def __str__(self):
        return f"{self.user} · {self.project}"


class Score(models.Model):
    """One evaluator's points for one bid on one criterion."""

    evaluator = models.ForeignKey(Evaluator, on_delete=models.CASCADE, related_name="scores")
    bid = models.ForeignKey("procurement.Bid", on_delete=models.PROTECT, related_name="scores")
    criterion = models.ForeignKey(
        "procurement.Criterion", on_delete=models.PROTECT, related_name="scores"
    )
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["evaluator", "bid", "criterion"], name="one_score_per_cell"
            ),
            models.CheckConstraint(condition=Q(points__gte=0), name="score_not_negative"),
        ]
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self):
        return f"{self.evaluator} · {self.bid} · {self.criterion}: {self.points}"
