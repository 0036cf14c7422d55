"""Telling people what happened: a row per person, then an email after commit."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from marketplace.notifications.kinds import KINDS
from marketplace.notifications.models import Notification
from marketplace.notifications.tasks import notification_email_task


def notify(*, users: Iterable, kind: str, data: dict, url: str = "") -> list[Notification]:
    """Notify each user once; emails go out only if the surrounding transaction commits."""
    if kind not in KINDS:
        raise ValueError(f"Unknown notification kind {kind!r}")
    notes = Notification.objects.bulk_create(
        [Notification(user=user, kind=kind, data=data, url=url) for user in users]
    )
    ids = [note.pk for note in notes]
    if ids:
        transaction.on_commit(lambda: notification_email_task.enqueue(ids))
    return notes


def notifications_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
