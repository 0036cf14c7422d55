"""What every search backend must do, checked the same way on each."""

import datetime

import pytest
from django.utils import timezone

from marketplace.core.errors import DomainError
from search.backends.base import WALK_15_MIN_KM, SearchQuery
from search.documents.base import PUBLIC, STAFF, doc_id, text_fields
from search.registry import TYPES

HOME = (29.8770, 121.5440)  # 杏花社区
NOW = timezone.now()


def doc(type_key, pk, title, *text, lat=None, lon=None, rating=3.0, age_days=1, **fields):
    document = TYPES[type_key].document(
        meta={"id": doc_id(type_key, pk)},
        type=type_key,
        object_id=str(pk),
        url=f"/{type_key}/{pk}/",
        visibility=fields.pop("visibility", PUBLIC),
        location={"lat": lat, "lon": lon} if lat is not None else None,
        rating=rating,
        updated_at=NOW - datetime.timedelta(days=age_days),
        **fields,
        **text_fields(title, *text),
    )
    return document


def near(km_north: float) -> dict:
    return {"lat": HOME[0] + km_north / 110.574, "lon": HOME[1]}


CORPUS = [
    doc(
        "demand",
        1,
        "居家养老服务需求",
        "为高龄老人提供上门照护",
        category="elderly-care",
        status="open",
        community="11",
        street="1",
        district="100",
        starts_at=NOW,
        **near(0.3),
    ),
    doc(
        "facility",
        2,
        "杏花社区食堂（老年人助餐点）",
        "每日午餐",
        kind="canteen",
        community="11",
        street="1",
        district="100",
        **near(0.5),
    ),
    doc(
        "task",
        3,
        "杏花社区高龄独居老人每周探访",
        "陪伴聊天",
        category="elderly-care",
        status="published",
        open_seats=2,
        community="11",
        street="1",
        district="100",
        starts_at=NOW + datetime.timedelta(days=3),
        **near(2.0),
    ),
    doc(
        "task",
        4,
        "湖西村暑期儿童托管",
        "四点半课堂",
        category="childcare",
        status="published",
        open_seats=0,
        community="12",
        street="2",
        district="100",
        starts_at=NOW + datetime.timedelta(days=10),
        **near(8.0),
    ),
    doc(
        "socialworker",
        5,
        "陈静怡",
        "中级社会工作师 养老 心理疏导",
        visibility=STAFF,
        category="elderly-care",
    ),
    doc(
        "organization",
        6,
        "临江区乐龄养老服务中心",
        "居家养老 助餐 助浴",
        category="elderly-care",
        rating=4.6,
        **near(0.9),
    ),
    doc(
        "organization",
        7,
        "清川市安居养老服务有限公司",
        "居家养老 助餐",
        category="elderly-care",
        rating=2.4,
        **near(0.9),
    ),
]


@pytest.fixture
def indexed(backend):
    assert backend.index(CORPUS) == len(CORPUS)
    return backend


def ids(results) -> list[str]:
    return [hit.doc_id for hit in results.hits]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("养老", "demand-1"),
        ("助餐", "facility-2"),
        ("助餐点", "facility-2"),
        ("老人", "task-3"),
        ("独居老人，探访！", "task-3"),
        ("ＴＡＳＫ养老", None),  # a latin word no document has: nothing
    ],
)
def test_chinese_text(indexed, text, expected):
    found = ids(indexed.search(SearchQuery(text=text)))
    if expected is None:
        assert found == []
    else:
        assert expected in found


def test_filters_and_facets(indexed):
    results = indexed.search(SearchQuery(text="养老", filters={"category": ("elderly-care",)}))
    assert set(ids(results)) == {"demand-1", "organization-6", "organization-7"}
    assert dict(results.facets["type"]) == {"demand": 1, "organization": 2}
    tasks = indexed.search(SearchQuery(types=("task",), open_seats=True))
    assert ids(tasks) == ["task-3"]
    dated = indexed.search(
        SearchQuery(types=("task",), starts_from=NOW + datetime.timedelta(days=5))
    )
    assert ids(dated) == ["task-4"]
    by_street = indexed.search(SearchQuery(filters={"street": ("2",)}))
    assert ids(by_street) == ["task-4"]
    assert dict(indexed.search(SearchQuery()).facets["community"]) == {"11": 3, "12": 1}


def test_fifteen_minute_walk_and_distance_order(indexed):
    walk = indexed.search(SearchQuery(near=HOME, within_km=WALK_15_MIN_KM, sort="distance"))
    # The two providers 0.9 km away tie on distance; the order breaks ties by id.
    assert ids(walk) == ["demand-1", "facility-2", "organization-6", "organization-7"]
    outside = indexed.search(SearchQuery(near=HOME, within_km=0.4))
    assert ids(outside) == ["demand-1"]
    assert all(hit.distance_km <= WALK_15_MIN_KM + 1e-6 for hit in walk.hits)
    assert walk.hits[0].distance_km == pytest.approx(0.3, abs=0.01)


def test_ranking_weighs_rating_and_distance(indexed):
    # Same text and distance: the better-rated provider first.
    results = indexed.search(SearchQuery(text="居家养老", types=("organization",)))
    assert ids(results) == ["organization-6", "organization-7"]
    assert results.hits[0].explain["rating"] > results.hits[1].explain["rating"]
    # With a point: the nearer task first, and the explanation says why.
    tasks = indexed.search(SearchQuery(types=("task",), near=HOME))
    assert ids(tasks) == ["task-3", "task-4"]
    assert tasks.hits[0].explain["distance"] > tasks.hits[1].explain["distance"]


def test_staff_only_documents_stay_out_of_public_results(indexed):
    assert "socialworker-5" not in ids(indexed.search(SearchQuery(text="陈静怡")))
    staff = indexed.search(SearchQuery(text="陈静怡", visibilities=(PUBLIC, STAFF)))
    assert ids(staff) == ["socialworker-5"]


def test_update_delete_and_counts(indexed):
    assert indexed.count() == len(CORPUS) and indexed.count("task") == 2
    changed = doc("facility", 2, "杏花社区理发点", "义务理发", **near(0.5))
    indexed.index([changed])
    assert "facility-2" not in ids(indexed.search(SearchQuery(text="助餐")))
    assert ids(indexed.search(SearchQuery(text="理发"))) == ["facility-2"]
    indexed.delete(["facility-2"])
    assert indexed.search(SearchQuery(text="理发")).total == 0
    assert indexed.count() == len(CORPUS) - 1


def test_paging(indexed):
    first = indexed.search(SearchQuery(page_size=3))
    second = indexed.search(SearchQuery(page_size=3, page=2))
    assert first.total == second.total == 6  # the staff-only one is not counted
    assert not set(ids(first)) & set(ids(second))
    beyond = indexed.search(SearchQuery(page=40))
    assert beyond.hits == [] and beyond.total == 6


def test_suggest_as_you_type(indexed):
    assert indexed.suggest("杏花社区") == [
        "杏花社区食堂（老年人助餐点）",
        "杏花社区高龄独居老人每周探访",
    ]
    assert indexed.suggest("陈") == []  # staff only
    assert indexed.suggest("陈", visibilities=(PUBLIC, STAFF)) == ["陈静怡"]


@pytest.mark.parametrize(
    "text",
    ['"养老" OR -助餐 AND (', "养老*", "title:养老", "\\'; DROP TABLE x; --", "养" * 5000, "   "],
)
def test_odd_queries_never_fail(indexed, text):
    indexed.search(SearchQuery(text=text))


@pytest.mark.parametrize(
    "bad",
    [
        {"filters": {"colour": ("red",)}},
        {"near": (91.0, 121.0)},
        {"near": HOME, "within_km": 0},
        {"within_km": 1.0},
        {"sort": "price"},
        {"sort": "distance"},
    ],
)
def test_bad_queries_are_refused_clearly(bad):
    with pytest.raises(DomainError):
        SearchQuery(**bad)


def test_explanations_add_up(indexed):
    """Staff see each result's score parts: they add up to the score that ordered it, and
    the best text match holds the whole text weight."""
    from search import ranking

    results = indexed.search(SearchQuery(text="养老", near=HOME))
    assert results.hits
    for hit in results.hits:
        parts = hit.explain
        assert parts["total"] == pytest.approx(
            parts["text"] + parts["rating"] + parts["distance"] + parts["freshness"], abs=1e-3
        )
        assert hit.score == pytest.approx(parts["total"], abs=1e-3)
    assert max(hit.explain["text"] for hit in results.hits) == pytest.approx(ranking.TEXT, 1e-3)
    scores = [hit.score for hit in results.hits]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("months", [0, 12])
def test_documents_age_by_the_sites_clock(backend, time_machine, months):
    """Freshness counts age on the site's clock, never the search engine's own: today a
    fresh facility outranks a better-rated one updated two months ago; a year on by the
    site's clock neither is fresh, and the better-rated one leads, on every backend."""
    older, fresher = "facility-1", "facility-2"
    backend.index(
        [
            doc("facility", 1, "老年人助餐点", rating=4.0, age_days=60, **near(0.2)),
            doc("facility", 2, "老年人助餐点", rating=3.5, age_days=0, **near(0.2)),
        ]
    )
    time_machine.move_to(NOW + datetime.timedelta(days=365 * months // 12), tick=False)
    results = backend.search(SearchQuery(near=HOME))
    expected = [fresher, older] if months == 0 else [older, fresher]
    assert [hit.doc_id for hit in results.hits] == expected


def test_without_text_the_order_follows_rating_distance_and_freshness(indexed):
    """No text: the engine's own order (function_score on Elasticsearch) must agree with
    ranking.py's parts, which the explanation shows."""
    results = indexed.search(SearchQuery(near=HOME, page_size=50))
    scores = [hit.score for hit in results.hits]
    assert len(scores) == 6 and scores == sorted(scores, reverse=True)
    assert len(set(scores)) > 3  # the parts really differ between these documents
