"""Signing up, the waiting list, approval and cancellation, through the services."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from marketplace.core.errors import DomainError, NotPermitted
from marketplace.core.models import AuditEvent
from marketplace.notifications.models import Notification
from marketplace.volunteering import services
from marketplace.volunteering.models import Shift, SignupStatus
from tests.factories import SkillFactory
from tests.factories.volunteering import in_days, published_task, volunteer

pytestmark = pytest.mark.clock_sweep

S = SignupStatus


@pytest.fixture
def task(world):
    return published_task(world["staff"], world["home"])


@pytest.fixture
def shift(task):
    return task.shifts.get()


@pytest.fixture
def people(world):
    return [volunteer(world["home"]) for _ in range(4)]


def sign_up(person, shift):
    return services.shift_signup(actor=person, shift=shift)


def test_confirmed_while_places_remain_then_waitlisted_in_order(shift, people):
    statuses = [sign_up(p, shift).status for p in people]
    assert statuses == [S.CONFIRMED, S.CONFIRMED, S.WAITLISTED, S.WAITLISTED]
    shift.refresh_from_db()
    assert shift.confirmed_count == 2


def test_cancelling_promotes_the_first_waiting(shift, people, django_capture_on_commit_callbacks):
    signups = [sign_up(p, shift) for p in people]
    with django_capture_on_commit_callbacks(execute=True):
        services.signup_cancel(actor=people[0], signup=signups[0])
    statuses = [s.status for s in shift.signups.order_by("pk")]
    assert statuses == [S.CANCELLED, S.CONFIRMED, S.CONFIRMED, S.WAITLISTED]
    promoted = Notification.objects.filter(kind="volunteering.signup.promoted")
    assert [n.user for n in promoted] == [people[2]]
    assert any(people[2].email in m.to for m in mail.outbox)
    shift.refresh_from_db()
    assert shift.confirmed_count == 2


def test_a_waiting_volunteer_leaving_changes_no_places(shift, people):
    signups = [sign_up(p, shift) for p in people]
    services.signup_cancel(actor=people[2], signup=signups[2])
    assert [s.status for s in shift.signups.order_by("pk")] == [
        S.CONFIRMED,
        S.CONFIRMED,
        S.CANCELLED,
        S.WAITLISTED,
    ]


def test_waitlisted_notification_says_the_position(shift, people):
    for p in people:
        sign_up(p, shift)
    note = Notification.objects.get(user=people[3])
    assert note.kind == "volunteering.signup.waitlisted"
    assert note.data["position"] == 2


def test_no_second_sign_up(shift, people):
    sign_up(people[0], shift)
    with pytest.raises(DomainError, match="already signed up"):
        sign_up(people[0], shift)
    assert shift.signups.count() == 1


def test_sign_up_again_after_cancelling(shift, people):
    first = sign_up(people[0], shift)
    services.signup_cancel(actor=people[0], signup=first)
    assert sign_up(people[0], shift).status == S.CONFIRMED


def test_no_overlapping_shifts(world, shift, people):
    other = published_task(
        world["staff"],
        world["home"],
        title="垃圾分类宣传",
        shifts=[{"starts_at": in_days(3, 11), "ends_at": in_days(3, 14), "capacity": 5}],
    )
    sign_up(people[0], shift)
    with pytest.raises(DomainError, match="already hold a shift"):
        sign_up(people[0], other.shifts.get())


def test_back_to_back_shifts_do_not_overlap(world, shift, people):
    later = published_task(
        world["staff"],
        world["home"],
        shifts=[{"starts_at": in_days(3, 12), "ends_at": in_days(3, 15), "capacity": 5}],
    )
    sign_up(people[0], shift)
    assert sign_up(people[0], later.shifts.get()).status == S.CONFIRMED


def test_no_sign_up_after_the_deadline(world, people):
    task = published_task(
        world["staff"],
        world["home"],
        shifts=[
            {
                "starts_at": in_days(1),
                "ends_at": in_days(1, 11),
                "capacity": 5,
                "signup_deadline": timezone.now() + datetime.timedelta(minutes=1),
            }
        ],
    )
    shift = task.shifts.get()
    Shift.objects.filter(pk=shift.pk).update(
        signup_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(DomainError, match="deadline"):
        sign_up(people[0], shift)


def test_no_sign_up_for_a_started_shift(shift, people):
    Shift.objects.filter(pk=shift.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=1))
    shift.refresh_from_db()
    with pytest.raises(DomainError, match="already started"):
        sign_up(people[0], shift)


def test_no_sign_up_for_a_cancelled_task(world, task, shift, people):
    services.task_cancel(actor=world["staff"], task=task, reason="台风预警")
    with pytest.raises(DomainError, match="not taking sign-ups"):
        sign_up(people[0], shift)


def test_only_verified_volunteers(world, shift):
    with pytest.raises(DomainError, match="real-name"):
        sign_up(volunteer(world["home"], verified=False), shift)
    with pytest.raises(NotPermitted):
        sign_up(world["resident"], shift)


def test_age_limits_from_the_id_number(world):
    task = published_task(world["staff"], world["home"], min_age=18, max_age=60)
    shift = task.shifts.get()
    young = volunteer(world["home"], born=f"{timezone.now().year - 16}0101")
    old = volunteer(world["home"], born=f"{timezone.now().year - 70}0101")
    for person in (young, old):
        with pytest.raises(DomainError, match="aged"):
            sign_up(person, shift)
    assert sign_up(volunteer(world["home"], born="19900101"), shift).status == S.CONFIRMED


def test_required_skills(world):
    first_aid = SkillFactory(name_zh="急救", name_en="First aid")
    task = published_task(world["staff"], world["home"], required_skills=[first_aid])
    shift = task.shifts.get()
    with pytest.raises(DomainError, match="急救|First aid"):
        sign_up(volunteer(world["home"]), shift)
    assert sign_up(volunteer(world["home"], skills=[first_aid]), shift).status == S.CONFIRMED


def test_approval_mode(world, people):
    task = published_task(world["staff"], world["home"], requires_approval=True)
    shift = task.shifts.get()
    signups = [sign_up(p, shift) for p in people[:3]]
    assert {s.status for s in signups} == {S.PENDING}
    shift.refresh_from_db()
    assert shift.confirmed_count == 0
    with pytest.raises(NotPermitted):
        services.signup_approve(actor=world["other_staff"], signup=signups[0])
    approved = [services.signup_approve(actor=world["staff"], signup=s) for s in signups[:2]]
    assert [s.status for s in approved] == [S.CONFIRMED, S.CONFIRMED]
    with pytest.raises(DomainError, match="why"):
        services.signup_reject(actor=world["staff"], signup=signups[2], reason=" ")
    rejected = services.signup_reject(actor=world["staff"], signup=signups[2], reason="名额已满")
    assert rejected.status == S.REJECTED
    assert Notification.objects.filter(user=people[2], kind="volunteering.signup.rejected")


def test_only_the_volunteer_or_organizers_cancel(world, shift, people):
    signup = sign_up(people[0], shift)
    with pytest.raises(NotPermitted):
        services.signup_cancel(actor=people[1], signup=signup)
    with pytest.raises(DomainError, match="why"):
        services.signup_cancel(actor=world["staff"], signup=signup)
    services.signup_cancel(actor=world["staff"], signup=signup, reason="重复报名")
    signup.refresh_from_db()
    assert signup.status == S.CANCELLED


def test_cancelling_a_task_releases_and_tells_everyone(world, task, shift, people):
    for p in people:
        sign_up(p, shift)
    services.task_cancel(actor=world["staff"], task=task, reason="台风预警")
    assert set(shift.signups.values_list("status", flat=True)) == {S.CANCELLED}
    shift.refresh_from_db()
    assert shift.confirmed_count == 0
    told = Notification.objects.filter(kind="volunteering.task.cancelled")
    assert sorted(n.user_id for n in told) == sorted(p.pk for p in people)
    assert told.first().data["reason"] == "台风预警"


def test_new_time_is_announced_and_more_places_promote(world, shift, people):
    for p in people:
        sign_up(p, shift)
    services.shift_update(
        actor=world["staff"],
        shift=shift,
        starts_at=in_days(4),
        ends_at=in_days(4, 12),
        capacity=3,
    )
    assert Notification.objects.filter(user=people[2], kind="volunteering.signup.promoted")
    changed = Notification.objects.filter(kind="volunteering.shift.changed")
    assert sorted(n.user_id for n in changed) == sorted([people[0].pk, people[1].pk, people[3].pk])


def test_places_cannot_drop_below_confirmed(world, shift, people):
    for p in people[:2]:
        sign_up(p, shift)
    with pytest.raises(DomainError, match="already confirmed"):
        services.shift_update(actor=world["staff"], shift=shift, capacity=1)
    shift.refresh_from_db()
    assert shift.capacity == 2


def test_only_the_community_or_organization_manages(world, task):
    with pytest.raises(NotPermitted):
        services.task_cancel(actor=world["other_staff"], task=task, reason="x")
    with pytest.raises(NotPermitted):
        published_task(world["other_staff"], world["home"])


def test_every_change_is_audited(shift, people):
    signups = [sign_up(p, shift) for p in people[:3]]
    services.signup_cancel(actor=people[0], signup=signups[0])
    events = list(AuditEvent.objects.values_list("event", flat=True))
    for event in (
        "volunteering.task.created",
        "volunteering.task.published",
        "volunteering.signup.confirmed",
        "volunteering.signup.waitlisted",
        "volunteering.signup.cancelled",
        "volunteering.signup.promoted",
    ):
        assert event in events


def test_day_before_reminder_once(world, people, django_capture_on_commit_callbacks):
    from marketplace.volunteering.services.reminders import shift_reminders_send

    soon = published_task(
        world["staff"],
        world["home"],
        shifts=[{"starts_at": in_days(0.5), "ends_at": in_days(0.5, 23), "capacity": 1}],
    ).shifts.get()
    later = published_task(world["staff"], world["home"]).shifts.get()  # three days away
    sign_up(people[0], soon)
    sign_up(people[1], soon)  # waitlisted: no reminder
    sign_up(people[2], later)
    with django_capture_on_commit_callbacks(execute=True):
        assert shift_reminders_send() == 1
    assert shift_reminders_send() == 0
    reminded = Notification.objects.filter(kind="volunteering.shift.reminder")
    assert [n.user for n in reminded] == [people[0]]
