"""The judged relevance set: nDCG@10 on the demo, per backend, and the metric itself."""

import math

import pytest

from search.backends.database import DatabaseBackend
from search.registry import TYPES, documents_of
from search.relevance import JudgmentError, evaluate, load, ndcg
from search.relevance.evaluate import dcg
from search.relevance.judgments import Corpus, Judged, resolve

DATABASE_BAR = 0.75
ELASTICSEARCH_BAR = 0.85


# --- the metric, worked by hand -----------------------------------------------------


def test_dcg_discounts_by_log2_of_rank_plus_one():
    # (2²−1)/log2(2) + (2¹−1)/log2(3) + 0 + (2²−1)/log2(5)
    assert dcg([2, 1, 0, 2]) == pytest.approx(3 + 1 / math.log2(3) + 3 / math.log2(5))
    assert dcg([]) == 0


def test_ndcg_is_one_for_the_ideal_order_and_zero_without_a_hit():
    judged = {"a": 2, "b": 1, "c": 1}
    assert ndcg(["a", "b", "c"], judged) == pytest.approx(1.0)
    assert ndcg(["a", "c", "b", "x"], judged) == pytest.approx(1.0)  # equal grades may swap
    assert ndcg(["x", "y"], judged) == 0.0
    assert ndcg([], judged) == 0.0


def test_ndcg_of_a_worse_order():
    judged = {"a": 2, "b": 1}
    ideal = 3 + 1 / math.log2(3)  # 3.6309
    # b first, then an unjudged result, then a: 1/1 + 0 + 3/2 = 2.5
    assert ndcg(["b", "x", "a"], judged) == pytest.approx(2.5 / ideal)  # 0.6885


def test_ndcg_ideal_counts_every_judged_document_even_beyond_the_cutoff():
    judged = {f"d{i}": 1 for i in range(12)}  # more relevant documents than ranks
    found = [f"d{i}" for i in range(5)]  # five of them, at ranks 1-5
    expected = sum(1 / math.log2(r + 1) for r in range(1, 6)) / sum(
        1 / math.log2(r + 1) for r in range(1, 11)
    )
    assert ndcg(found, judged) == pytest.approx(expected)
    assert ndcg(found + ["x"] * 10 + ["d9"], judged) == pytest.approx(expected)  # after 10


def test_ndcg_refuses_a_query_without_relevant_documents():
    with pytest.raises(ValueError):
        ndcg(["a"], {"a": 0})


# --- the judgments file -------------------------------------------------------------


def test_the_judged_set_is_large_enough_and_well_formed():
    judged = load()
    assert len(judged) >= 45
    assert len({(j.text, j.types, j.community, j.near, j.category) for j in judged}) == len(judged)
    assert all(2 in j.grades.values() for j in judged)
    assert any(j.staff for j in judged) and any(j.walk for j in judged)
    assert any(j.types for j in judged) and any(j.category for j in judged)


def test_a_judgment_naming_what_the_demo_lacks_fails_loudly():
    corpus = Corpus(
        doc_ids={"facility:杏花社区老年食堂": ["facility-3"], "socialworker:陈静怡": ["sw-1"]},
        visibility={"facility-3": "public", "sw-1": "staff"},
        communities={"杏花社区": ("8", (29.87, 121.54))},
    )
    judged = [
        Judged(1, "助餐", "", grades={"facility:杏花社区老年食堂": 2, "facility:不存在的食堂": 1}),
        Judged(2, "社工", "", grades={"socialworker:陈静怡": 2}),  # staff-only, public query
        Judged(3, "养老", "", near="不存在村", grades={"facility:杏花社区老年食堂": 2}),
    ]
    with pytest.raises(JudgmentError) as raised:
        resolve(judged, corpus)
    message = str(raised.value)
    assert "facility:不存在的食堂" in message and "staff-only" in message
    assert "不存在村" in message


# --- the demo, on each backend ------------------------------------------------------


@pytest.fixture(scope="module")
def demo(seeded_demo):
    """The judgments' corpus over the demo, seeded once for this module."""
    return Corpus.from_database()


def _index_all(backend) -> None:
    for search_type in TYPES.values():
        backend.index(documents_of(search_type))


@pytest.mark.django_db
def test_database_backend_meets_the_bar(demo):
    backend = DatabaseBackend()
    backend.clear()
    _index_all(backend)
    report = evaluate(backend, corpus=demo)
    print(report.summary())
    assert report.mean >= DATABASE_BAR, report.format(worst=8)


@pytest.mark.django_db
@pytest.mark.elasticsearch
def test_elasticsearch_meets_the_bar(demo, elasticsearch_backend):
    for key, search_type in TYPES.items():
        elasticsearch_backend.reindex(key, documents_of(search_type))
    elasticsearch_backend.refresh()
    report = evaluate(elasticsearch_backend, corpus=demo)
    print(report.summary())
    assert report.mean >= ELASTICSEARCH_BAR, report.format(worst=8)
