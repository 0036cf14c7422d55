"""ElasticsearchBackend: writes reach every version of a type's index; searches go
through the aliases, ranked inside Elasticsearch (query.py)."""

from elasticsearch import Elasticsearch, NotFoundError, helpers

from ... import ranking
from ...registry import TYPES
from ..base import Results, SearchBackend, SearchQuery, source_of
from . import query as query_parts
from .indices import BULK_CHUNK, IS_TOMBSTONE, TOMBSTONE, IndexVersions
from .outage import IndexRefused

SEARCH_TIMEOUT = 3.0  # seconds a reader waits before the fallback answers


class ElasticsearchBackend(IndexVersions, SearchBackend):
    name = "elasticsearch"

    def __init__(self, url: str, *, prefix: str = "linli", timeout: float = 10.0):
        self.url = url
        self.prefix = prefix
        self.client = Elasticsearch(
            url, request_timeout=timeout, max_retries=1, retry_on_timeout=False
        )
        self._reader = self.client.options(request_timeout=SEARCH_TIMEOUT)
        self._ready: set[str] = set()

    def healthy(self) -> bool:
        """Whether the cluster answers (the distribution here has no GET /)."""
        try:
            health = self.client.options(request_timeout=2).cluster.health()
        except Exception:  # noqa: BLE001 - any failure means "not answering"
            return False
        return health.get("status") in ("green", "yellow")

    # --- writing ------------------------------------------------------------------
    def index(self, documents, *, refresh: bool = True) -> int:
        by_type: dict[str, list] = {}
        for document in documents:
            by_type.setdefault(document.type, []).append(document)
        actions = []
        for type_key, docs in by_type.items():
            for target in self._write_targets(type_key):
                actions += [
                    {"_index": target, "_id": d.meta.id, "_source": source_of(d)} for d in docs
                ]
        written, missing, refused = set(), set(), []
        for ok, item in helpers.streaming_bulk(
            self.client, actions, chunk_size=BULK_CHUNK, refresh=refresh, raise_on_error=False
        ):
            result = item["index"]
            if ok:
                written.add(result["_id"])
            elif result.get("status") == 404:  # a version a reindex dropped meanwhile
                missing.add(result["_id"])
            else:
                refused.append(item)
        if refused:
            raise IndexRefused(f"Elasticsearch refused {len(refused)} documents: {refused[0]}")
        if missing - written:  # every version it went to is gone: send it again later
            raise IndexRefused(f"No index took {sorted(missing - written)[:5]}")
        return sum(len(docs) for docs in by_type.values())

    def delete(self, doc_ids, *, refresh: bool = True) -> int:
        """Remove documents from every version of their type's index; how many the
        searched version held (a missing document is no error).

        An index being built (not yet searched) gets a tombstone in the document's place
        instead: the build may not have written the document yet, and its later `create`
        must fail on the tombstone rather than bring back what was deleted. A live
        update still overwrites it; the build drops the tombstones before it swaps."""
        by_type: dict[str, list[str]] = {}
        for doc_id in doc_ids:
            by_type.setdefault(doc_id.rsplit("-", 1)[0], []).append(doc_id)
        actions, searched = [], set()
        for type_key, ids in by_type.items():
            if type_key not in TYPES:
                continue
            self.ensure_index(type_key)
            for target, is_searched in self._versions(type_key).items():
                if is_searched:
                    searched.add(target)
                    actions += [{"_op_type": "delete", "_index": target, "_id": i} for i in ids]
                else:
                    actions += [{"_index": target, "_id": i, "_source": TOMBSTONE} for i in ids]
        deleted = 0
        for ok, item in helpers.streaming_bulk(
            self.client, actions, refresh=refresh, raise_on_error=False
        ):
            (op, result), *_ = item.items()
            if ok and op == "delete":
                deleted += 1
            elif not ok and result.get("status") != 404:  # 404: not there, or build dropped
                raise IndexRefused(f"Elasticsearch refused a delete: {item}")
        return deleted

    def refresh(self) -> None:
        self.client.indices.refresh(index=",".join(self._aliases()), ignore_unavailable=True)

    def count(self, type_key: str | None = None) -> int:
        indices = self._aliases((type_key,) if type_key else ())
        try:
            return self.client.count(
                index=",".join(indices),
                query={"bool": {"must_not": IS_TOMBSTONE}},
                ignore_unavailable=True,
            )["count"]
        except NotFoundError:
            return 0

    def fingerprints(self, type_key: str) -> dict[str, str]:
        self.ensure_index(type_key)
        hits = helpers.scan(
            self.client,
            index=self.alias(type_key),
            query={"query": {"bool": {"must_not": IS_TOMBSTONE}}},
            _source=["fingerprint"],
            size=5000,
        )
        return {hit["_id"]: hit["_source"].get("fingerprint", "") for hit in hits}

    # --- reading ------------------------------------------------------------------
    def _best_text_score(self, indices: str, text: dict, filters: list[dict]) -> float:
        response = self._reader.search(
            index=indices,
            query={"bool": {"must": [text], "filter": filters}},
            size=1,
            source=False,
            track_total_hits=False,
            ignore_unavailable=True,
            search_type=query_parts.GLOBAL_TERM_STATISTICS,
        )
        return float(response["hits"].get("max_score") or 0.0)

    def search(self, query: SearchQuery) -> Results:
        indices = ",".join(self._aliases(query.types))
        filters = query_parts.filters(query)
        text = query_parts.text_query(query.text)
        if text is not None:
            best = self._best_text_score(indices, text, filters)
            if best <= 0:
                return Results([], 0, {}, query.page, query.page_size)
            base = {"bool": {"must": [text], "filter": filters, "boost": ranking.TEXT / best}}
        else:
            base = {"bool": {"filter": filters}}  # filter-only: a constant score of 0
        response = self._reader.search(
            index=indices,
            query={
                "function_score": {
                    "query": base,
                    "functions": query_parts.functions(query),
                    "score_mode": "sum",
                    "boost_mode": "sum",
                }
            },
            sort=query_parts.sort(query),
            track_scores=True,
            from_=(query.page - 1) * query.page_size,
            size=query.page_size,
            source=query_parts.SOURCE_FIELDS,
            aggs=query_parts.facet_aggregations(),
            track_total_hits=True,
            ignore_unavailable=True,
            **({"search_type": query_parts.GLOBAL_TERM_STATISTICS} if text is not None else {}),
        )
        hits = [query_parts.hit(raw, query, text is not None) for raw in response["hits"]["hits"]]
        facets = {
            name: [(b["key"], b["doc_count"]) for b in agg["buckets"]]
            for name, agg in response.get("aggregations", {}).items()
            if agg["buckets"]
        }
        return Results(
            hits=hits,
            total=response["hits"]["total"]["value"],
            facets=facets,
            page=query.page,
            page_size=query.page_size,
        )

    def suggest(self, prefix: str, *, visibilities=("public",), limit: int = 8) -> list[str]:
        prefix = prefix.strip()[:40]
        if not prefix:
            return []
        response = self._reader.search(
            index=",".join(self._aliases()),
            suggest={
                "titles": {
                    "prefix": prefix,
                    "completion": {
                        "field": "suggest",
                        "size": limit,
                        "skip_duplicates": True,
                        "contexts": {"visibility": list(visibilities)},
                    },
                }
            },
            source=False,
            ignore_unavailable=True,
        )
        options = response["suggest"]["titles"][0]["options"]
        return sorted({option["text"] for option in options})[:limit]
