"""The sweep covers the instants the clock-dependent tests must hold at."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from tests.clock import BEIJING, SWEEP, parse_instant

LOCAL = [moment.astimezone(BEIJING) for moment in SWEEP.values()]
NEAR = timedelta(minutes=5)


def test_every_weekday_just_after_and_just_before_midnight():
    for weekday in range(7):
        days = [m for m in LOCAL if m.weekday() == weekday]
        assert any(m - m.replace(hour=0, minute=0) <= NEAR for m in days), weekday
        assert any(m.replace(hour=0, minute=0) + timedelta(days=1) - m <= NEAR for m in days), (
            weekday
        )


def test_the_last_day_of_a_month_and_of_a_year_and_the_utc_date_line():
    assert any((m + timedelta(days=1)).day == 1 for m in LOCAL)
    assert any((m.month, m.day) == (12, 31) for m in LOCAL)
    assert any((m.month, m.day) == (1, 1) for m in LOCAL)
    # 00:00 in Beijing is 16:00 UTC: the UTC date is still the day before.
    assert any(m.astimezone(UTC).date() != m.date() for m in LOCAL)
    assert any(m.astimezone(UTC).date() == m.date() for m in LOCAL)


def test_instants_by_name_or_iso_time():
    assert parse_instant("fri-0030") == datetime(2027, 1, 8, 0, 30, tzinfo=BEIJING)
    assert parse_instant("2027-01-08T00:30") == datetime(2027, 1, 8, 0, 30, tzinfo=BEIJING)
    assert parse_instant("2027-01-07T16:30+00:00") == datetime(2027, 1, 8, 0, 30, tzinfo=BEIJING)
    with pytest.raises(pytest.UsageError, match="fri-0001"):
        parse_instant("next friday")


@pytest.mark.clock_sweep
def test_a_swept_test_runs_at_its_instant(module_clock):
    """Outside a sweep (`--clock-sweep=0`, `--now`) this test runs on the clock it is given."""
    if module_clock is None:
        pytest.skip("not pinned to a sweep instant in this run")
    assert timezone.now() - module_clock < timedelta(minutes=10)
    assert timezone.localdate() == module_clock.astimezone(BEIJING).date() or (
        # ticking on across midnight while the module ran
        timezone.localdate() == module_clock.astimezone(BEIJING).date() + timedelta(days=1)
    )
    assert date.today() == timezone.localdate()
