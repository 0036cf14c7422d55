"""Party members reporting to their community."""

import pytest

from marketplace.core.errors import DomainError, NotPermitted
from marketplace.volunteering import services
from marketplace.volunteering.models import PartyMemberRegistration
from tests.factories.volunteering import in_days, published_task, volunteer


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
