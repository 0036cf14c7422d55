"""Slots, bookings and their places.

A booking takes a place of its slot when it is made: a free one is confirmed at once, a
paid one is held for BOOKING_HOLD_MINUTES while the resident pays and released if the
payment does not arrive. Every change of `taken` happens under the slot's row lock and
is bounded by the `slot_not_overbooked` constraint, so a slot is never overbooked.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.organizations.models import Offering
from marketplace.payments import gateway
from marketplace.payments.models import PLACE_HOLDING, Booking, BookingSlot, BookingStatus
from marketplace.payments.money import MIN_CHARGE, fen_of, yuan_of
from marketplace.payments.services.checkout import sessions_expire_later
from marketplace.payments.services.common import (
    acts_for_provider,
    check_places,
    locked_booking,
    locked_slot,
    require_provider,
)
from marketplace.payments.services.refunds import refund_request

B = BookingStatus
MAX_HELD = 3  # bookings one resident may hold unpaid at once (no one holds every place)


@transaction.atomic
def slot_create(*, actor, offering: Offering, starts_at, ends_at, capacity: int) -> BookingSlot:
    slot = BookingSlot(offering=offering, starts_at=starts_at, ends_at=ends_at, capacity=capacity)
    require_provider(actor, slot)
    check_places(capacity)
    if ends_at <= starts_at:
        raise DomainError(_("A slot ends after it starts."), field="ends_at")
    if starts_at <= timezone.now():
        raise DomainError(_("A slot starts in the future."), field="starts_at")
    slot.save()
    audit_record(actor=actor, event="payments.slot.created", target=slot)
    return slot


@transaction.atomic
def booking_create(*, actor, slot: BookingSlot) -> Booking:
    """Take a place: confirmed if the offering is free, else held while the resident pays."""
    if not actor.is_authenticated:
        raise NotPermitted(_("Log in to book a service."))
    slot = locked_slot(slot.pk)
    offering = slot.offering
    amount = fen_of(offering.price) if offering.price else 0
    _check_bookable(actor, slot, amount)
    BookingSlot.objects.filter(pk=slot.pk).update(taken=F("taken") + 1)
    now = timezone.now()
    paid = amount > 0
    booking = Booking.objects.create(
        slot=slot,
        resident=actor,
        amount=amount,
        status=B.HELD if paid else B.CONFIRMED,
        hold_expires_at=now + timedelta(minutes=settings.BOOKING_HOLD_MINUTES) if paid else None,
        confirmed_at=None if paid else now,
    )
    audit_record(actor=actor, event=f"payments.booking.{booking.status}", target=booking)
    return booking


def _check_bookable(actor, slot: BookingSlot, amount: int) -> None:
    offering = slot.offering
    if not offering.is_active or not offering.organization.is_provider:
        raise DomainError(_("This service is not taking bookings."))
    if slot.starts_at <= timezone.now():
        raise DomainError(_("This time has already started."))
    if amount and not gateway.enabled():
        raise gateway.PaymentsOff()
    if 0 < amount < MIN_CHARGE:
        raise DomainError(
            _("This service's price is below the ¥%(least)s that can be paid online.")
            % {"least": yuan_of(MIN_CHARGE)}
        )
    held = Booking.objects.filter(
        resident=actor, status=B.HELD, hold_expires_at__gt=timezone.now()
    ).count()
    if held >= MAX_HELD:
        raise DomainError(
            _("You have %(n)s bookings waiting for payment: pay for or cancel one first.")
            % {"n": held},
            code="too_many_held",
        )
    mine = Booking.objects.filter(slot=slot, resident=actor, status__in=PLACE_HOLDING)
    if mine.exists():
        raise DomainError(_("You have already booked this time."))
    if slot.taken >= slot.capacity:
        raise DomainError(_("This time is fully booked."), code="fully_booked")


def place_release(booking: Booking) -> None:
    """Give the booking's place back to its slot (the caller holds the booking's lock)."""
    locked_slot(booking.slot_id)
    BookingSlot.objects.filter(pk=booking.slot_id).update(taken=F("taken") - 1)


def place_retake(booking: Booking) -> bool:
    """Take a place again for a booking whose hold ran out but whose payment arrived:
    whether one was free (under the slot's lock)."""
    slot = locked_slot(booking.slot_id)
    if slot.taken >= slot.capacity:
        return False
    BookingSlot.objects.filter(pk=slot.pk).update(taken=F("taken") + 1)
    return True


def booking_release_expired(*, now=None) -> int:
    """Release the held bookings whose time to pay is over; how many. Their open
    Checkout Sessions are expired at Stripe after commit (a payment that still lands
    finds its place again if one is free, else is refunded: see events)."""
    now = now or timezone.now()
    due = Booking.objects.filter(status=B.HELD, hold_expires_at__lte=now)
    released = 0
    for booking_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            booking = locked_booking(booking_id)
            if booking.status != B.HELD or booking.hold_expires_at > now:
                continue
            place_release(booking)
            booking.status = B.EXPIRED
            booking.save(update_fields=["status", "updated_at"])
            audit_record(actor=None, event="payments.booking.expired", target=booking)
            sessions_expire_later(booking)
            released += 1
    return released


@transaction.atomic
def booking_cancel(*, actor, booking: Booking, reason: str, refund_amount: int | None = None):
    """Cancel a held or confirmed booking and give its place back.

    The resident may cancel their own: free of charge until the offering's
    `cancel_hours` before the start (a paid booking is then refunded in full), not after.
    The provider's staff may cancel any, with a reason, refunding in full (None), in part
    (`refund_amount` fen) or not at all (0)."""
    booking = locked_booking(booking.pk)
    slot = booking.slot
    # Your own booking follows the residents' rules, even if you work for the provider.
    own = booking.resident_id == getattr(actor, "pk", None)
    is_provider = not own and acts_for_provider(actor, slot)
    if not own and not is_provider:
        raise NotPermitted(_("You can only cancel your own bookings."))
    if booking.status not in PLACE_HOLDING:
        raise DomainError(_("This booking is no longer active."))
    reason = (reason or "").strip()
    if is_provider and not reason:
        raise DomainError(_("Say why the booking is cancelled."), field="reason")
    if not is_provider:
        if timezone.now() > slot.free_cancellation_until:
            raise DomainError(
                _(
                    "Free cancellation ended %(hours)s hours before the start; please contact "
                    "the provider."
                )
                % {"hours": slot.offering.cancel_hours}
            )
        refund_amount = None  # the resident's own cancellation is refunded in full
    place_release(booking)
    held = booking.status == B.HELD
    booking.status = B.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.cancel_reason = reason[:200]
    booking.save(update_fields=["status", "cancelled_at", "cancel_reason", "updated_at"])
    audit_record(actor=actor, event="payments.booking.cancelled", target=booking, reason=reason)
    if held:
        sessions_expire_later(booking)
    # The first payment pays for the booking; a later one is a duplicate whose full
    # refund is already under way (see events), so `refund_amount` applies to the first.
    # None refunds what is left, 0 nothing (the provider's choice).
    for n, payment in enumerate(booking.payments.filter(status="paid").order_by("paid_at", "pk")):
        amount = payment.refundable if refund_amount is None or n else refund_amount
        if amount:  # nothing left: a refund is under way
            refund_request(
                actor=actor,
                payment=payment,
                amount=amount,
                reason=reason or _("Cancelled by the resident"),
            )
    return booking
