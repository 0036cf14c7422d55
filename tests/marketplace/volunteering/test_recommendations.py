"""“Recommended for you” and Party members reporting to their community."""

import pytest

from marketplace.core.errors import DomainError, NotPermitted
from marketplace.volunteering import services
from marketplace.volunteering.models import PartyMemberRegistration
from marketplace.volunteering.recommendations import recommended_tasks, shift_slot
from tests.factories import SkillFactory
from tests.factories.volunteering import in_days, published_task, volunteer


def titles(recs):
    return [r.task.title for r in recs]


def test_home_community_and_skills_rank_first(world):
    first_aid = SkillFactory(name_zh="急救", name_en="First aid")
    person = volunteer(world["home"], skills=[first_aid])
    published_task(world["other_staff"], world["other"], title="隔壁社区活动")
    published_task(world["staff"], world["home"], title="本社区活动")
    published_task(
        world["staff"], world["home"], title="本社区急救宣传", required_skills=[first_aid]
    )
    recs = recommended_tasks(user=person)
    assert titles(recs)[:2] == ["本社区急救宣传", "本社区活动"]
    assert "隔壁社区活动" in titles(recs)
    assert any(first_aid.name in reason for reason in recs[0].reasons)


def test_tasks_one_cannot_join_are_left_out(world):
    first_aid = SkillFactory(name_zh="急救", name_en="First aid")
    person = volunteer(world["home"])
    published_task(world["staff"], world["home"], title="需要急救证", required_skills=[first_aid])
    joined = published_task(world["staff"], world["home"], title="已报名")
    services.shift_signup(actor=person, shift=joined.shifts.get())
    full = published_task(
        world["staff"],
        world["home"],
        title="已满",
        shifts=[{"starts_at": in_days(4), "ends_at": in_days(4, 11), "capacity": 1}],
    )
    services.shift_signup(actor=volunteer(world["home"]), shift=full.shifts.get())
    assert titles(recommended_tasks(user=person)) == []


def test_availability_counts(world):
    person = volunteer(world["home"])
    profile = person.volunteer_profile
    shift = published_task(world["other_staff"], world["other"], title="x").shifts.get()
    profile.availability = [shift_slot(shift)]
    profile.save()
    rec = recommended_tasks(user=person)[0]
    assert rec.score >= 2


def test_party_member_reports_and_sees_that_community_first(client, world):
    person = volunteer(world["home"])
    published_task(world["staff"], world["home"], title="家门口的活动")
    published_task(
        world["other_staff"],
        world["other"],
        title="报到社区的活动",
        shifts=[{"starts_at": in_days(9), "ends_at": in_days(9, 11), "capacity": 3}],
    )
    client.force_login(person)
    response = client.post(
        "/volunteering/party/", {"community": world["other"].pk, "workplace": "区卫健局"}
    )
    assert response.status_code == 302
    registration = PartyMemberRegistration.objects.get(volunteer=person)
    assert registration.community == world["other"]
    person.volunteer_profile.refresh_from_db()
    assert person.volunteer_profile.is_party_member
    page = client.get("/volunteering/?q=活动").content.decode()
    assert page.index("报到社区的活动") < page.index("家门口的活动")


def test_reporting_again_moves_the_registration(world):
    person = volunteer(world["home"])
    services.party_registration_create(actor=person, community=world["home"])
    with pytest.raises(DomainError, match="already reported"):
        services.party_registration_create(actor=person, community=world["home"])
    services.party_registration_create(actor=person, community=world["other"])
    current = PartyMemberRegistration.objects.filter(volunteer=person, ended_at=None)
    assert [r.community for r in current] == [world["other"]]
    assert PartyMemberRegistration.objects.filter(volunteer=person).count() == 2


def test_only_volunteers_report(world):
    with pytest.raises(NotPermitted):
        services.party_registration_create(actor=world["resident"], community=world["home"])


def test_staff_see_who_reported_with_their_hours(client, world):
    person = volunteer(world["home"])
    services.party_registration_create(actor=person, community=world["home"], workplace="区税务局")
    client.force_login(world["staff"])
    page = client.get("/admin/partymemberregistration/").content.decode()
    assert str(person) in page and "区税务局" in page
    client.force_login(world["other_staff"])
    assert str(person) not in client.get("/admin/partymemberregistration/").content.decode()
