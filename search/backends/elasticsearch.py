"""The Elasticsearch backend.

Each type lives in its own index, reached through an alias `<prefix>-<type>` that points
at a concrete index `<prefix>-<type>-v<timestamp>`; a full reindex builds a new concrete
index and swaps the alias in one atomic step, so searches never see a half-built index.

Text is matched with term queries on the segmented tokens (search/text.py) — the same
words, pairs and alternatives as the database backend, never a query string, so nothing
a visitor types is parsed by Elasticsearch. Ranking runs inside Elasticsearch with
`function_score`, on the weights of search/ranking.py:

    TEXT × _score / max_score   (the text query's boost is TEXT / the best text score,
                                 found by a first, one-hit query)
  + RATING × rating / 4         (field_value_factor; the constant −RATING/4 of ranking.py
                                 does not change the order)
  + DISTANCE × gauss decay      (scale DISTANCE_HALF_KM, decay 0.5: exactly 0.5^((d/h)²))
  + FRESHNESS × exp decay       (scale FRESHNESS_HALF_DAYS, decay 0.5: exactly 0.5^(age/h))

so a page of results is one request whatever the corpus size. Each hit's explanation is
worked out with ranking.score() from its fields.

The distribution used here lacks scripts, _reindex and *_by_query (see
scripts/elasticsearch.sh), so nothing here needs them.
"""

import time

from django.utils import timezone
from elasticsearch import (
    ApiError,
    BadRequestError,
    Elasticsearch,
    NotFoundError,
    TransportError,
    helpers,
)

from marketplace.core.geo import distance_km

from .. import ranking
from ..registry import TYPES
from ..text import query_terms
from .base import (
    FILTER_FIELDS,
    Hit,
    Results,
    SearchBackend,
    SearchQuery,
    as_datetime,
    source_of,
)


class IndexRefused(RuntimeError):
    """Elasticsearch answered but did not take a write."""


# What a failed call to Elasticsearch looks like to a caller: the node is unreachable or
# overloaded (an outage, see is_outage), or it refused this request (a bad document).
UNAVAILABLE = (TransportError, ApiError, helpers.BulkIndexError, IndexRefused)


def is_outage(error: Exception) -> bool:
    """Whether the node is down or overloaded (worth pausing for), rather than refusing
    one request (worth logging, and no reason to stop sending the others)."""
    if isinstance(error, TransportError):  # no connection, a timeout
        return True
    if isinstance(error, ApiError):
        return error.meta.status >= 500 or error.meta.status == 429
    return False


class Outage:
    """Remembers, in this process, that Elasticsearch just failed: for PAUSE seconds
    searches and index updates go straight to the fallback instead of each waiting on a
    node that is down (index updates wait in PendingUpdate meanwhile)."""

    PAUSE = 30.0

    def __init__(self):
        self.until = 0.0

    def active(self) -> bool:
        return time.monotonic() < self.until

    def record(self) -> None:
        self.until = time.monotonic() + self.PAUSE

    def clear(self) -> None:
        self.until = 0.0


OUTAGE = Outage()

FACET_SIZE = 50
SOURCE_FIELDS = [
    "type",
    "object_id",
    "display_title",
    "summary",
    "url",
    "location",
    "rating",
    "updated_at",
]
INDEX_SETTINGS = {"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "1s"}
BULK_CHUNK = 500
# What a delete leaves in an index being built (see ElasticsearchBackend.delete). It has
# no visibility, so no search matches it.
TOMBSTONE = {"tombstone": True}
IS_TOMBSTONE = {"term": {"tombstone": True}}
SEARCH_TIMEOUT = 3.0  # seconds a reader waits before the fallback answers
# Each type has its own index and term statistics: text scores are made comparable
# across them by gathering the statistics of all of them first (one more round trip).
GLOBAL_TERM_STATISTICS = "dfs_query_then_fetch"


def _term_query(token: str) -> dict:
    """One token in the title (worth three times as much) or the text."""
    return {
        "bool": {
            "should": [
                {"term": {"title": {"value": token, "boost": ranking.TITLE_WEIGHT}}},
                {"term": {"text": {"value": token}}},
            ],
            "minimum_should_match": 1,
        }
    }


def text_query(text: str) -> dict | None:
    """Every word of the query must match, as itself or through all of its parts."""
    terms = query_terms(text)
    if not terms:
        return None
    must = []
    for term in terms:
        options = [{"bool": {"must": [_term_query(t) for t in alt]}} for alt in term.alternatives()]
        must.append({"bool": {"should": options, "minimum_should_match": 1}})
    return {"bool": {"must": must}}


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, url: str, *, prefix: str = "linli", timeout: float = 10.0):
        self.url = url
        self.prefix = prefix
        self.client = Elasticsearch(
            url, request_timeout=timeout, max_retries=1, retry_on_timeout=False
        )
        self._reader = self.client.options(request_timeout=SEARCH_TIMEOUT)
        self._ready: set[str] = set()

    # --- indices and aliases ------------------------------------------------------
    def alias(self, type_key: str) -> str:
        return f"{self.prefix}-{type_key}"

    def _aliases(self, types=()) -> list[str]:
        return [self.alias(key) for key in (types or TYPES)]

    def _create_index(self, type_key: str, version: str | None = None, **extra) -> str:
        name = f"{self.alias(type_key)}-v{version or time.time_ns() // 1000}"
        mapping = TYPES[type_key].document._doc_type.mapping.to_dict()
        mapping["properties"]["tombstone"] = {"type": "boolean"}
        self.client.indices.create(index=name, settings=INDEX_SETTINGS, mappings=mapping, **extra)
        return name

    def _versions(self, type_key: str) -> dict[str, bool]:
        """The type's concrete indices → whether the alias points at it. More than one
        exists while a reindex builds its new index: writes go to all of them."""
        pattern = f"{self.alias(type_key)}-v*"
        found = self.client.indices.get_alias(index=pattern, ignore_unavailable=True).body
        alias = self.alias(type_key)
        return {name: alias in info.get("aliases", {}) for name, info in found.items()}

    def ensure_index(self, type_key: str) -> None:
        """Create the type's first index with its alias when missing. It has a fixed name,
        so two processes racing to create it make one index, not two behind one alias."""
        if type_key in self._ready:
            return
        alias = self.alias(type_key)
        if not self.client.indices.exists_alias(name=alias):
            try:
                self._create_index(type_key, "0", aliases={alias: {}})
            except BadRequestError as error:
                if error.error != "resource_already_exists_exception":
                    raise
        self._ready.add(type_key)

    def healthy(self) -> bool:
        """Whether the cluster answers (the distribution here has no GET /)."""
        try:
            health = self.client.options(request_timeout=2).cluster.health()
        except Exception:  # noqa: BLE001 - any failure means "not answering"
            return False
        return health.get("status") in ("green", "yellow")

    # --- writing ------------------------------------------------------------------
    def _write_targets(self, type_key: str) -> list[str]:
        self.ensure_index(type_key)
        targets = sorted(self._versions(type_key))
        if not targets:  # dropped behind our back (a clear elsewhere): make it again
            self._ready.discard(type_key)
            self.ensure_index(type_key)
            targets = sorted(self._versions(type_key))
        return targets

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

    def _drop_tombstones(self, index: str) -> None:
        """Delete the tombstones of `index` (there are as many as deletes during its build:
        few; this distribution has no delete_by_query)."""
        self.client.indices.refresh(index=index)
        hits = helpers.scan(self.client, index=index, query={"query": IS_TOMBSTONE}, _source=False)
        actions = ({"_op_type": "delete", "_index": index, "_id": h["_id"]} for h in hits)
        for ok, item in helpers.streaming_bulk(self.client, actions, raise_on_error=False):
            if not ok and item["delete"].get("status") != 404:
                raise IndexRefused(f"Elasticsearch refused a delete: {item}")

    def refresh(self) -> None:
        self.client.indices.refresh(index=",".join(self._aliases()), ignore_unavailable=True)

    def clear(self) -> None:
        """Drop every index of this backend's types (made again on the next write)."""
        names = [name for key in TYPES for name in self._versions(key)]
        if names:
            self.client.indices.delete(index=",".join(names), ignore_unavailable=True)
        self._ready.clear()

    def reindex(self, type_key: str, documents, *, batch: int = BULK_CHUNK) -> int:
        """Build a new index of the type from `documents` and swap the alias to it.
        Live updates during the build also reach the new index (they write to every
        version); the build only creates documents, so it never overwrites a fresher one,
        nor brings back one deleted meanwhile (see delete)."""
        self.ensure_index(type_key)
        new = self._create_index(type_key)
        self.client.indices.put_settings(index=new, settings={"refresh_interval": "-1"})
        actions = (
            {"_op_type": "create", "_index": new, "_id": d.meta.id, "_source": source_of(d)}
            for d in documents
        )
        count = 0
        try:
            for ok, item in helpers.streaming_bulk(
                self.client, actions, chunk_size=batch, raise_on_error=False
            ):
                if ok or item.get("create", {}).get("status") == 409:  # a live update first
                    count += 1
                else:
                    raise IndexRefused(f"Elasticsearch refused a document: {item}")
        except BaseException:
            # A failed build leaves nothing behind: live writes stop going to it.
            self.client.indices.delete(index=new, ignore_unavailable=True)
            raise
        self.client.indices.put_settings(
            index=new, settings={"refresh_interval": INDEX_SETTINGS["refresh_interval"]}
        )
        self._drop_tombstones(new)
        old = [name for name in self._versions(type_key) if name != new]
        alias = self.alias(type_key)
        self.client.indices.update_aliases(
            actions=[{"add": {"index": new, "alias": alias}}]
            + [{"remove": {"index": name, "alias": alias}} for name in old]
        )
        if old:
            self.client.indices.delete(index=",".join(old), ignore_unavailable=True)
        # A delete that read the versions just before the swap may have left one more.
        self._drop_tombstones(new)
        return count

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
    def _filters(self, query: SearchQuery) -> list[dict]:
        filters = [{"terms": {"visibility": list(query.visibilities)}}]
        if query.types:
            filters.append({"terms": {"type": list(query.types)}})
        for name in FILTER_FIELDS:
            values = query.filters.get(name)
            if values:
                filters.append({"terms": {name: list(values)}})
        dates = {}
        if query.starts_from:
            dates["gte"] = query.starts_from.isoformat()
        if query.starts_until:
            dates["lte"] = query.starts_until.isoformat()
        if dates:
            filters.append({"range": {"starts_at": dates}})
        if query.open_seats:
            filters.append({"range": {"open_seats": {"gt": 0}}})
        if query.within_km is not None:
            lat, lon = query.near
            filters.append(
                {
                    "geo_distance": {
                        "distance": f"{query.within_km}km",
                        "location": {"lat": lat, "lon": lon},
                    }
                }
            )
        return filters

    def _functions(self, query: SearchQuery) -> list[dict]:
        functions = [
            {
                "field_value_factor": {
                    "field": "rating",
                    "factor": ranking.RATING / 4,
                    "missing": ranking.NEUTRAL_RATING,
                }
            },
            {
                "filter": {"exists": {"field": "updated_at"}},
                "exp": {
                    "updated_at": {
                        "origin": "now",
                        "scale": f"{int(ranking.FRESHNESS_HALF_DAYS * 24)}h",
                        "decay": 0.5,
                    }
                },
                "weight": ranking.FRESHNESS,
            },
        ]
        if query.near is not None:
            lat, lon = query.near
            functions.append(
                {
                    "filter": {"exists": {"field": "location"}},
                    "gauss": {
                        "location": {
                            "origin": {"lat": lat, "lon": lon},
                            "scale": f"{ranking.DISTANCE_HALF_KM}km",
                            "decay": 0.5,
                        }
                    },
                    "weight": ranking.DISTANCE,
                }
            )
        return functions

    def _best_text_score(self, indices: str, text: dict, filters: list[dict]) -> float:
        response = self._reader.search(
            index=indices,
            query={"bool": {"must": [text], "filter": filters}},
            size=1,
            source=False,
            track_total_hits=False,
            ignore_unavailable=True,
            search_type=GLOBAL_TERM_STATISTICS,
        )
        return float(response["hits"].get("max_score") or 0.0)

    def _sort(self, query: SearchQuery) -> list:
        tiebreak = [{"type": "asc"}, {"object_id": "asc"}]
        if query.sort == "distance":
            lat, lon = query.near
            return [
                {"_geo_distance": {"location": {"lat": lat, "lon": lon}, "order": "asc"}},
                *tiebreak,
            ]
        if query.sort == "date":
            return [{"starts_at": {"order": "asc", "missing": "_last"}}, *tiebreak]
        return [{"_score": "desc"}, *tiebreak]

    def search(self, query: SearchQuery) -> Results:
        indices = ",".join(self._aliases(query.types))
        filters = self._filters(query)
        text = text_query(query.text)
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
                    "functions": self._functions(query),
                    "score_mode": "sum",
                    "boost_mode": "sum",
                }
            },
            sort=self._sort(query),
            track_scores=True,
            from_=(query.page - 1) * query.page_size,
            size=query.page_size,
            source=SOURCE_FIELDS,
            aggs={
                name: {
                    "terms": {
                        "field": name,
                        "size": FACET_SIZE,
                        "order": [{"_count": "desc"}, {"_key": "asc"}],
                    }
                }
                for name in ("type", *FILTER_FIELDS)
            },
            track_total_hits=True,
            ignore_unavailable=True,
            **({"search_type": GLOBAL_TERM_STATISTICS} if text is not None else {}),
        )
        hits = [self._hit(raw, query, text is not None) for raw in response["hits"]["hits"]]
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

    def _hit(self, raw: dict, query: SearchQuery, has_text: bool) -> Hit:
        source = raw["_source"]
        location = source.get("location")
        distance = None
        if query.near is not None and location:
            distance = distance_km(*query.near, location["lat"], location["lon"])
        updated = as_datetime(source.get("updated_at"))
        age = (timezone.now() - updated).total_seconds() / 86400 if updated else None
        others = ranking.score(
            relevance=0.0, rating=source.get("rating"), distance_km=distance, age_days=age
        )
        # The text part is what the score holds beyond the other parts (Elasticsearch
        # adds RATING × rating / 4, ranking.py RATING × (rating − 1) / 4).
        total = float(raw.get("_score") or 0.0) - ranking.RATING / 4
        relevance = max(0.0, min(1.0, (total - others.total) / ranking.TEXT)) if has_text else 0
        parts = ranking.score(
            relevance=relevance, rating=source.get("rating"), distance_km=distance, age_days=age
        )
        return Hit(
            doc_id=raw["_id"],
            type=source["type"],
            object_id=source["object_id"],
            title=source.get("display_title", ""),
            summary=source.get("summary", ""),
            url=source.get("url", ""),
            score=parts.total,
            distance_km=distance,
            explain=parts.as_dict(),
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
