"""Time slots of priced (or free) offerings, and residents' bookings of them."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from marketplace.core.models import TimeStampedModel

MAX_PLACES = 1000  # a slot's places at most (a hall, not a stadium)


class BookingSlot(TimeStampedModel):
    """A time an organization offers one of its offerings, for `capacity` bookings.

    `taken` counts the bookings that hold a place (held while paying, or confirmed). It
    changes only inside the slot's row lock and a check constraint bounds it by the
    capacity: the database itself refuses an overbooking."""

    offering = models.ForeignKey(
        "organizations.Offering",
        verbose_name=_("service offering"),
        on_delete=models.CASCADE,
        related_name="slots",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(_("places"))
    taken = models.PositiveSmallIntegerField(_("places taken"), default=0, editable=False)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="slot_capacity_positive"),
            models.CheckConstraint(
                condition=Q(taken__lte=F("capacity")), name="slot_not_overbooked"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after_start"
            ),
        ]
        verbose_name = _("booking slot")
        verbose_name_plural = _("booking slots")

    def __str__(self):
        return f"{self.offering} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def open_places(self) -> int:
        return self.capacity - self.taken

    @property
    def free_cancellation_until(self):
        """Until when a resident may cancel free of charge: the offering's policy."""
        return self.starts_at - timedelta(hours=self.offering.cancel_hours)


class BookingStatus(models.TextChoices):
    HELD = "held", _("held while paying")
    CONFIRMED = "confirmed", pgettext_lazy("booking status", "confirmed")
    EXPIRED = "expired", _("released unpaid")
    CANCELLED = "cancelled", _("cancelled")


# Bookings that hold a place of their slot.
PLACE_HOLDING = (BookingStatus.HELD, BookingStatus.CONFIRMED)


class Booking(TimeStampedModel):
    """A resident's booking of a slot: a free one is confirmed at once; a paid one is held
    until `hold_expires_at` while the resident pays, and confirmed only by Stripe's
    signed webhook (never by the browser coming back)."""

    slot = models.ForeignKey(
        BookingSlot, verbose_name=_("slot"), on_delete=models.PROTECT, related_name="bookings"
    )
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    status = models.CharField(_("status"), max_length=12, choices=BookingStatus.choices)
    # What the resident pays, in fen (CNY minor units); 0 for a free offering.
    amount = models.PositiveIntegerField(_("amount (fen)"))
    hold_expires_at = models.DateTimeField(_("held until"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "hold_expires_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "resident"],
                condition=Q(status__in=["held", "confirmed"]),
                name="one_active_booking_per_slot_and_resident",
            )
        ]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")

    def __str__(self):
        return f"#{self.pk} {self.slot}"

    @property
    def is_paid_service(self) -> bool:
        return self.amount > 0
