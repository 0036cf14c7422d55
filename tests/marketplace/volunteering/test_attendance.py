"""Check-in/out by rotating QR token, attendance by hand, hours, approval and the record."""

import datetime
import time

import pytest
from django.utils import timezone

from marketplace.core.errors import DomainError, NotPermitted
from marketplace.core.models import AuditEvent
from marketplace.volunteering import services
from marketplace.volunteering.models import Attendance, ServiceRecord, Shift
from marketplace.volunteering.services.attendance import CHECKIN_TOKEN_SECONDS
from tests.factories.volunteering import in_days, published_task, volunteer

pytestmark = pytest.mark.clock_sweep


@pytest.fixture
def shift(world):
    task = published_task(world["staff"], world["home"])
    return task.shifts.get()


@pytest.fixture
def person(world, shift):
    person = volunteer(world["home"])
    services.shift_signup(actor=person, shift=shift)
    return person


def move(shift, starts_at, hours=3):
    """Put the shift at another time (as if the clock had moved on)."""
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=hours)
    )
    shift.refresh_from_db()


def now():
    return timezone.now()


def scan(person, shift, token=None):
    return services.attendance_scan(
        actor=person, shift=shift, token=token or services.checkin_token(shift)
    )


def test_scan_checks_in_then_out_and_counts_minutes(shift, person):
    move(shift, now() - datetime.timedelta(minutes=30))
    signup = scan(person, shift)
    assert signup.attendance == Attendance.ATTENDED and signup.checked_in_at
    signup = scan(person, shift)
    assert signup.checked_out_at and signup.minutes == 0  # checked out right away
    with pytest.raises(DomainError, match="already checked out"):
        scan(person, shift)


def test_minutes_are_capped_at_the_shift_length(world, shift, person):
    move(shift, now() - datetime.timedelta(hours=4), hours=2)
    signup = shift.signups.get()
    signup = services.attendance_mark(
        actor=world["staff"],
        signup=signup,
        checked_in_at=shift.starts_at - datetime.timedelta(minutes=30),
        checked_out_at=shift.ends_at + datetime.timedelta(minutes=45),
    )
    assert signup.minutes == 120


def test_token_of_another_shift_or_expired_is_refused(world, shift, person):
    move(shift, now() - datetime.timedelta(minutes=10))
    other = published_task(world["staff"], world["home"]).shifts.get()
    with pytest.raises(DomainError, match="expired or belongs"):
        scan(person, shift, token=services.checkin_token(other))
    old = services.checkin_token(shift, at=time.time() - 3 * CHECKIN_TOKEN_SECONDS)
    with pytest.raises(DomainError, match="expired or belongs"):
        scan(person, shift, token=old)
    previous_window = services.checkin_token(shift, at=time.time() - CHECKIN_TOKEN_SECONDS)
    assert scan(person, shift, token=previous_window).checked_in_at  # grace of one window
    assert shift.signups.get().checked_in_at is not None


def test_check_in_only_around_the_shift(shift, person):
    with pytest.raises(DomainError, match="opens an hour before"):
        scan(person, shift)  # the shift is three days away
    assert shift.signups.get().checked_in_at is None


def test_only_confirmed_volunteers_check_in(world, shift):
    move(shift, now() - datetime.timedelta(minutes=5))
    with pytest.raises(DomainError, match="confirmed place"):
        scan(volunteer(world["home"]), shift)


def test_hours_adjustment_needs_a_reason(world, shift, person):
    move(shift, now() - datetime.timedelta(hours=5))
    signup = services.attendance_mark(
        actor=world["staff"],
        signup=shift.signups.get(),
        checked_in_at=shift.starts_at,
        checked_out_at=shift.ends_at,
    )
    with pytest.raises(DomainError, match="why"):
        services.hours_adjust(actor=world["staff"], signup=signup, minutes=240, reason=" ")
    signup.refresh_from_db()
    assert signup.minutes == 180
    signup = services.hours_adjust(
        actor=world["staff"], signup=signup, minutes=240, reason="活动结束后协助清场一小时"
    )
    assert signup.minutes == 240


def test_approved_hours_become_the_final_record(world, shift, person):
    move(shift, now() - datetime.timedelta(hours=5))
    signup = services.attendance_mark(
        actor=world["staff"],
        signup=shift.signups.get(),
        checked_in_at=shift.starts_at,
        checked_out_at=shift.ends_at,
    )
    record = services.hours_approve(actor=world["staff"], signup=signup)
    assert record.minutes == 180
    assert record.volunteer == person
    assert record.recorded_by == world["staff"]
    assert record.service_name == shift.task.title
    assert record.recording_organization == world["home"].name
    assert record.place == shift.task.place
    assert record.service_date == timezone.localtime(shift.starts_at).date()
    with pytest.raises(DomainError, match="final"):
        services.hours_adjust(actor=world["staff"], signup=signup, minutes=60, reason="改")
    with pytest.raises(DomainError, match="final"):
        services.hours_approve(actor=world["staff"], signup=signup)
    approved = AuditEvent.objects.get(event="volunteering.hours.approved")
    assert approved.actor == world["staff"] and approved.data["minutes"] == 180


def test_only_organizers_approve(world, shift, person):
    move(shift, now() - datetime.timedelta(hours=5))
    signup = services.attendance_mark(
        actor=world["staff"],
        signup=shift.signups.get(),
        checked_in_at=shift.starts_at,
        checked_out_at=shift.ends_at,
    )
    for outsider in (world["other_staff"], person):
        with pytest.raises(NotPermitted):
            services.hours_approve(actor=outsider, signup=signup)
    assert not ServiceRecord.objects.exists()


def test_no_show(world, shift, person):
    signup = shift.signups.get()
    with pytest.raises(DomainError, match="once the shift has started"):
        services.attendance_no_show(actor=world["staff"], signup=signup)
    move(shift, now() - datetime.timedelta(hours=1))
    signup = services.attendance_no_show(actor=world["staff"], signup=signup)
    assert signup.attendance == Attendance.NO_SHOW
    with pytest.raises(DomainError, match="no hours"):
        services.hours_approve(actor=world["staff"], signup=signup)


def test_extract_code_verifies_and_tampering_is_refused(world, shift, person):
    move(shift, in_days(-10))
    signup = services.attendance_mark(
        actor=world["staff"],
        signup=shift.signups.get(),
        checked_in_at=shift.starts_at,
        checked_out_at=shift.ends_at,
    )
    services.hours_approve(actor=world["staff"], signup=signup)
    extract = services.record_extract_issue(actor=person)
    assert extract.total_minutes == 180
    assert services.record_extract_verify(extract.code) == extract
    assert services.record_extract_verify(extract.code.lower().replace("-", "")) == extract
    tampered = extract.code[:-1] + ("A" if extract.code[-1] != "A" else "B")
    assert services.record_extract_verify(tampered) is None
    assert services.record_extract_verify("LL-AAAA-AAAA-AAAA") is None
    ServiceRecord.objects.filter(pk=extract.records.get().pk).update(minutes=600)
    assert services.record_extract_verify(extract.code) is None  # records changed behind it


def test_no_extract_without_records(world):
    with pytest.raises(DomainError, match="no approved hours"):
        services.record_extract_issue(actor=volunteer(world["home"]))
