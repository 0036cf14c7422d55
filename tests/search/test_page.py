"""The search page: one box over everything public, filters and facets, a 15-minute walk,
bad input shown as a message, staff see why a result ranks where it does."""

import datetime

import pytest
from django.db import connection
from django.template.defaultfilters import floatformat
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.demands import services as demands
from marketplace.regions.models import FacilityType
from search import ranking
from search.models import Entry
from search.service import run_search
from tests.factories import CategoryFactory, DemandFactory, FacilityFactory
from tests.factories.volunteering import published_task


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


@pytest.fixture
def varied(world, indexed, django_capture_on_commit_callbacks):
    """Besides `indexed`: a task with places open, a canteen and a later demand elsewhere."""
    soon = timezone.now() + datetime.timedelta(days=20)
    with django_capture_on_commit_callbacks(execute=True):
        task = published_task(
            world["staff"], world["home"], title="社区助老志愿服务", category=world["category"]
        )
        FacilityFactory(
            community=world["other"],
            name="幸福里社区食堂",
            type=FacilityType.CANTEEN,
            latitude=29.8000,
            longitude=121.5000,
        )
        later = DemandFactory(
            community=world["other"],
            category=CategoryFactory(code="childcare", name_zh="托育", name_en="Childcare"),
            kind="public",
            title="托育服务需求",
            starts_at=soon,
            ends_at=soon + datetime.timedelta(hours=2),
        )
        demands.demand_publish(actor=world["other_staff"], demand=later)
    return {**indexed, "task": task, "later": later}


def search(client, **params):
    return client.get("/en/search/", params)


def facet(page, name) -> dict[str, int]:
    """label → count of one facet on a results page."""
    for f in page.context["facets"]:
        if f.name == name:
            return {v.label: v.count for v in f.shown + f.more}
    return {}


def ordered(page) -> list[str]:
    return [hit.title for hit in page.context["results"].hits]


def titles(page) -> set[str]:
    return set(ordered(page))


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


def test_every_facet_value_filters_to_its_count(client, varied):
    page = search(client, q="")
    facets = page.context["facets"]
    assert {f.name for f in facets} >= {"type", "category", "kind", "status", "community"}
    for f in facets:
        for value in f.shown + f.more:
            narrowed = client.get(f"/en/search/?{value.href}")
            assert narrowed.context["results"].total == value.count, (f.name, value.label)
            assert list(narrowed.context["form"].cleaned_data[f.name]) == [value.value]


def test_facets_name_values_in_the_readers_language(client, world, varied):
    page = search(client, q="")
    assert facet(page, "community") == {world["home"].name: 4, world["other"].name: 2}
    assert facet(page, "street") == {world["streets"][0].name: 6}
    assert facet(page, "district") == {world["district"].name: 6}
    assert facet(page, "category") == {"Elderly care": 2, "Childcare": 1}
    assert facet(page, "status") == {"Open": 2, "Published": 1}
    kinds = facet(page, "kind")
    assert kinds["Elderly-care station"] == 2 and kinds["Community canteen (meal assistance)"] == 1
    assert kinds["Volunteer service"] == 2 and kinds["Public service"] == 1
    assert "养老" in facet(client.get("/search/", {"q": ""}), "category")


def test_region_names_come_from_one_query(client, varied):
    with CaptureQueriesContext(connection) as queries:
        search(client, q="", community=str(varied["later"].community_id))
    region_reads = [q for q in queries if 'FROM "regions_region"' in q["sql"]]
    assert len(region_reads) == 1


def test_values_of_one_facet_are_alternatives(client, world, varied):
    home, other = str(world["home"].pk), str(world["other"].pk)
    one = search(client, q="", community=home)
    assert one.context["results"].total == 4
    # The other community stays on offer, with its own count, to widen the search.
    assert facet(one, "community") == {world["home"].name: 4, world["other"].name: 2}
    both = client.get(f"/en/search/?q=&community={home}&community={other}")
    assert both.context["results"].total == 6
    narrowed = client.get(f"/en/search/?q=&community={home}&type=facility")
    assert titles(narrowed) == {"杏花社区老年人助餐点", "湖西村助餐点"}


def test_chosen_filters_are_chips_that_remove_themselves(client, world, varied):
    page = search(client, q="", category="elderly-care", open_seats="on")
    chips = {chip.text: chip.href for chip in page.context["chips"]}
    assert set(chips) == {"Category: Elderly care", "Volunteer places still open"}
    assert titles(page) == {"社区助老志愿服务"}
    html = page.content.decode()
    assert "Category: Elderly care" in html and "Remove all filters" in html
    wider = client.get(f"/en/search/?{chips['Volunteer places still open']}")
    assert titles(wider) == {"居家养老服务需求", "社区助老志愿服务"}
    assert [c.text for c in wider.context["chips"]] == ["Category: Elderly care"]


def test_date_range(client, varied):
    today = timezone.localdate()
    later = search(client, q="", starts_from=str(today + datetime.timedelta(days=10)))
    assert titles(later) == {"托育服务需求"}
    sooner = search(client, q="", starts_until=str(today + datetime.timedelta(days=5)))
    assert titles(sooner) == {"居家养老服务需求", "社区助老志愿服务"}
    backwards = search(client, q="", starts_from=str(today), starts_until="2001-01-01")
    assert "starts_until" in backwards.context["form"].errors
    assert backwards.context["results"] is None


def test_sort_by_distance_needs_a_point(client, varied):
    page = search(client, q="", sort="distance")
    assert "sort" in page.context["form"].errors
    assert "To sort by distance, give a point first." in page.content.decode()
    near = search(client, q="助餐", sort="distance", lat="29.9500", lon="121.5440")
    assert ordered(near) == ["湖西村助餐点", "杏花社区老年人助餐点"]
    by_date = search(client, q="", sort="date", type="demand")
    assert ordered(by_date) == ["居家养老服务需求", "托育服务需求"]


def test_the_fallback_notice_shows_above_the_results(client, indexed, monkeypatch):
    def answered_by_the_database(query):
        return run_search(query)[0], "Search is running on the backup."

    monkeypatch.setattr("search.views.run_search", answered_by_the_database)
    html = search(client, q="助餐").content.decode()
    assert 'role="alert"><p>Search is running on the backup.</p>' in html
    assert html.index("Search is running on the backup.") < html.index("杏花社区老年人助餐点")
    assert "running on the backup" not in client.get("/en/search/", {"q": "x", "lat": "9"}).text


def test_near_my_community(client, world, indexed):
    home = world["home"]
    client.force_login(world["resident"])
    page = search(client, q="助餐")
    assert f"Near my community ({home.name})" in page.content.decode()
    response = search(client, q="助餐", near="home", page="2")
    assert response.status_code == 302
    assert f"lat={home.latitude:.6f}" in response["Location"] and "page" not in response["Location"]
    followed = client.get(response["Location"])
    assert f"Near your community, {home.name}" in followed.content.decode()
    client.logout()
    anonymous = search(client, q="助餐", near="home")
    assert anonymous.status_code == 200 and anonymous.context["form"].errors


def test_a_page_past_the_end_says_so_and_links_to_the_last(client, indexed):
    page = search(client, q="助餐", page="7")
    html = page.content.decode()
    assert "There is no such page: these results end at page 1." in html
    assert 'href="?q=%E5%8A%A9%E9%A4%90&amp;page=1"' in html
    assert "杏花社区老年人助餐点" not in html
    huge = search(client, q="助餐", page="9" * 30)
    assert "There is no such page" in huge.content.decode()


HOSTILE = [
    {"q": "养老", "lat": "95", "lon": "121"},
    {"q": "养老", "lat": "29.8"},
    {"q": "养老", "walk": "on"},
    {"q": "养老" * 200},
    {"q": "x" * 10_000},
    {"q": "养老\x00"},
    {"q": "养老", "page": "0"},
    {"q": "养老", "page": "-3"},
    {"q": "养老", "page": "9" * 5000},
    {"q": "养老", "page": "1e9"},
    {"q": "养老", "type": "bid"},
    {"q": "养老", "type": "socialworker"},
    {"q": "养老", "lat": "abc", "lon": "121"},
    {"q": "养老", "lat": "nan", "lon": "inf"},
    {"q": "养老", "category": '"elderly-care" OR 1=1 --'},
    {"q": "养老", "category": "a'b"},
    {"q": "养老", "kind": "<script>"},
    {"q": "养老", "community": "abc"},
    {"q": "养老", "district": "0"},
    {"q": "养老", "street": "9" * 40},
    {"q": "养老", "community": [str(n) for n in range(1, 40)]},
    {"q": "养老", "starts_from": "2026-13-45"},
    {"q": "养老", "starts_until": "0001-01-01"},
    {"q": "养老", "sort": "price"},
    {"q": "养老", "near": "moon"},
]


@pytest.mark.parametrize("params", HOSTILE)
def test_bad_input_is_a_form_error_never_a_failure(client, indexed, params):
    response = client.get("/en/search/", params)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["results"] is None
    assert "Please check the search:" in response.content.decode()


def test_quotes_in_the_text_are_only_text(client, indexed):
    response = client.get("/en/search/", {"q": '养老" OR 1=1 --'})
    assert response.status_code == 200 and not response.context["form"].errors


def test_staff_see_why_and_find_staff_only_documents(client, world, indexed):
    client.force_login(world["staff"])
    page = client.get("/en/search/", {"q": "养老"})
    assert "Why it ranks here" in page.content.decode()
    client.force_login(world["resident"])
    assert "Why it ranks here" not in client.get("/en/search/", {"q": "养老"}).content.decode()


def test_the_explanation_shows_each_part_its_weight_and_the_total(client, world, indexed):
    client.force_login(world["staff"])
    page = search(client, q="养老", lat="29.8770", lon="121.5440")
    (hit,) = page.context["results"].hits
    html = page.content.decode()
    for name in ("Text match", "Rating", "Distance", "Freshness", "Weight", "Points", "Total"):
        assert f">{name}<" in html
    for weight in (ranking.TEXT, ranking.RATING, ranking.DISTANCE, ranking.FRESHNESS):
        assert f"<td>{weight:.2f}</td>" in html
    assert f"<strong>{floatformat(hit.explain['total'], 3)}</strong>" in html


def test_the_page_reads_a_bounded_number_of_queries(
    client, world, varied, django_assert_max_num_queries
):
    """One search, its facets, one read of names; plus one search per facet chosen."""
    with django_assert_max_num_queries(6):
        search(client, q="助餐")
    with django_assert_max_num_queries(6 + 3 * 4):
        search(client, q="", category="elderly-care", community=str(world["home"].pk), type="task")
