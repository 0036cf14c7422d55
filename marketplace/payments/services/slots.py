"""Changing a slot after it was made (slot_create lives with the bookings).

The places of a slot change only under its row lock, like every change of `taken`, so a
capacity is never set below the places already held or confirmed. Once someone holds a
place the time is what they booked: it no longer moves.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError
from marketplace.payments.models import BookingSlot
from marketplace.payments.services.common import check_places, locked_slot, require_provider


@transaction.atomic
def slot_update(
    *, actor, slot: BookingSlot, capacity: int, starts_at=None, ends_at=None
) -> BookingSlot:
    """Set a slot's places and, while nobody holds one, its time (None: as it is)."""
    locked = locked_slot(slot.pk)
    starts_at = locked.starts_at if starts_at is None else starts_at
    ends_at = locked.ends_at if ends_at is None else ends_at
    require_provider(actor, locked)
    if locked.starts_at <= timezone.now():
        raise DomainError(_("This time has already started; it can no longer be changed."))
    check_places(capacity)
    if capacity < locked.taken:
        raise DomainError(
            _("%(taken)s places are already taken: the slot needs at least that many.")
            % {"taken": locked.taken},
            field="capacity",
        )
    moved = (starts_at, ends_at) != (locked.starts_at, locked.ends_at)
    if moved:
        _check_new_time(locked, starts_at, ends_at)
    changed = {
        name: (getattr(locked, name), value)
        for name, value in (("starts_at", starts_at), ("ends_at", ends_at), ("capacity", capacity))
        if getattr(locked, name) != value
    }
    if not changed:
        return locked
    for name, (_before, value) in changed.items():
        setattr(locked, name, value)
    locked.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=actor,
        event="payments.slot.updated",
        target=locked,
        **{name: [str(before), str(after)] for name, (before, after) in changed.items()},
    )
    return locked


def _check_new_time(slot: BookingSlot, starts_at, ends_at) -> None:
    if slot.taken:
        raise DomainError(
            _("Places are already taken: the time can no longer change."), field="starts_at"
        )
    if ends_at <= starts_at:
        raise DomainError(_("A slot ends after it starts."), field="ends_at")
    if starts_at <= timezone.now():
        raise DomainError(_("A slot starts in the future."), field="starts_at")
