"""The one interface every backend implements, and the query and result shapes."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from marketplace.core.errors import DomainError

FILTER_FIELDS = ("category", "kind", "status", "district", "street", "community")
MAX_PAGE_SIZE = 50
MAX_PAGE = 100
WALK_15_MIN_KM = 1.0  # "within a 15-minute walk"


@dataclass
class SearchQuery:
    text: str = ""
    types: tuple[str, ...] = ()
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    starts_from: datetime | None = None
    starts_until: datetime | None = None
    open_seats: bool = False
    near: tuple[float, float] | None = None  # (latitude, longitude)
    within_km: float | None = None
    sort: str = "relevance"  # relevance | distance | date
    visibilities: tuple[str, ...] = ("public",)
    page: int = 1
    page_size: int = 20

    def __post_init__(self):
        unknown = sorted(set(self.filters) - set(FILTER_FIELDS))
        if unknown:
            raise DomainError(_("Unknown filter: %(names)s.") % {"names": ", ".join(unknown)})
        if self.near is not None:
            lat, lon = self.near
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise DomainError(_("That point is not on the map."))
        if self.within_km is not None and not 0 < self.within_km <= 100:
            raise DomainError(_("Choose a distance between 0 and 100 km."))
        if self.within_km is not None and self.near is None:
            raise DomainError(_("Say where to measure the distance from."))
        if self.sort not in ("relevance", "distance", "date"):
            raise DomainError(_("Unknown order."))
        if self.sort == "distance" and self.near is None:
            raise DomainError(_("Say where to measure the distance from."))
        self.page = max(1, min(int(self.page), MAX_PAGE))
        self.page_size = max(1, min(int(self.page_size), MAX_PAGE_SIZE))


def fingerprint(source: dict) -> str:
    """A short hash of a document's fields, stored with it: the index is up to date
    with the database when each document's fingerprint equals that of a fresh build."""
    fields = {name: value for name, value in source.items() if name != "fingerprint"}
    encoded = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(encoded.encode(), digest_size=8).hexdigest()


def source_of(document) -> dict:
    """What is stored for a document: its fields and their fingerprint."""
    source = document.to_dict()
    source["fingerprint"] = fingerprint(source)
    return source


def as_datetime(value) -> datetime | None:
    """A document's date field, whether it is still a datetime or came back as text."""
    if value is None or isinstance(value, datetime):
        return value
    return parse_datetime(str(value))


@dataclass
class Hit:
    doc_id: str
    type: str
    object_id: str
    title: str
    summary: str
    url: str
    score: float
    distance_km: float | None
    explain: dict


@dataclass
class Results:
    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    page: int
    page_size: int


class SearchBackend:
    name = ""

    def index(self, documents, *, refresh: bool = True) -> int:
        """Add or replace documents; with `refresh`, searchable when this returns."""
        raise NotImplementedError

    def delete(self, doc_ids, *, refresh: bool = True) -> int:
        raise NotImplementedError

    def refresh(self) -> None:
        """Make every write so far searchable."""

    def reindex(self, type_key: str, documents, *, batch: int = 500) -> int:
        """Replace the type's documents with `documents` (an iterable); how many."""
        kept, chunk = set(), []
        for document in documents:
            kept.add(document.meta.id)
            chunk.append(document)
            if len(chunk) == batch:
                self.index(chunk, refresh=False)
                chunk = []
        self.index(chunk, refresh=False)
        self.keep_only(type_key, kept)
        self.refresh()
        return len(kept)

    def clear(self) -> None:
        raise NotImplementedError

    def keep_only(self, type_key: str, doc_ids: set[str]) -> int:
        """Remove the type's documents not in `doc_ids` (after a reindex); how many."""
        raise NotImplementedError

    def count(self, type_key: str | None = None) -> int:
        raise NotImplementedError

    def fingerprints(self, type_key: str) -> dict[str, str]:
        """doc_id → fingerprint of every document of the type the index holds, to find
        drift (search_status)."""
        raise NotImplementedError

    def search(self, query: SearchQuery) -> Results:
        raise NotImplementedError

    def suggest(self, prefix: str, *, visibilities=("public",), limit: int = 8) -> list[str]:
        raise NotImplementedError
