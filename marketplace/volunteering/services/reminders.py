"""The day-before reminder: each confirmed volunteer is told once, about a day ahead."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from marketplace.volunteering.models import Signup, SignupStatus, TaskStatus
from marketplace.volunteering.services.common import notify_signups

REMIND_AHEAD = timedelta(hours=24)


@transaction.atomic
def shift_reminders_send(*, now=None) -> int:
    """Remind every confirmed volunteer whose shift starts within the next 24 hours and
    who has not been reminded. Safe to run as often as you like (cron: hourly)."""
    now = now or timezone.now()
    due = list(
        Signup.objects.select_for_update(of=("self",))
        .filter(
            status=SignupStatus.CONFIRMED,
            reminded_at__isnull=True,
            shift__task__status=TaskStatus.PUBLISHED,
            shift__starts_at__gt=now,
            shift__starts_at__lte=now + REMIND_AHEAD,
        )
        .select_related("volunteer", "shift__task")
    )
    Signup.objects.filter(pk__in=[s.pk for s in due]).update(reminded_at=now)
    notify_signups(due, "volunteering.shift.reminder")
    return len(due)
