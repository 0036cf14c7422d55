"""The request bodies of a search: text as term queries on segmented tokens (never a
query string), filters, the function_score parts of ranking.py, sorting, facets, and a hit
with its explanation."""

from django.utils import timezone

from marketplace.core.geo import distance_km

from ... import ranking
from ...text import query_terms
from ..base import FILTER_FIELDS, Hit, SearchQuery, as_datetime

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
# Each type has its own index and term statistics: text scores are made comparable
# across them by gathering the statistics of all of them first (one more round trip).
GLOBAL_TERM_STATISTICS = "dfs_query_then_fetch"


def term_query(token: str) -> dict:
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
        options = [{"bool": {"must": [term_query(t) for t in alt]}} for alt in term.alternatives()]
        must.append({"bool": {"should": options, "minimum_should_match": 1}})
    return {"bool": {"must": must}}


def filters(query: SearchQuery) -> list[dict]:
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


def functions(query: SearchQuery) -> list[dict]:
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
                    # The site's clock, as ranking.py and the explanation use, never the
                    # node's own "now": a node whose clock is off ranks the same.
                    "origin": timezone.now().isoformat(timespec="seconds"),
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


def sort(query: SearchQuery) -> list:
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


def facet_aggregations() -> dict:
    return {
        name: {
            "terms": {
                "field": name,
                "size": FACET_SIZE,
                "order": [{"_count": "desc"}, {"_key": "asc"}],
            }
        }
        for name in ("type", *FILTER_FIELDS)
    }


def hit(raw: dict, query: SearchQuery, has_text: bool) -> Hit:
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
