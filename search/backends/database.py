"""The embedded backend: the index lives in the site's own database.

Text matching runs on SQLite's FTS5 or PostgreSQL's tsvector (migration 0002) over the
same segmented tokens Elasticsearch gets; filters are joins on EntryTerm, facets are
GROUP BYs, the distance filter is an equirectangular box in SQL (exact to well under 1 %
at city scale), and the final order comes from search/ranking.py.
"""

import math

from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from marketplace.core.geo import distance_km

from .. import ranking
from ..models import Entry, EntryTerm
from ..text import QueryTerm, query_terms
from .base import (
    FILTER_FIELDS,
    Hit,
    Results,
    SearchBackend,
    SearchQuery,
    as_datetime,
    source_of,
)

CANDIDATES = 1000  # text matches ranked per query, best first
TITLE_WEIGHT = ranking.TITLE_WEIGHT
PARAMETER_BATCH = 500  # ids per statement, within every database's parameter limit
KM_PER_DEGREE_LAT = 110.574
KM_PER_DEGREE_LON = 111.320


def _fts5_match(terms: list[QueryTerm]) -> str:
    def quoted(token: str) -> str:
        return '"' + token.replace('"', '""') + '"'

    groups = []
    for term in terms:
        options = [" AND ".join(quoted(t) for t in alt) for alt in term.alternatives()]
        groups.append("(" + " OR ".join(f"({o})" for o in options) + ")")
    return " AND ".join(groups)


def _tsquery(terms: list[QueryTerm]) -> str:
    def quoted(token: str) -> str:
        return "'" + token.replace("'", "''").replace("\\", "\\\\") + "'"

    groups = []
    for term in terms:
        options = [" & ".join(quoted(t) for t in alt) for alt in term.alternatives()]
        groups.append("(" + " | ".join(f"({o})" for o in options) + ")")
    return " & ".join(groups)


def _text_scores(terms: list[QueryTerm]) -> dict[int, float]:
    """Entry id → text score (higher is better) for the best CANDIDATES matches."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT id, ts_rank(tsv, q) + %s * ts_rank(title_tsv, q) "
                "FROM linli_search_entry, CAST(%s AS tsquery) q "
                "WHERE tsv @@ q ORDER BY 2 DESC LIMIT %s",
                [TITLE_WEIGHT - 1, _tsquery(terms), CANDIDATES],
            )
        else:
            cursor.execute(
                "SELECT rowid, -bm25(linli_search_entry_fts, %s, 1.0) FROM "
                "linli_search_entry_fts WHERE linli_search_entry_fts MATCH %s "
                "ORDER BY 2 DESC LIMIT %s",
                [TITLE_WEIGHT, _fts5_match(terms), CANDIDATES],
            )
        return {row[0]: float(row[1]) for row in cursor.fetchall()}


def _entry_and_terms(document) -> tuple[Entry, set[tuple[str, str]]]:
    """A document as an unsaved Entry, and its filter values as (field, value) pairs."""
    data = source_of(document)
    location = data.get("location") or {}
    entry = Entry(
        doc_id=document.meta.id,
        type=data["type"],
        object_id=data["object_id"],
        visibility=data["visibility"],
        title=data.get("title", ""),
        text=data.get("text", ""),
        display_title=data.get("display_title", "")[:200],
        summary=data.get("summary", "")[:200],
        url=data.get("url", ""),
        starts_at=as_datetime(data.get("starts_at")),
        ends_at=as_datetime(data.get("ends_at")),
        updated_at=as_datetime(data.get("updated_at")),
        open_seats=data.get("open_seats"),
        latitude=location.get("lat"),
        longitude=location.get("lon"),
        rating=data.get("rating"),
        fingerprint=data["fingerprint"],
    )
    terms = set()
    for name in FILTER_FIELDS:
        values = data.get(name)
        values = values if isinstance(values, list) else [values]
        terms |= {(name, str(v)) for v in values if v}
    return entry, terms


class DatabaseBackend(SearchBackend):
    name = "database"

    @transaction.atomic
    def index(self, documents, *, refresh: bool = True) -> int:
        """Replace these documents' entries, in bulk: delete the old rows (their terms go
        with them), insert the new ones and their terms."""
        built = {document.meta.id: _entry_and_terms(document) for document in documents}
        ids = list(built)
        for start in range(0, len(ids), PARAMETER_BATCH):
            self.delete(ids[start : start + PARAMETER_BATCH])
        entries = Entry.objects.bulk_create([entry for entry, _terms in built.values()])
        EntryTerm.objects.bulk_create(
            [
                EntryTerm(entry_id=entry.pk, field=name, value=value)
                for entry, (_same, terms) in zip(entries, built.values(), strict=True)
                for name, value in terms
            ],
            ignore_conflicts=True,
        )
        return len(built)

    def delete(self, doc_ids, *, refresh: bool = True) -> int:
        return Entry.objects.filter(doc_id__in=list(doc_ids)).delete()[1].get(Entry._meta.label, 0)

    def clear(self) -> None:
        Entry.objects.all().delete()

    def keep_only(self, type_key: str, doc_ids: set[str]) -> int:
        existing = set(Entry.objects.filter(type=type_key).values_list("doc_id", flat=True))
        stale = sorted(existing - set(doc_ids))
        for start in range(0, len(stale), PARAMETER_BATCH):
            self.delete(stale[start : start + PARAMETER_BATCH])
        return len(stale)

    def count(self, type_key: str | None = None) -> int:
        entries = Entry.objects.all()
        return entries.filter(type=type_key).count() if type_key else entries.count()

    def fingerprints(self, type_key: str) -> dict[str, str]:
        return dict(Entry.objects.filter(type=type_key).values_list("doc_id", "fingerprint"))

    def _filtered(self, query: SearchQuery):
        entries = Entry.objects.filter(visibility__in=query.visibilities)
        if query.types:
            entries = entries.filter(type__in=query.types)
        for name, values in query.filters.items():
            if values:
                entries = entries.filter(
                    pk__in=EntryTerm.objects.filter(field=name, value__in=values).values("entry")
                )
        if query.starts_from:
            entries = entries.filter(starts_at__gte=query.starts_from)
        if query.starts_until:
            entries = entries.filter(starts_at__lte=query.starts_until)
        if query.open_seats:
            entries = entries.filter(open_seats__gt=0)
        if query.within_km is not None:
            entries = self._within(entries, *query.near, query.within_km)
        return entries

    def _within(self, entries, lat: float, lon: float, km: float):
        dlat = km / KM_PER_DEGREE_LAT
        dlon = km / (KM_PER_DEGREE_LON * max(math.cos(math.radians(lat)), 0.01))
        box = Q(latitude__range=(lat - dlat, lat + dlat), longitude__range=(lon - dlon, lon + dlon))
        kx = KM_PER_DEGREE_LON * math.cos(math.radians(lat))
        dx = (F("longitude") - lon) * kx
        dy = (F("latitude") - lat) * KM_PER_DEGREE_LAT
        return entries.filter(box).alias(d2=dx * dx + dy * dy).filter(d2__lte=km * km)

    def search(self, query: SearchQuery) -> Results:
        entries = self._filtered(query)
        terms = query_terms(query.text)
        scores = None
        if terms:
            scores = _text_scores(terms)
            entries = entries.filter(pk__in=list(scores))
        if scores is None:
            entries = entries.order_by(F("rating").desc(nulls_last=True), "-updated_at")
        rows = list(
            entries.values(
                "pk",
                "doc_id",
                "type",
                "object_id",
                "display_title",
                "summary",
                "url",
                "latitude",
                "longitude",
                "rating",
                "updated_at",
                "starts_at",
            )[: CANDIDATES if scores is None else None]
        )
        hits = self._ranked(rows, scores, query)
        start = (query.page - 1) * query.page_size
        return Results(
            hits=hits[start : start + query.page_size],
            total=len(hits) if scores is not None else entries.count(),
            facets=self._facets(entries),
            page=query.page,
            page_size=query.page_size,
        )

    def _ranked(self, rows, scores, query: SearchQuery) -> list[Hit]:
        now = timezone.now()
        best = max(scores.values(), default=0) if scores else 0
        hits = []
        for row in rows:
            distance = None
            if query.near and row["latitude"] is not None:
                distance = distance_km(*query.near, row["latitude"], row["longitude"])
            age = (now - row["updated_at"]).total_seconds() / 86400 if row["updated_at"] else None
            parts = ranking.score(
                relevance=(scores[row["pk"]] / best) if scores and best > 0 else 0.0,
                rating=row["rating"],
                distance_km=distance,
                age_days=age,
            )
            hits.append(
                Hit(
                    doc_id=row["doc_id"],
                    type=row["type"],
                    object_id=row["object_id"],
                    title=row["display_title"],
                    summary=row["summary"],
                    url=row["url"],
                    score=parts.total,
                    distance_km=distance,
                    explain=parts.as_dict(),
                )
            )
        if query.sort == "distance":
            hits.sort(key=lambda h: (h.distance_km is None, h.distance_km or 0, h.doc_id))
        elif query.sort == "date":
            starts = {row["doc_id"]: row["starts_at"] for row in rows}
            hits.sort(key=lambda h: (starts[h.doc_id] is None, starts[h.doc_id] or now, h.doc_id))
        else:
            hits.sort(key=lambda h: (-h.score, h.doc_id))
        return hits

    def _facets(self, entries) -> dict[str, list[tuple[str, int]]]:
        facets = {"type": list(entries.values_list("type").annotate(n=Count("pk")).order_by("-n"))}
        rows = (
            EntryTerm.objects.filter(entry__in=entries.values("pk"))
            .values_list("field", "value")
            .annotate(n=Count("entry", distinct=True))
            .order_by("field", "-n", "value")
        )
        for name, value, n in rows:
            facets.setdefault(name, []).append((value, n))
        return facets

    def suggest(self, prefix: str, *, visibilities=("public",), limit: int = 8) -> list[str]:
        prefix = prefix.strip()[:40]
        if not prefix:
            return []
        titles = (
            Entry.objects.filter(visibility__in=visibilities, display_title__startswith=prefix)
            .order_by("display_title")
            .values_list("display_title", flat=True)
            .distinct()
        )
        return list(titles[:limit])
