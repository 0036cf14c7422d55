"""Availability slots (weekday/weekend × morning/afternoon/evening) of a time window.

The slots are the ones volunteers tick on their profile (accounts.Availability).
Hours from midnight to 6 belong to no slot: nobody ticks "night".
"""

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

PARTS = (("morning", 6, 12), ("afternoon", 12, 18), ("evening", 18, 24))
WEEKEND = (5, 6)  # Saturday, Sunday (datetime.weekday)
WEEK_HOURS = 7 * 24  # after a week every slot has come round


def slot_at(moment: datetime) -> str | None:
    """The slot a moment falls in (local time), e.g. "weekend_morning"; None at night."""
    local = timezone.localtime(moment)
    day = "weekend" if local.weekday() in WEEKEND else "weekday"
    for part, start, end in PARTS:
        if start <= local.hour < end:
            return f"{day}_{part}"
    return None


def slots_between(starts_at: datetime, ends_at: datetime) -> frozenset[str]:
    """Every slot the window [starts_at, ends_at) touches, hour by hour (a week at most)."""
    found = set()
    hour = timezone.localtime(starts_at).replace(minute=0, second=0, microsecond=0)
    for _ in range(WEEK_HOURS):
        if hour >= ends_at:
            break
        slot = slot_at(hour)
        if slot:
            found.add(slot)
        hour += timedelta(hours=1)
    return frozenset(found)


def starts_in_slots(slots, *, field: str = "starts_at") -> Q:
    """A filter for rows whose `field` (a datetime) starts in one of `slots`, in SQL.

    Django's __week_day counts 1 = Sunday … 7 = Saturday, in the current time zone."""
    condition = Q(pk__in=[])
    for slot in slots:
        day, part = slot.split("_")
        start, end = next((s, e) for p, s, e in PARTS if p == part)
        days = [1, 7] if day == "weekend" else [2, 3, 4, 5, 6]
        condition |= Q(
            **{f"{field}__week_day__in": days, f"{field}__hour__gte": start},
            **{f"{field}__hour__lt": end},
        )
    return condition
