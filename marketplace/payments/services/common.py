"""Locks and permission checks the payment services share."""

from django.utils.translation import gettext as _

from marketplace.accounts.scope import scope_of
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.payments.models import MAX_PLACES, Booking, BookingSlot, Payment


def locked_slot(slot_id: int) -> BookingSlot:
    """The slot under its row lock: every change of its places happens while holding it
    (SELECT … FOR UPDATE on PostgreSQL; SQLite serializes writers with BEGIN IMMEDIATE)."""
    return BookingSlot.objects.select_for_update().select_related("offering").get(pk=slot_id)


def locked_booking(booking_id: int) -> Booking:
    return Booking.objects.select_for_update().get(pk=booking_id)


def locked_payment(payment_id: int) -> Payment:
    return Payment.objects.select_for_update().get(pk=payment_id)


def check_places(capacity) -> None:
    if not isinstance(capacity, int) or not 1 <= capacity <= MAX_PLACES:
        raise DomainError(
            _("A slot has from 1 to %(most)s places.") % {"most": MAX_PLACES}, field="capacity"
        )


def acts_for_provider(actor, slot: BookingSlot) -> bool:
    """Staff of the organization offering the slot (or a platform admin)."""
    return actor.is_authenticated and scope_of(actor).acts_for_organization(
        slot.offering.organization_id
    )


def require_provider(actor, slot: BookingSlot) -> None:
    if not acts_for_provider(actor, slot):
        raise NotPermitted(_("Only the provider's staff can do this."))
