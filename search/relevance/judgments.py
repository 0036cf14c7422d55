"""The judged queries (judgments.toml), read and tied to the documents they name.

A judgment names a document by its type and exact title ("facility:杏花社区老年食堂"),
never by a primary key, so the file reads the same whatever order the demo was seeded
in. Where several documents share a title (the demo posts some demands twice), each of
them gets the grade. Every name must match a searchable document of the demo, and every
place a community of it: a judgment that names nothing fails loudly, with the names.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..backends.base import WALK_15_MIN_KM, SearchQuery
from ..documents.base import PUBLIC, STAFF

JUDGMENTS = Path(__file__).with_name("judgments.toml")
GRADES = {"perfect": 2, "relevant": 1}
KNOWN_KEYS = {"q", "note", "types", "category", "community", "near", "walk", "staff", *GRADES}


class JudgmentError(ValueError):
    """The judgments name something the demo does not have, or are malformed."""


@dataclass(frozen=True)
class Judged:
    """One query as judged: what is asked, and the grade of each document named."""

    number: int
    text: str
    note: str
    types: tuple[str, ...] = ()
    category: str = ""
    community: str = ""  # a community's name, filtered on
    near: str = ""  # a community's name: the point measured from
    walk: bool = False  # within a 15-minute walk of `near`
    staff: bool = False  # asked by community staff (staff-only documents may answer)
    grades: dict[str, int] = field(default_factory=dict)  # "type:title" → 2 or 1

    @property
    def label(self) -> str:
        extras = [f"{k}={v}" for k, v in self._extras().items()]
        return self.text + (f" [{', '.join(extras)}]" if extras else "")

    def _extras(self) -> dict:
        extras = {
            "types": ",".join(self.types),
            "category": self.category,
            "community": self.community,
            "near": self.near + (" walk" if self.walk else ""),
            "staff": "yes" if self.staff else "",
        }
        return {k: v for k, v in extras.items() if v}


def load(path: Path = JUDGMENTS) -> list[Judged]:
    """The judged queries of the file, checked for shape (not yet against the data)."""
    with open(path, "rb") as file:
        raw = tomllib.load(file).get("query", [])
    return [_judged(number, entry) for number, entry in enumerate(raw, start=1)]


def _judged(number: int, entry: dict) -> Judged:
    unknown = set(entry) - KNOWN_KEYS
    if unknown or not entry.get("q"):
        raise JudgmentError(f"query {number}: needs q; unknown keys {sorted(unknown)}")
    grades: dict[str, int] = {}
    for name, grade in GRADES.items():
        for key in entry.get(name, []):
            if key in grades:
                raise JudgmentError(f"query {number} ({entry['q']}): {key} judged twice")
            grades[key] = grade
    if 2 not in grades.values():
        raise JudgmentError(f"query {number} ({entry['q']}): nothing judged perfect")
    if entry.get("walk") and not entry.get("near"):
        raise JudgmentError(f"query {number} ({entry['q']}): walk needs near")
    return Judged(
        number=number,
        text=entry["q"],
        note=entry.get("note", ""),
        types=tuple(entry.get("types", ())),
        category=entry.get("category", ""),
        community=entry.get("community", ""),
        near=entry.get("near", ""),
        walk=bool(entry.get("walk", False)),
        staff=bool(entry.get("staff", False)),
        grades=grades,
    )


@dataclass(frozen=True)
class Corpus:
    """What judgments are resolved against: every searchable document's key, and the
    communities by name."""

    doc_ids: dict[str, list[str]]  # "type:title" → doc ids
    visibility: dict[str, str]  # doc id → public | staff
    communities: dict[str, tuple[str, tuple[float, float] | None]]  # name → (pk, point)
    categories: frozenset[str] = frozenset()  # service category codes

    @classmethod
    def from_database(cls) -> "Corpus":
        """Built from the domain through the same builders the indexes use."""
        from marketplace.catalog.models import ServiceCategory
        from marketplace.regions.models import Region, RegionLevel

        from ..registry import TYPES, documents_of

        doc_ids: dict[str, list[str]] = {}
        visibility: dict[str, str] = {}
        for search_type in TYPES.values():
            for document in documents_of(search_type):
                key = f"{document.type}:{document.display_title}"
                doc_ids.setdefault(key, []).append(document.meta.id)
                visibility[document.meta.id] = document.visibility
        communities = {
            r.name: (str(r.pk), _point(r.latitude, r.longitude))
            for r in Region.objects.filter(level=RegionLevel.COMMUNITY)
        }
        categories = frozenset(ServiceCategory.objects.values_list("code", flat=True))
        return cls(doc_ids, visibility, communities, categories)


def _point(lat, lon) -> tuple[float, float] | None:
    return None if lat is None or lon is None else (float(lat), float(lon))


def resolve(judged: list[Judged], corpus: Corpus) -> list[tuple[SearchQuery, dict[str, int]]]:
    """Each query as a SearchQuery, with the grades of the doc ids it names; every
    problem of the whole file is raised at once."""
    problems: list[str] = []
    resolved = []
    for j in judged:
        grades: dict[str, int] = {}
        for key, grade in j.grades.items():
            ids = corpus.doc_ids.get(key)
            if not ids:
                problems.append(f"query {j.number} ({j.text}): no searchable document {key}")
                continue
            for doc_id in ids:
                if corpus.visibility[doc_id] != PUBLIC and not j.staff:
                    problems.append(f"query {j.number} ({j.text}): {key} is staff-only")
                grades[doc_id] = grade
        problems += [f"query {j.number} ({j.text}): {p}" for p in _unknown(j, corpus)]
        if not problems:
            resolved.append((_search_query(j, corpus), grades))
    if problems:
        raise JudgmentError("The judgments do not match the demo:\n  " + "\n  ".join(problems))
    return resolved


def _unknown(j: Judged, corpus: Corpus) -> list[str]:
    from ..registry import TYPES

    unknown = [f"no type {t}" for t in j.types if t not in TYPES]
    if j.category and j.category not in corpus.categories:
        unknown.append(f"no category {j.category}")
    for place in (j.community, j.near):
        if place and place not in corpus.communities:
            unknown.append(f"no community {place}")
    return unknown


def _search_query(j: Judged, corpus: Corpus) -> SearchQuery:
    filters = {}
    if j.category:
        filters["category"] = (j.category,)
    if j.community:
        filters["community"] = (corpus.communities[j.community][0],)
    near = corpus.communities[j.near][1] if j.near else None
    return SearchQuery(
        text=j.text,
        types=j.types,
        filters=filters,
        near=near,
        within_km=WALK_15_MIN_KM if j.walk else None,
        visibilities=(PUBLIC, STAFF) if j.staff else (PUBLIC,),
        page_size=10,
    )
