"""Search at scale on one database (DATABASE_URL), side by side with its peers.

On a fresh database: the synthetic corpus (corpus.py, LINLI_BENCH_SEARCH_DOCS documents,
100,000 by default) is bulk-indexed by our database backend (search/backends/database.py)
and by Wagtail's built-in database search backend over the bench-only peer models
(bench/peer: the raw text, Wagtail's normal use, and on SQLite the same text segmented by
jieba too), then
the same fixed query mix (queries.py) runs on each. In the SQLite run, when
ELASTICSEARCH_URL is set, Elasticsearch (indices "linli-bench-*", dropped before and after)
gets the same corpus and queries, with its own match_all as a floor. First, nDCG@10 of
the judged relevance set over the seeded demo (relevance.py). Prints one JSON line:
{"rows": {backend: {metric: value}}}.

    DATABASE_URL=… python -m bench.search [--docs 100000 --queries 200]
"""

import argparse
import contextlib
import json
import os
import sys
import time
import traceback

from tqdm import tqdm

from bench.signup import _fresh_database

BATCH = 1000
ES_PREFIX = "linli-bench"
# Wagtail's slowest queries grow with the square of the corpus: each stops at PEER_CAP_S
# (counted as that long), and each peer gets PEER_BUDGET_S for the mix (in order; the
# kinds take turns). Its ratio to ours is over the queries it ran.
PEER_CAP_S = 5.0
PEER_BUDGET_S = 45.0


def main() -> None:
    parser = argparse.ArgumentParser()
    default_docs = int(os.environ.get("LINLI_BENCH_SEARCH_DOCS", 100_000))
    parser.add_argument("--docs", type=int, default=default_docs)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()

    _fresh_database(os.environ["DATABASE_URL"])
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"  # adds bench/peer
    # Nothing indexes itself as it is saved (the demo seeded for relevance would otherwise
    # go to the configured backend, Elasticsearch's live indices included).
    os.environ["SEARCH_INDEX_ON_SAVE"] = "0"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from bench.search.relevance import ndcg_scores

    started = time.perf_counter()
    call_command("migrate", run_syncdb=True, verbosity=0)
    vendor = connection.vendor
    es_url = settings.ELASTICSEARCH_URL if vendor == "sqlite" else None  # measured once
    ndcg = ndcg_scores(es_url)
    rows = _run(args.docs, args.queries, vendor, es_url)
    rows[vendor]["ndcg@10"] = ndcg["database"]
    if "elasticsearch" in rows and "error" not in rows["elasticsearch"]:
        rows["elasticsearch"]["ndcg@10"] = ndcg.get("elasticsearch", "n/a")
    rows[vendor]["run_seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps({"rows": rows}, ensure_ascii=False))


def _run(n: int, count: int, vendor: str, es_url: str | None) -> dict:
    from django.utils import timezone

    from bench.search import corpus
    from bench.search.queries import WARMUP, mix, timed
    from search.backends.database import DatabaseBackend

    now = timezone.now()
    began = time.perf_counter()
    specs, places = corpus.specs(n, now)
    fields, segment_rate = corpus.segmented(specs)
    documents = corpus.documents(specs, fields)
    print(f"corpus: {n} documents in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    queries = mix(places, now, count)
    warmup = mix(places, now, WARMUP, seed=corpus.SEED + 1)
    context = {"docs": n, "queries": queries, "warmup": warmup}

    database = DatabaseBackend()
    database.clear()
    seconds = _indexed(database.index, documents, "index: database backend")
    rows = {vendor: _indexing(n, seconds, database.count())}
    if segment_rate:
        rows[vendor]["segment_docs_per_s"] = round(segment_rate)
    peers = _index_peers(vendor, specs, fields, rows)
    _analyze()
    run = context["queries"], context["warmup"]
    timings = {vendor: timed(lambda q: database.search(q).total, *run, "search: database")}
    for name, search in peers.items():
        timings[name] = timed(search, *run, f"search: {name}", budget_s=PEER_BUDGET_S)
    if es_url:
        try:
            rows["elasticsearch"], timings["elasticsearch"] = _elasticsearch(
                es_url, documents, context
            )
        except Exception as error:  # noqa: BLE001 - the database rows still count
            traceback.print_exc()
            rows["elasticsearch"] = {"error": f"failed: {type(error).__name__}: {error}"[:200]}
    for name, timing in timings.items():
        rows[name] |= timing.summary()
    compared = {"wagtail": timings[f"wagtail@{vendor}"]}
    if f"wagtail-seg@{vendor}" in timings:
        compared["wagtail_seg"] = timings[f"wagtail-seg@{vendor}"]
    for name in (vendor, "elasticsearch"):
        if name in timings:
            rows[name] |= _compare(timings[name], compared, vendor)
    return rows


def _analyze() -> None:
    """Fresh planner statistics after the bulk loads, as after any bulk load: without them
    SQLite runs Wagtail's FTS5 MATCH once per index entry (EXPLAIN: the virtual table as
    the inner loop), a query taking seconds at 20,000 documents instead of milliseconds."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _indexed(index, documents, label: str) -> float:
    """Seconds to index `documents` in batches of BATCH."""
    started = time.perf_counter()
    with tqdm(total=len(documents), desc=label, unit="doc", file=sys.stderr) as bar:
        for start in range(0, len(documents), BATCH):
            batch = documents[start : start + BATCH]
            index(batch)
            bar.update(len(batch))
    return time.perf_counter() - started


def _index_peers(vendor: str, specs, fields, rows: dict) -> dict:
    """Index the corpus with Wagtail's backend (their rows go in `rows`); name → the
    function that runs a query on it and returns the total found. The segmented variant
    runs on SQLite only: there raw Wagtail is close enough to ours that whether it is
    fast only because it finds less matters; on PostgreSQL raw Wagtail alone is already
    several times slower, and the second variant would cost minutes."""
    from bench.peer import search as peer
    from bench.peer.models import RawDocument, SegmentedDocument

    variants = [(f"wagtail@{vendor}", RawDocument, "raw")]
    if vendor == "sqlite":
        variants.append((f"wagtail-seg@{vendor}", SegmentedDocument, "segmented"))
    saved = peer.load(specs, fields, [key for _name, _model, key in variants])
    searches = {}
    for name, model, key in variants:
        seconds = peer.index(model, saved[key], f"index: {name}")
        rows[name] = _indexing(len(specs), seconds, len(saved[key]))
        searches[name] = lambda q, model=model: peer.capped_search(model, q, PEER_CAP_S)
    return searches


def _elasticsearch(url: str, documents, context: dict):
    from search.backends.elasticsearch import ElasticsearchBackend

    from .queries import timed

    backend = ElasticsearchBackend(url, prefix=ES_PREFIX, timeout=60)
    backend.clear()
    try:
        started = time.perf_counter()
        _indexed(lambda batch: backend.index(batch, refresh=False), documents, "index: es")
        backend.refresh()
        row = _indexing(context["docs"], time.perf_counter() - started, backend.count())
        run = context["queries"], context["warmup"]
        timing = timed(lambda q: backend.search(q).total, *run, "search: elasticsearch")
        row["floor_match_all_p50_ms"] = _match_all_floor(backend, len(context["queries"]))
        return row, timing
    finally:
        with contextlib.suppress(Exception):  # ES down: nothing was left behind
            backend.clear()


def _match_all_floor(backend, count: int) -> float:
    """Elasticsearch's own cheapest search (match_all, a page of 20): the floor."""
    import statistics

    index = f"{ES_PREFIX}-*"
    for _ in range(20):
        backend.client.search(index=index, query={"match_all": {}}, size=20)
    times = []
    for _ in range(count):
        started = time.perf_counter()
        backend.client.search(index=index, query={"match_all": {}}, size=20)
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 2)


def _indexing(docs: int, seconds: float, count: int) -> dict:
    return {
        "docs": docs,
        "indexed": count,
        "index_seconds": round(seconds, 1),
        "index_docs_per_s": round(docs / seconds),
    }


def _compare(ours, peers: dict, vendor: str) -> dict:
    """Each peer's p50 over ours on the queries the peer ran (above 1: ours is faster)."""
    out = {"vs": f"wagtail@{vendor}"}
    for key, peer in peers.items():
        out[f"{key}_ratio"] = round(peer.p50() / ours.p50(len(peer.ms)), 2)
        out[f"{key}_queries"] = len(peer.ms)
    return out


if __name__ == "__main__":
    sys.exit(main())
