"""Loading the corpus into the peer models, indexing it with Wagtail's own machinery, and
answering a search/backends/base.py SearchQuery the way a Wagtail site would.

What Wagtail can express of a query: text (operator "and", as ours), type and filter
values (`__in` on FilterFields; an organization's first category and community only, as a
FilterField holds one value), the date range and open seats. Geo becomes a bounding box
(no circle, no distance sort: Wagtail has no geo); a no-text query is Wagtail's MATCH_ALL.
Facets: the same seven as ours (type and every filter field), one `facet()` each.

Some of Wagtail's queries grow with the square of the corpus (on SQLite its relevance
score is a correlated subquery: one FTS5 MATCH per matching row), so each query may be
stopped at a cap: `capped_search` then returns None.
"""

import math
import sys
import time
from contextlib import contextmanager

from django.db import OperationalError, connection, transaction
from tqdm import tqdm
from wagtail.search.backends import get_search_backend
from wagtail.search.query import MATCH_ALL

from search.backends.base import FILTER_FIELDS, SearchQuery
from search.text import query_terms

from .models import RawDocument, SegmentedDocument

CHUNK = 1000  # Wagtail's rebuild_modelsearch_index default chunk size
KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON = 111.320


def _first(value) -> str:
    if isinstance(value, list):
        return str(value[0]) if value else ""
    return "" if value is None else str(value)


def _row(model, spec, title: str, text: str):
    fields = spec.fields
    location = fields.get("location") or {}
    return model(
        doc_id=f"{spec.type}-{spec.pk}",
        type=spec.type,
        title=title,
        text=text,
        **{name: _first(fields.get(name)) for name in FILTER_FIELDS},
        starts_at=fields.get("starts_at"),
        open_seats=fields.get("open_seats"),
        latitude=location.get("lat"),
        longitude=location.get("lon"),
        rating=fields.get("rating"),
    )


def load(specs, segmented, variants=("raw", "segmented")) -> dict[str, list]:
    """The peer rows of the corpus (saved, not yet indexed): "raw" and "segmented"."""
    rows: dict[str, list] = {key: [] for key in variants}
    progress = tqdm(specs, desc="peer rows", unit="doc", file=sys.stderr)
    for spec, text in zip(progress, segmented, strict=True):
        if "raw" in rows:
            rows["raw"].append(_row(RawDocument, spec, spec.title, spec.body))
        if "segmented" in rows:
            rows["segmented"].append(_row(SegmentedDocument, spec, text["title"], text["text"]))
    models = {"raw": RawDocument, "segmented": SegmentedDocument}
    for key in rows:
        with transaction.atomic():
            rows[key] = models[key].objects.bulk_create(rows[key], batch_size=2000)
    return rows


def index(model, objects, label: str) -> float:
    """Index `objects` with Wagtail's backend as its rebuild command does; seconds taken."""
    backend = get_search_backend()
    started = time.perf_counter()
    with tqdm(total=len(objects), desc=label, unit="doc", file=sys.stderr) as bar:
        for start in range(0, len(objects), CHUNK):
            chunk = objects[start : start + CHUNK]
            with transaction.atomic():
                backend.add_bulk(model, chunk)
            bar.update(len(chunk))
    return time.perf_counter() - started


def _box(queryset, lat: float, lon: float, km: float):
    dlat = km / KM_PER_DEG_LAT
    dlon = km / (KM_PER_DEG_LON * max(math.cos(math.radians(lat)), 0.01))
    return queryset.filter(
        latitude__gte=lat - dlat,
        latitude__lte=lat + dlat,
        longitude__gte=lon - dlon,
        longitude__lte=lon + dlon,
    )


def _filtered(model, query: SearchQuery):
    queryset = model.objects.all()
    if query.types:
        queryset = queryset.filter(type__in=query.types)
    for name, values in query.filters.items():
        queryset = queryset.filter(**{f"{name}__in": values})
    if query.starts_from:
        queryset = queryset.filter(starts_at__gte=query.starts_from)
    if query.starts_until:
        queryset = queryset.filter(starts_at__lte=query.starts_until)
    if query.open_seats:
        queryset = queryset.filter(open_seats__gte=1)
    if query.within_km is not None:
        queryset = _box(queryset, *query.near, query.within_km)
    return queryset


def search(model, query: SearchQuery) -> tuple[list, int, dict]:
    """One page of results, the total and the facets, as a Wagtail site would get them."""
    backend = get_search_backend()
    text = query.text.strip()
    if text and model is SegmentedDocument:
        text = " ".join(term.word for term in query_terms(text))
    queryset = _filtered(model, query)
    if text:
        results = backend.search(text, queryset, operator="and")
    else:
        results = backend.search(MATCH_ALL, queryset, order_by_relevance=False)
    start = (query.page - 1) * query.page_size
    hits = list(results[start : start + query.page_size])
    facets = {name: results.facet(name) for name in ("type", *FILTER_FIELDS)}
    return hits, results.count(), facets


@contextmanager
def _deadline(seconds: float):
    """Abort the database's work once `seconds` have passed (SQLite: a progress handler;
    PostgreSQL: statement_timeout, per statement). Raises OperationalError then."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        end = time.perf_counter() + seconds
        connection.connection.set_progress_handler(lambda: time.perf_counter() > end, 20_000)
        try:
            yield
        finally:
            connection.connection.set_progress_handler(None, 0)
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SET statement_timeout = {int(seconds * 1000)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")


def capped_search(model, query: SearchQuery, cap_s: float) -> int | None:
    """The total `search` finds, or None when the query ran past `cap_s` seconds."""
    try:
        with _deadline(cap_s):
            return search(model, query)[1]
    except OperationalError:
        return None
