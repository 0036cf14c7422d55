"""Writes to regions and facilities."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.accounts.scope import scope_of
from marketplace.core.services import managed_save
from marketplace.regions.models import Facility, OpeningHours


def opening_hours_check(intervals: list[OpeningHours]) -> None:
    """Intervals of one weekday may not overlap; each must close after it opens."""
    by_day: dict[int, list[OpeningHours]] = {}
    for interval in intervals:
        interval.clean()
        by_day.setdefault(interval.weekday, []).append(interval)
    for day_intervals in by_day.values():
        day_intervals.sort(key=lambda i: i.opens)
        for earlier, later in zip(day_intervals, day_intervals[1:], strict=False):
            if later.opens < earlier.closes:
                raise ValidationError(
                    _("Opening hours on %(day)s overlap: %(a)s and %(b)s.")
                    % {"day": later.get_weekday_display(), "a": earlier, "b": later}
                )


@transaction.atomic
def facility_save(*, actor, facility: Facility, opening_hours: list[OpeningHours]) -> Facility:
    """Create or change a facility of the actor's community, with its weekly hours."""
    return managed_save(
        actor=actor,
        instance=facility,
        may_manage=lambda f: scope_of(actor).acts_for_community(f.community_id),
        refused=_("You can only manage facilities of your own communities."),
        event="regions.facility",
        check=lambda: opening_hours_check(opening_hours),
    )
