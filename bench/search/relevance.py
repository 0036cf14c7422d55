"""nDCG@10 of the judged relevance set (search/relevance) on each backend, in the bench run.

The judgments are over the demo data, not the synthetic corpus: the demo is seeded into
the bench database (its marketplace tables; the corpus never is), its documents are
indexed into an empty database backend and into Elasticsearch under their own prefix, and
relevance_report() runs on each. Run before the corpus is indexed; the database backend
is left empty.
"""

import contextlib
import io
import sys
import time

ES_PREFIX = "linli-benchrel"  # not matched by the corpus prefix's "linli-bench-*"


def _report(backend):
    """The report, or None while search/relevance does not exist."""
    try:
        from search.relevance import relevance_report
    except ImportError:
        return None
    report = relevance_report(backend)
    print(report.summary(), file=sys.stderr)
    return report


def ndcg_scores(es_url: str | None) -> dict[str, float | str]:
    """{"database": nDCG@10, "elasticsearch": nDCG@10 (when es_url)}; "n/a" without the
    relevance set."""
    try:
        import search.relevance  # noqa: F401
    except ImportError:
        return {"database": "n/a", "elasticsearch": "n/a"}
    from django.core.management import call_command

    from search.backends.database import DatabaseBackend
    from search.registry import TYPES, documents_of

    started = time.perf_counter()
    call_command("seed_demo", stdout=io.StringIO())
    documents = [d for t in TYPES.values() for d in documents_of(t)]
    print(
        f"relevance: demo seeded, {len(documents)} documents "
        f"({time.perf_counter() - started:.1f} s)",
        file=sys.stderr,
    )
    scores = {}
    database = DatabaseBackend()
    database.clear()
    database.index(documents)
    scores["database"] = round(_report(database).mean, 4)
    database.clear()
    if es_url:
        from search.backends.elasticsearch import ElasticsearchBackend

        es = ElasticsearchBackend(es_url, prefix=ES_PREFIX, timeout=60)
        try:
            es.clear()
            es.index(documents, refresh=True)
            scores["elasticsearch"] = round(_report(es).mean, 4)
        except Exception as error:  # noqa: BLE001 - reported in its row, the rest still counts
            print(f"relevance on Elasticsearch failed: {error}", file=sys.stderr)
            scores["elasticsearch"] = "failed"
        finally:
            with contextlib.suppress(Exception):  # ES down: nothing was left behind
                es.clear()
    return scores
