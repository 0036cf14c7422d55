"""Suggestions as you type: titles starting with what is in the box, as JSON; the
public sees public titles only; long or odd input is cut down, never an error."""

import pytest

from marketplace.accounts.models import SocialWorkerProfile
from tests.factories import FacilityFactory, UserFactory


@pytest.fixture
def titles(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        FacilityFactory(community=world["home"], name="杏花社区老年人助餐点")
        FacilityFactory(community=world["home"], name="杏花社区卫生服务站")
        FacilityFactory(community=world["home"], name="湖西村助餐点")
        worker = UserFactory(name="杏花社工李老师")
        SocialWorkerProfile.objects.create(user=worker, level="intermediate")


def suggest(client, q):
    response = client.get("/en/search/suggest/", {"q": q})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_titles_starting_with_the_prefix(client, titles):
    data = suggest(client, "杏花")
    assert data == {"q": "杏花", "suggestions": ["杏花社区卫生服务站", "杏花社区老年人助餐点"]}
    assert suggest(client, " 湖西 ")["suggestions"] == ["湖西村助餐点"]
    assert suggest(client, "")["suggestions"] == []
    assert client.get("/en/search/suggest/").json() == {"q": "", "suggestions": []}


def test_staff_only_titles_reach_staff_only(client, world, titles):
    assert "杏花社工李老师" not in suggest(client, "杏花")["suggestions"]
    client.force_login(world["resident"])
    assert "杏花社工李老师" not in suggest(client, "杏花")["suggestions"]
    assert "max-age=60" in client.get("/en/search/suggest/", {"q": "杏花"})["Cache-Control"]
    client.force_login(world["staff"])
    assert "杏花社工李老师" in suggest(client, "杏花")["suggestions"]
    # What staff are suggested includes staff-only titles: never kept in a browser cache.
    assert "no-store" in client.get("/en/search/suggest/", {"q": "杏花"})["Cache-Control"]


@pytest.mark.parametrize("q", ["杏" * 10_000, "杏花\x00社区", "'; DROP TABLE x; --", "%_*?"])
def test_odd_input_is_cut_down_never_an_error(client, titles, q):
    data = suggest(client, q)
    assert len(data["q"]) <= 40 and "\x00" not in data["q"]
    assert isinstance(data["suggestions"], list)
    expected = ["杏花社区卫生服务站", "杏花社区老年人助餐点"] if "杏花" in q else []
    assert data["suggestions"] == expected


def test_bytes_that_are_not_utf8(client, titles):
    response = client.get("/en/search/suggest/?q=%FF%FE%E6%9D")
    assert response.status_code == 200 and response.json()["suggestions"] == []


def test_only_get(client, titles):
    assert client.post("/en/search/suggest/", {"q": "杏花"}).status_code == 405


def test_the_search_box_asks_for_suggestions(client):
    html = client.get("/en/search/").content.decode()
    assert 'list="search-suggestions"' in html and '<datalist id="search-suggestions">' in html
    assert 'data-suggest-url="/en/search/suggest/"' in html
    assert "js/search.js" in html
