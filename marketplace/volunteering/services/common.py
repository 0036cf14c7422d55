"""Helpers the volunteering services share: locks, scope checks, notifications."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.errors import NotPermitted
from marketplace.notifications.services import notify
from marketplace.volunteering.models import Shift, Task
from marketplace.volunteering.states import is_task_manager


def locked_task(task: Task) -> Task:
    return Task.objects.select_for_update().get(pk=task.pk)


def locked_shift(shift: Shift) -> Shift:
    """The shift row lock serializes every change to its places and waiting list."""
    return Shift.objects.select_for_update(of=("self",)).select_related("task").get(pk=shift.pk)


def require_manager(actor, task: Task) -> None:
    if not is_task_manager(task, actor):
        raise NotPermitted(
            _("Only the task's community staff or organizing organization can do this.")
        )


def shift_label(shift: Shift) -> str:
    start = timezone.localtime(shift.starts_at)
    end = timezone.localtime(shift.ends_at)
    same_day = start.date() == end.date()
    return (
        f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"
        if same_day
        else f"{start:%Y-%m-%d %H:%M}–{end:%Y-%m-%d %H:%M}"
    )


def notify_signups(signups, kind: str, **extra) -> None:
    """One notification per sign-up, each about its own shift."""
    for signup in signups:
        shift = signup.shift
        notify(
            users=[signup.volunteer],
            kind=kind,
            data={
                "task": shift.task.title,
                "shift": shift_label(shift),
                "place": shift.task.place,
                **extra,
            },
            url=reverse("volunteering:detail", args=[shift.task_id]),
        )
