from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.core.models import TimeStampedModel
from marketplace.volunteering.models.tasks import Shift


class SignupStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    REJECTED = "rejected", _("Not approved")
    CANCELLED = "cancelled", _("Cancelled")


class Attendance(models.TextChoices):
    UNMARKED = "", _("Not marked yet")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not come")


ACTIVE_SIGNUP_STATUSES = [SignupStatus.PENDING, SignupStatus.CONFIRMED, SignupStatus.WAITLISTED]


class Signup(TimeStampedModel):
    """A volunteer's place on a shift, or their place in its waiting list.

    The waiting list is served in arrival order: the order of the primary key, which the
    database assigns while the shift's row lock is held.
    """

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer"),
        on_delete=models.PROTECT,
        related_name="volunteer_signups",
    )
    status = models.CharField(_("status"), max_length=12, choices=SignupStatus.choices)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    # Attendance and hours (confirmed sign-ups only).
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, blank=True, default=""
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    minutes = models.PositiveIntegerField(_("service minutes"), null=True, blank=True)
    adjustment_reason = models.TextField(_("reason for adjusting the hours"), blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["shift", "status", "id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "volunteer"],
                condition=Q(status__in=["pending", "confirmed", "waitlisted"]),
                name="one_active_signup_per_shift",
            ),
            models.CheckConstraint(
                condition=Q(checked_out_at__isnull=True)
                | Q(checked_in_at__isnull=False, checked_out_at__gte=models.F("checked_in_at")),
                name="signup_checkout_after_checkin",
            ),
        ]
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")

    def __str__(self):
        return f"{self.volunteer} → {self.shift}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_SIGNUP_STATUSES

    @property
    def hours(self):
        return None if self.minutes is None else round(self.minutes / 60, 2)
