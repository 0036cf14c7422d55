"""The site on Elasticsearch: changes reach it after commit, a full reindex swaps an alias
without a gap, and when it is down writes succeed, updates wait and search answers from
the database with a notice."""

import io
import os
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from marketplace.demands import services as demands
from search import service
from search.backends.base import SearchQuery
from search.backends.elasticsearch import OUTAGE, ElasticsearchBackend
from search.indexing import index_objects
from search.models import PendingUpdate
from search.registry import TYPES, documents_of
from tests.factories import DemandFactory, FacilityFactory

ROOT = Path(__file__).resolve().parents[2]
CLOSED_PORT = "http://127.0.0.1:9"  # nothing listens there: a node that is down


def found(backend, text, **query) -> list[str]:
    backend.refresh()
    return [hit.doc_id for hit in backend.search(SearchQuery(text=text, **query)).hits]


def published(world, title):
    demand = DemandFactory(community=world["home"], category=world["category"], title=title)
    demands.demand_publish(actor=world["staff"], demand=demand)
    return demand


@pytest.mark.elasticsearch
def test_a_change_reaches_both_indexes_after_commit(
    world, site_on_elasticsearch, django_capture_on_commit_callbacks
):
    es = site_on_elasticsearch
    with django_capture_on_commit_callbacks(execute=True):
        demand = published(world, "居家养老服务需求")
    assert found(es, "养老") == [f"demand-{demand.pk}"]
    results, notice = service.run_search(SearchQuery(text="养老"))
    assert notice is None and [h.doc_id for h in results.hits] == [f"demand-{demand.pk}"]
    with django_capture_on_commit_callbacks(execute=True):
        demand.delete()
    assert found(es, "养老") == []


@pytest.mark.elasticsearch
def test_reindex_swaps_the_alias_and_drops_stale_documents(world, site_on_elasticsearch):
    es = site_on_elasticsearch
    canteen = FacilityFactory(community=world["home"], name="杏花社区老年人助餐点")
    call_command("search_reindex", "facility", stdout=io.StringIO(), stderr=io.StringIO())
    (first,) = es._versions("facility")
    stale = TYPES["facility"].document.of("facility", 999999, url="/x/", title="旧 食堂")
    es.index([stale])
    out = io.StringIO()
    call_command("search_reindex", "facility", stdout=out, stderr=io.StringIO())
    assert "elasticsearch facility: 1 documents (was 2)" in out.getvalue()
    versions = es._versions("facility")
    assert list(versions.values()) == [True] and first not in versions  # old index dropped
    assert found(es, "助餐") == [f"facility-{canteen.pk}"]
    assert found(es, "食堂") == []


@pytest.mark.elasticsearch
def test_a_live_change_during_a_reindex_is_kept(world, site_on_elasticsearch):
    es = site_on_elasticsearch
    old = FacilityFactory(community=world["home"], name="杏花社区助餐点")
    es.reindex("facility", documents_of(TYPES["facility"]))

    def documents_with_a_change_midway():
        for i, document in enumerate(documents_of(TYPES["facility"])):
            if i == 0:  # someone renames the canteen while the new index is built
                old.name = "杏花社区长者食堂"
                old.save()
                index_objects("facility", [old.pk])
            yield document  # the document built before the rename

    es.reindex("facility", documents_with_a_change_midway())
    assert found(es, "食堂") == [f"facility-{old.pk}"]
    assert found(es, "助餐") == []


@pytest.mark.elasticsearch
def test_a_delete_during_a_reindex_stays_deleted(world, site_on_elasticsearch):
    es = site_on_elasticsearch
    library, clinic, canteen = (
        FacilityFactory(community=world["home"], name=name)
        for name in ("杏花社区图书室", "杏花社区卫生站", "杏花社区助餐点")
    )
    es.reindex("facility", documents_of(TYPES["facility"]))
    read_before = list(documents_of(TYPES["facility"]))  # the build's read, now stale

    def documents_with_deletes_midway():
        library_id = library.pk
        library.delete()  # before the build has written it
        index_objects("facility", [library_id])
        es.delete([f"facility-{clinic.pk}"])  # taken out, then back under a new name
        clinic.name = "杏花社区社区医院"
        clinic.save()
        index_objects("facility", [clinic.pk])
        yield from read_before

    assert es.reindex("facility", documents_with_deletes_midway()) == 3
    assert found(es, "图书室") == []
    assert found(es, "医院") == [f"facility-{clinic.pk}"] and found(es, "卫生站") == []
    assert found(es, "助餐") == [f"facility-{canteen.pk}"]
    (live,) = es._versions("facility")
    es.client.indices.refresh(index=live)
    assert es.client.count(index=live)["count"] == 2  # no tombstone left behind


@pytest.mark.elasticsearch
def test_a_write_to_an_index_a_reindex_dropped_is_retried(
    world, site_on_elasticsearch, monkeypatch
):
    """A writer that read the index names just before a swap dropped the old one fails
    (and its update waits for search_retry) rather than making a stray index."""
    es = site_on_elasticsearch
    canteen = FacilityFactory(community=world["home"], name="杏花社区助餐点")
    dropped = es.alias("facility") + "-v0"  # the first index, made by the reindex
    es.reindex("facility", documents_of(TYPES["facility"]))
    assert dropped not in es._versions("facility")

    monkeypatch.setattr(ElasticsearchBackend, "_write_targets", lambda self, key: [dropped])
    index_objects("facility", [canteen.pk])

    assert not es.client.indices.exists(index=dropped)
    assert PendingUpdate.objects.filter(type="facility", object_id=str(canteen.pk)).exists()


def test_when_elasticsearch_is_down_writes_succeed_and_search_falls_back(
    world, settings, django_capture_on_commit_callbacks, client
):
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    settings.SEARCH_BACKEND = "elasticsearch"
    with django_capture_on_commit_callbacks(execute=True):
        demand = published(world, "上门助浴服务需求")
    assert PendingUpdate.objects.filter(type="demand", object_id=str(demand.pk)).exists()
    results, notice = service.run_search(SearchQuery(text="助浴"))
    assert [h.doc_id for h in results.hits] == [f"demand-{demand.pk}"] and notice
    health = client.get("/health/search/")
    assert health.status_code == 503 and health.json()["pending_updates"] == 1
    assert service.suggest("上门", visibilities=("public",)) == ["上门助浴服务需求"]
    # Meanwhile, updates go straight to the queue rather than wait on the node each time.
    assert OUTAGE.active()
    with django_capture_on_commit_callbacks(execute=True):
        later = published(world, "上门理发服务需求")
    assert PendingUpdate.objects.get(object_id=str(later.pk)).last_error.startswith(
        "Elasticsearch failed moments ago"
    )


@pytest.mark.elasticsearch
def test_waiting_updates_reach_elasticsearch_once_it_answers(
    world, settings, elasticsearch_backend, django_capture_on_commit_callbacks, client
):
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    settings.SEARCH_BACKEND = "elasticsearch"
    with django_capture_on_commit_callbacks(execute=True):
        demand = published(world, "上门助浴服务需求")
    settings.ELASTICSEARCH_URL = elasticsearch_backend.url
    settings.SEARCH_INDEX_PREFIX = elasticsearch_backend.prefix
    out = io.StringIO()
    call_command("search_retry", stdout=out)
    assert out.getvalue().strip() == "1 sent, 0 still waiting"
    assert found(elasticsearch_backend, "助浴") == [f"demand-{demand.pk}"]
    assert client.get("/health/search/").status_code == 200


@pytest.mark.elasticsearch
def test_status_command_reports_health_and_fixes_drift(world, site_on_elasticsearch):
    es = site_on_elasticsearch
    demand = published(world, "助浴服务")  # never committed: in no index
    gone = TYPES["demand"].document.of("demand", 999999, url="/x/", title="已删除")
    es.index([gone])
    out = io.StringIO()
    call_command("search_status", stdout=out, stderr=io.StringIO())
    assert "answering" in out.getvalue() and "DRIFT" in out.getvalue()
    assert "elasticsearch demand: 1 missing, 0 out of date, 1 that should not be" in (
        out.getvalue()
    )
    call_command("search_status", "--fix", stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()
    call_command("search_status", stdout=out, stderr=io.StringIO())
    assert "DRIFT" not in out.getvalue()
    assert found(es, "助浴") == [f"demand-{demand.pk}"] and found(es, "已删除") == []

    type(demand).objects.filter(pk=demand.pk).update(title="助餐服务")
    out = io.StringIO()
    call_command("search_status", "--fix", stdout=out, stderr=io.StringIO())
    assert "elasticsearch demand: 0 missing, 1 out of date" in out.getvalue()
    assert found(es, "助餐") == [f"demand-{demand.pk}"]


def test_a_node_that_is_down_is_reported(settings):
    down = ElasticsearchBackend(CLOSED_PORT, prefix="linli-test-down")
    assert down.healthy() is False


def node(command: str) -> None:
    subprocess.run(["bash", str(ROOT / "scripts/elasticsearch.sh"), command], check=True)


@pytest.mark.elasticsearch
@pytest.mark.elasticsearch_alone
def test_elasticsearch_stopped_mid_test(
    world, site_on_elasticsearch, django_capture_on_commit_callbacks
):
    """The real node stops and starts (.ci/run allows it with LINLI_ES_RESTARTABLE=1)."""
    if os.environ.get("LINLI_ES_RESTARTABLE") != "1":
        pytest.skip("LINLI_ES_RESTARTABLE=1 lets this test stop the scripts/elasticsearch.sh node")
    es = site_on_elasticsearch
    with django_capture_on_commit_callbacks(execute=True):
        first = published(world, "居家养老服务需求")
    assert found(es, "养老") == [f"demand-{first.pk}"]
    node("stop")
    try:
        assert not es.healthy()
        with django_capture_on_commit_callbacks(execute=True):
            second = published(world, "上门助浴服务需求")  # the save succeeds
        assert PendingUpdate.objects.filter(object_id=str(second.pk)).exists()
        results, notice = service.run_search(SearchQuery(text="助浴"))
        assert [h.doc_id for h in results.hits] == [f"demand-{second.pk}"] and notice
        # For a while after the failure, searches skip Elasticsearch without waiting.
        assert OUTAGE.active()
    finally:
        node("start")
    # search_retry (cron, every minute) sends what waited.
    out = io.StringIO()
    call_command("search_retry", stdout=out)
    assert out.getvalue().strip() == "1 sent, 0 still waiting"
    assert found(es, "助浴") == [f"demand-{second.pk}"]
    assert service.run_search(SearchQuery(text="助浴"))[1] is None


@pytest.mark.parametrize("text", ["title:养老 OR *", '{"match_all": {}}', "养老\\ AND -助餐"])
def test_a_query_reaches_elasticsearch_only_as_term_queries(text):
    """Nothing typed is parsed by Elasticsearch: the text becomes term queries on the
    segmented tokens, whatever it contains."""
    from search.backends.elasticsearch import text_query
    from search.text import query_terms

    tokens = {t for term in query_terms(text) for alt in term.alternatives() for t in alt}
    leaves = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "term":
                    leaves.append(next(iter(value.values()))["value"])
                else:
                    assert key in ("bool", "must", "should", "minimum_should_match", "boost")
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(text_query(text))
    assert leaves and set(leaves) == tokens


@pytest.mark.elasticsearch
def test_processes_racing_to_create_an_index_make_one(elasticsearch_backend):
    """Two workers write the first document of a type at once: one index behind the alias."""
    from concurrent.futures import ThreadPoolExecutor

    backends = [
        ElasticsearchBackend(elasticsearch_backend.url, prefix=elasticsearch_backend.prefix)
        for _ in range(4)
    ]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda b: b.ensure_index("facility"), backends))
    assert list(elasticsearch_backend._versions("facility").values()) == [True]


@pytest.mark.elasticsearch
def test_a_refused_document_neither_pauses_search_nor_blocks_the_queue(
    world, site_on_elasticsearch, monkeypatch
):
    """Elasticsearch refusing one batch (a bad document) is not an outage: the rest of the
    queue still goes, searches still go to Elasticsearch, and the refused one waits."""
    from elastic_transport import ApiResponseMeta, HttpHeaders
    from elasticsearch import BadRequestError

    demand = published(world, "上门助浴服务需求")
    canteen = FacilityFactory(community=world["home"], name="杏花社区老年人助餐点")
    PendingUpdate.objects.create(type="demand", object_id=str(demand.pk))
    PendingUpdate.objects.create(type="facility", object_id=str(canteen.pk))
    real_index = ElasticsearchBackend.index

    def refuse_demands(self, documents, **kwargs):
        if any(d.type == "demand" for d in documents):
            meta = ApiResponseMeta(400, "1.1", HttpHeaders(), 0.01, None)
            raise BadRequestError("mapper_parsing_exception", meta, {})
        return real_index(self, documents, **kwargs)

    monkeypatch.setattr(ElasticsearchBackend, "index", refuse_demands)
    out = io.StringIO()
    call_command("search_retry", stdout=out)
    assert out.getvalue().strip() == "1 sent, 1 still waiting"
    assert not OUTAGE.active()
    assert found(site_on_elasticsearch, "助餐") == [f"facility-{canteen.pk}"]
    held = PendingUpdate.objects.get()
    assert held.type == "demand" and held.attempts == 2 and "mapper_parsing" in held.last_error
