"""Deadlines and escalation to the street, with a controlled clock."""

from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from marketplace.core.models import AuditEvent
from marketplace.hotline import services
from marketplace.hotline.models import EscalationReason, EventKind, Request
from marketplace.notifications.models import Notification
from tests.factories import staff_of

from .helpers import file_request, hours

pytestmark = pytest.mark.clock_sweep

R = EscalationReason
SECOND = hours(1 / 3600)


@pytest.fixture
def filed_at():
    return timezone.now().replace(microsecond=0) - hours(100)


@pytest.fixture
def late(world, category, filed_at):
    """A request filed 100 hours ago (accept within 2 hours, resolve within 48)."""
    with mock.patch("django.utils.timezone.now", return_value=filed_at):
        return file_request(world, category)


def escalations(resident_request):
    return resident_request.events.filter(kind=EventKind.ESCALATED).count()


def escalated_notes():
    return Notification.objects.filter(kind="hotline.request.escalated")


def test_accept_deadline_is_met_up_to_its_exact_moment(world, late, street_staff):
    at_deadline = late.respond_by
    assert services.requests_escalate_overdue(now=at_deadline) == {
        "late_response": 0,
        "late_resolution": 0,
    }
    late.refresh_from_db()
    assert late.escalated_at is None and escalations(late) == 0
    counts = services.requests_escalate_overdue(now=at_deadline + SECOND)
    assert counts == {"late_response": 1, "late_resolution": 0}
    late.refresh_from_db()
    assert late.escalated_at == at_deadline + SECOND
    assert late.escalation_reason == R.LATE_RESPONSE
    assert late.status == "submitted"  # escalation is not a status change


def test_escalation_happens_once_per_lateness(world, late, street_staff):
    moment = late.respond_by + hours(1)
    services.requests_escalate_overdue(now=moment)
    notes = escalated_notes().count()
    audit = AuditEvent.objects.filter(event="hotline.request.escalated").count()
    for later in (moment, moment + hours(1), moment + hours(10)):
        assert services.requests_escalate_overdue(now=later) == {
            "late_response": 0,
            "late_resolution": 0,
        }
    late.refresh_from_db()
    assert late.escalated_at == moment
    assert escalations(late) == 1
    assert escalated_notes().count() == notes == 2  # street staff + community staff
    assert AuditEvent.objects.filter(event="hotline.request.escalated").count() == audit == 1


def test_street_and_community_staff_and_resident_are_told(world, late, street_staff):
    services.requests_escalate_overdue(now=late.respond_by + hours(1))
    told = set(escalated_notes().values_list("user_id", flat=True))
    assert told == {street_staff.pk, world["staff"].pk}  # not the other community's staff
    assert Notification.objects.filter(
        user=world["resident"], kind="hotline.request.escalated_notice"
    ).exists()
    event = late.events.get(kind=EventKind.ESCALATED)
    assert event.actor is None


def test_late_resolution_escalates_again_once(world, late, street_staff):
    services.requests_escalate_overdue(now=late.respond_by + hours(1))
    services.request_accept(actor=world["staff"], resident_request=late)
    late.refresh_from_db()
    assert services.requests_escalate_overdue(now=late.resolve_by) == {
        "late_response": 0,
        "late_resolution": 0,
    }
    counts = services.requests_escalate_overdue(now=late.resolve_by + SECOND)
    assert counts == {"late_response": 0, "late_resolution": 1}
    services.requests_escalate_overdue(now=late.resolve_by + hours(5))
    late.refresh_from_db()
    assert late.escalation_reason == R.LATE_RESOLUTION
    assert late.escalated_at == late.resolve_by + SECOND
    assert escalations(late) == 2


def test_a_missed_run_escalates_straight_to_late_resolution(world, late, street_staff):
    counts = services.requests_escalate_overdue(now=late.resolve_by + hours(1))
    assert counts == {"late_response": 0, "late_resolution": 1}
    assert services.requests_escalate_overdue(now=late.resolve_by + hours(2)) == {
        "late_response": 0,
        "late_resolution": 0,
    }
    assert escalations(late) == 1


def test_accepted_in_time_is_not_escalated_until_resolution_is_late(world, late):
    services.request_accept(actor=world["staff"], resident_request=late)
    late.refresh_from_db()
    services.requests_escalate_overdue(now=late.respond_by + hours(5))
    late.refresh_from_db()
    assert late.escalated_at is None


def test_finished_requests_never_escalate(world, category, filed_at):
    with mock.patch("django.utils.timezone.now", return_value=filed_at):
        rejected = file_request(world, category)
        withdrawn = file_request(world, category)
        resolved = file_request(world, category)
        services.request_reject(
            actor=world["staff"], resident_request=rejected, reason="非本社区事务"
        )
        services.request_withdraw(actor=world["resident"], resident_request=withdrawn)
        services.request_accept(actor=world["staff"], resident_request=resolved)
        services.request_resolve(
            actor=world["staff"], resident_request=resolved, resolution="已处理"
        )
    counts = services.requests_escalate_overdue(now=filed_at + hours(500))
    assert counts == {"late_response": 0, "late_resolution": 0}
    assert not Request.objects.filter(escalated_at__isnull=False).exists()


def test_deadlines_follow_the_category_at_filing(world, category, filed_at):
    with mock.patch("django.utils.timezone.now", return_value=filed_at):
        before = file_request(world, category)
    category.response_hours, category.resolution_hours = 8, 72
    services.category_save(actor=world["admin"], category=category)
    with mock.patch("django.utils.timezone.now", return_value=filed_at):
        after = file_request(world, category)
    assert before.respond_by == filed_at + hours(2)
    assert after.respond_by == filed_at + hours(8)
    assert after.resolve_by == filed_at + hours(72)


def test_escalated_request_shows_on_the_street_board(world, late, street_staff):
    from marketplace.hotline.selectors import board_list

    services.requests_escalate_overdue(now=late.respond_by + hours(1))
    assert list(board_list(user=street_staff).filter(escalated_at__isnull=False)) == [late]
    outsider = staff_of(world["other"])
    assert late not in board_list(user=outsider)


def test_the_command_prints_counts(world, late, street_staff):
    out = StringIO()
    call_command("escalate_overdue_requests", stdout=out)
    assert out.getvalue().strip() == (
        "escalated 0 requests not accepted in time, 1 not resolved in time"
    )
    out = StringIO()
    call_command("escalate_overdue_requests", stdout=out)
    assert "escalated 0 requests not accepted in time, 0 not resolved in time" in out.getvalue()
