"""The search page: one box over everything public, filters and facets, a 15-minute walk,
bad input shown as a message, staff see why a result ranks where it does."""

import pytest

from marketplace.demands import services as demands
from search.models import Entry
from tests.factories import DemandFactory, FacilityFactory


@pytest.fixture
def indexed(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        demand = DemandFactory(
            community=world["home"],
            category=world["category"],
            title="居家养老服务需求",
            latitude=29.8770,
            longitude=121.5440,
        )
        demands.demand_publish(actor=world["staff"], demand=demand)
        FacilityFactory(
            community=world["home"],
            name="杏花社区老年人助餐点",
            latitude=29.8800,
            longitude=121.5440,
        )
        FacilityFactory(
            community=world["home"], name="湖西村助餐点", latitude=29.9500, longitude=121.5440
        )
    assert Entry.objects.count() >= 3
    return {"demand": demand}


def test_one_box_finds_chinese_text(client, indexed):
    page = client.get("/en/search/", {"q": "助餐"})
    titles = [hit.title for hit in page.context["results"].hits]
    assert set(titles) == {"杏花社区老年人助餐点", "湖西村助餐点"}
    assert "居家养老服务需求" in client.get("/en/search/", {"q": "养老"}).content.decode()


def test_fifteen_minute_walk_and_facets(client, indexed):
    page = client.get(
        "/en/search/", {"q": "助餐", "lat": "29.8770", "lon": "121.5440", "walk": "on"}
    )
    hits = page.context["results"].hits
    assert [h.title for h in hits] == ["杏花社区老年人助餐点"]
    assert "0.3 km away" in page.content.decode()
    everything = client.get("/en/search/", {"q": "社区"}).context["results"]
    assert dict(everything.facets["type"]).keys() <= {"demand", "facility"}


@pytest.mark.parametrize(
    "params",
    [
        {"q": "养老", "lat": "95", "lon": "121"},
        {"q": "养老", "lat": "29.8"},
        {"q": "养老", "walk": "on"},
        {"q": "养老" * 200},
        {"q": "养老", "page": "999"},
        {"q": "养老", "type": "bid"},
        {"q": '养老" OR 1=1 --'},
    ],
)
def test_bad_input_never_fails(client, indexed, params):
    response = client.get("/en/search/", params)
    assert response.status_code == 200


def test_staff_see_why_and_find_staff_only_documents(client, world, indexed):
    client.force_login(world["staff"])
    page = client.get("/en/search/", {"q": "养老"})
    assert "Why it ranks here" in page.content.decode()
    client.force_login(world["resident"])
    assert "Why it ranks here" not in client.get("/en/search/", {"q": "养老"}).content.decode()
