"""Writes to an organization's credit: events from other apps, and the watch list."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.reviews.credit import POINTS
from marketplace.reviews.models import CreditEvent, WatchListEntry


def source_label(obj) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


@transaction.atomic
def credit_event_record(
    *, organization_id: int, kind: str, source, actor=None, note: str = "", occurred_at=None
) -> CreditEvent | None:
    """Record that `kind` happened to an organization because of `source` (a model
    instance). Once per (kind, source): a second call returns None and changes nothing,
    so callers may retry freely."""
    event = CreditEvent(
        organization_id=organization_id,
        kind=kind,
        points=POINTS[kind],
        occurred_at=occurred_at or timezone.now(),
        source=source_label(source),
        note=note[:200],
    )
    try:
        with transaction.atomic():
            event.save()
    except IntegrityError:
        return None
    audit_record(
        actor=actor, event="reviews.credit.recorded", target=event, kind=kind, points=event.points
    )
    return event


def _check_admin(actor) -> None:
    if not actor.is_superuser:
        raise NotPermitted(_("Only a platform administrator manages the watch list."))


@transaction.atomic
def watch_list_add(*, actor, organization, reason: str) -> WatchListEntry:
    _check_admin(actor)
    if not reason.strip():
        raise DomainError(_("Say why the organization goes on the watch list."), field="reason")
    try:
        with transaction.atomic():
            entry = WatchListEntry.objects.create(
                organization=organization, reason=reason.strip(), added_by=actor
            )
    except IntegrityError:  # one open entry per organization (a constraint)
        raise DomainError(_("This organization is already on the watch list.")) from None
    audit_record(actor=actor, event="reviews.watch_list.added", target=organization, reason=reason)
    return entry


@transaction.atomic
def watch_list_lift(*, actor, organization, reason: str) -> WatchListEntry:
    _check_admin(actor)
    if not reason.strip():
        raise DomainError(_("Say why the organization leaves the watch list."), field="reason")
    entry = (
        WatchListEntry.objects.select_for_update()
        .filter(organization=organization, lifted_at__isnull=True)
        .first()
    )
    if entry is None:
        raise DomainError(_("This organization is not on the watch list."))
    entry.lifted_at = timezone.now()
    entry.lifted_by = actor
    entry.lift_reason = reason.strip()
    entry.save(update_fields=["lifted_at", "lifted_by", "lift_reason", "updated_at"])
    audit_record(actor=actor, event="reviews.watch_list.lifted", target=organization, reason=reason)
    return entry
