"""Provider credit (信用): a ledger of events that move an organization's score."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.core.models import TimeStampedModel


class CreditEventKind(models.TextChoices):
    """What happened; each kind's points are fixed in reviews/credit.py (the formula)."""

    RECTIFICATION_OVERDUE = "rectification_overdue", _("Bad review not answered in time")
    COMPLAINT_UPHELD = "complaint_upheld", _("Complaint upheld")
    MILESTONE_LATE = "milestone_late", _("Contract milestone late")
    PERFORMANCE_EXCELLENT = "performance_excellent", _("Performance evaluation: excellent")
    PERFORMANCE_GOOD = "performance_good", _("Performance evaluation: good")
    PERFORMANCE_PASS = "performance_pass", _("Performance evaluation: pass")
    PERFORMANCE_FAIL = "performance_fail", _("Performance evaluation: fail")


class CreditEvent(TimeStampedModel):
    """One event in an organization's credit history; recorded once per source object."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="credit_events",
    )
    kind = models.CharField(_("event"), max_length=24, choices=CreditEventKind.choices)
    points = models.SmallIntegerField(_("points"))
    occurred_at = models.DateTimeField(_("occurred at"))
    # What caused it, as "app_label.model:pk"; unique per kind so a retry never counts twice.
    source = models.CharField(_("source"), max_length=80)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "source"], name="credit_event_once_per_source")
        ]
        verbose_name = _("credit event")
        verbose_name_plural = _("credit events")

    def __str__(self):
        return f"{self.organization} · {self.get_kind_display()} ({self.points:+d})"


class WatchListEntry(TimeStampedModel):
    """A staff decision to put an organization on the watch list purchasers see."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="watch_list_entries",
    )
    reason = models.TextField(_("reason"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lifted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lift_reason = models.TextField(_("reason for lifting"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization"],
                condition=models.Q(lifted_at__isnull=True),
                name="one_open_watch_entry",
            )
        ]
        verbose_name = _("watch-list entry")
        verbose_name_plural = _("watch-list entries")
