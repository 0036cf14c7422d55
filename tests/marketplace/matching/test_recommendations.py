"""“Recommended for you”: tasks the volunteer can join, best first, soonest on a tie."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.matching.recommendations import recommended_tasks
from marketplace.volunteering import services
from marketplace.volunteering.models import Shift
from tests.factories import CategoryFactory, SkillFactory
from tests.factories.volunteering import published_task, volunteer

from .builders import next_saturday

pytestmark = pytest.mark.clock_sweep


def saturday_shift(hour=9, weeks=1, capacity=3, **fields):
    starts = next_saturday(hour, weeks)
    return {
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=2),
        "capacity": capacity,
        **fields,
    }


def titles(matches):
    return [m.candidate.title for m in matches]


def free_on_weekend_mornings(person, skills=()):
    profile = person.volunteer_profile
    profile.availability = ["weekend_morning"]
    profile.save()
    profile.skills.set(skills)
    return person


def test_fit_ranks_first_and_the_soonest_breaks_a_tie(world):
    first_aid = SkillFactory(name_zh="急救", name_en="First aid")
    person = free_on_weekend_mornings(volunteer(world["home"]), [first_aid])
    staff, home, other = world["staff"], world["home"], world["other"]
    published_task(staff, home, title="下周活动", shifts=[saturday_shift(weeks=2)])
    published_task(staff, home, title="本周活动", shifts=[saturday_shift(weeks=1)])
    published_task(
        staff, home, title="急救宣传", required_skills=[first_aid], shifts=[saturday_shift(weeks=3)]
    )
    published_task(world["other_staff"], other, title="隔壁社区", shifts=[saturday_shift()])
    found = recommended_tasks(user=person)
    assert titles(found) == ["急救宣传", "本周活动", "下周活动", "隔壁社区"]
    assert "It uses your skills: First aid." in found[0].reasons
    assert "It is in your community." in found[1].reasons
    assert "It is in your street." in found[3].reasons
    assert found[1].candidate.open_places == 3


def test_only_shifts_the_volunteer_is_free_for(world):
    person = free_on_weekend_mornings(volunteer(world["home"]))
    staff, home = world["staff"], world["home"]
    published_task(staff, home, title="周六下午", shifts=[saturday_shift(hour=14)])
    published_task(staff, home, title="已截止", shifts=[saturday_shift(signup_deadline=None)])
    Shift.objects.filter(task__title="已截止").update(
        signup_deadline=next_saturday(9) - datetime.timedelta(days=30)
    )
    full = published_task(staff, home, title="已满", shifts=[saturday_shift(capacity=1)])
    services.shift_signup(actor=volunteer(home), shift=full.shifts.get())
    mine = published_task(staff, home, title="已报名", shifts=[saturday_shift(weeks=2)])
    services.shift_signup(actor=person, shift=mine.shifts.get())
    clash = published_task(staff, home, title="同一时间", shifts=[saturday_shift(weeks=2)])
    published_task(
        staff, home, title="需要技能", required_skills=[SkillFactory()], shifts=[saturday_shift()]
    )
    published_task(staff, home, title="限老年人", min_age=90, shifts=[saturday_shift()])
    assert titles(recommended_tasks(user=person)) == []
    assert clash.shifts.get().open_places == 3


def test_experience_in_a_category_counts(world):
    elderly = world["category"]
    person = free_on_weekend_mornings(volunteer(world["home"]))
    past = published_task(world["staff"], world["home"], category=elderly, title="以前的")
    signup = services.shift_signup(actor=person, shift=past.shifts.get())
    type(signup).objects.filter(pk=signup.pk).update(attendance="attended", status="cancelled")
    type(past).objects.filter(pk=past.pk).update(status="completed")
    published_task(
        world["staff"], world["home"], category=CategoryFactory(), shifts=[saturday_shift()]
    )
    published_task(
        world["staff"],
        world["home"],
        category=elderly,
        title="养老",
        shifts=[saturday_shift(weeks=2)],
    )
    found = recommended_tasks(user=person)
    assert found[0].candidate.title == "养老"
    assert found[0].part("category").fit > 0


def test_no_profile_no_recommendations(world):
    assert recommended_tasks(user=world["resident"]) == []
    assert recommended_tasks(user=world["anonymous"]) == []


def test_queries_do_not_grow_with_tasks(world, django_assert_max_num_queries):
    person = free_on_weekend_mornings(volunteer(world["home"]))
    published_task(world["staff"], world["home"], shifts=[saturday_shift()])
    with CaptureQueriesContext(connection) as few:
        recommended_tasks(user=person)
    for n in range(8):
        published_task(world["staff"], world["home"], shifts=[saturday_shift(weeks=1 + n)])
    with django_assert_max_num_queries(len(few)):
        assert len(recommended_tasks(user=person, limit=20)) == 9


def test_the_task_list_shows_them(client, world):
    person = free_on_weekend_mornings(volunteer(world["home"]))
    published_task(world["staff"], world["home"], title="周末助老", shifts=[saturday_shift()])
    client.force_login(person)
    html = client.get("/en/volunteering/").content.decode()
    assert "Recommended for you" in html and "It is in your community." in html
