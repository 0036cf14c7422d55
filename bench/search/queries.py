"""The fixed query mix and its timing.

QUERIES queries (seeded) cycle through six kinds, each a page of 20 with facets (every
backend computes facets on every search):

    text           text only
    text+type      text, one type
    text+filter    text, one category, district or community
    text+walk      text within a 15-minute walk (1 km) of a point
    near+distance  no text, within 3 km of a point, sorted by distance
    seats+dates    tasks with open seats starting in the next 14 days (half with text)

Points are near a random community's centre, where documents are. WARMUP other queries
run first, untimed.
"""

import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from tqdm import tqdm

from search.backends.base import WALK_15_MIN_KM, SearchQuery

from .corpus import SEED, Community, near
from .vocabulary import CATEGORY_NAMES, SERVICES, WHO

QUERIES = 200
WARMUP = 12
KINDS = ("text", "text+type", "text+filter", "text+walk", "near+distance", "seats+dates")
TYPES = ("demand", "task", "organization", "offering", "facility", "page")


def _text(rng: random.Random, places: list[Community]) -> tuple[str, str]:
    """A query a resident might type, and the category it is about."""
    category = rng.choice(list(SERVICES))
    service = rng.choice(SERVICES[category])
    shape = rng.random()
    if shape < 0.45:
        return service, category
    if shape < 0.6:
        return CATEGORY_NAMES[category], category
    if shape < 0.8:
        return f"{rng.choice(places).name} {service}", category
    return f"{rng.choice(WHO)} {service}", category


def _point(rng: random.Random, places: list[Community]) -> tuple[float, float]:
    point = near(rng, rng.choice(places), sigma_km=0.3)
    return point["lat"], point["lon"]


def _query(kind: str, rng: random.Random, places: list[Community], now: datetime) -> SearchQuery:
    text, category = _text(rng, places)
    if kind == "text":
        return SearchQuery(text=text)
    if kind == "text+type":
        return SearchQuery(text=text, types=(rng.choice(TYPES),))
    if kind == "text+filter":
        place = rng.choice(places)
        name, value = rng.choice(
            [("category", category), ("district", place.district), ("community", place.id)]
        )
        return SearchQuery(text=text, filters={name: (value,)})
    if kind == "text+walk":
        return SearchQuery(text=text, near=_point(rng, places), within_km=WALK_15_MIN_KM)
    if kind == "near+distance":
        return SearchQuery(near=_point(rng, places), within_km=3.0, sort="distance")
    return SearchQuery(
        text=text if rng.random() < 0.5 else "",
        types=("task",),
        open_seats=True,
        starts_from=now,
        starts_until=now + timedelta(days=14),
    )


def mix(places: list[Community], now: datetime, count: int, seed: int = SEED):
    """`count` (kind, query) pairs, the kinds in turn."""
    rng = random.Random(seed)
    kinds = [KINDS[n % len(KINDS)] for n in range(count)]
    return [(kind, _query(kind, rng, places, now)) for kind in kinds]


@dataclass
class Timing:
    """Each query's time in ms and what it found (None: stopped at the cap), in mix order."""

    kinds: list[str] = field(default_factory=list)
    ms: list[float] = field(default_factory=list)
    found: list[int | None] = field(default_factory=list)

    def p50(self, first: int | None = None) -> float:
        return statistics.median(self.ms[:first])

    def summary(self) -> dict:
        ms = sorted(self.ms)
        found = [f for f in self.found if f is not None]
        by_kind: dict[str, list[float]] = {}
        for kind, ms_one in zip(self.kinds, self.ms, strict=True):
            by_kind.setdefault(kind, []).append(ms_one)
        return {
            "queries": len(ms),
            "p50_ms": round(statistics.median(ms), 2),
            "p95_ms": round(statistics.quantiles(ms, n=20)[-1], 2) if len(ms) > 1 else ms[0],
            "mean_ms": round(statistics.fmean(ms), 2),
            "found_mean": round(statistics.fmean(found), 1) if found else 0,
            "empty_share": round(sum(1 for f in found if f == 0) / len(ms), 3),
            "timeouts": sum(1 for f in self.found if f is None),
            "p50_ms_by_kind": {k: round(statistics.median(v), 2) for k, v in by_kind.items()},
        }


def timed(run, queries, warmup, label: str, *, budget_s: float | None = None) -> Timing:
    """Run the warm-up queries, then time the mix's queries in order; with a budget, stop
    once it is spent (the kinds take turns, so the queries run stay balanced). `run(query)`
    returns the number of results found, or None when it was stopped at a time cap."""
    for _kind, query in warmup:
        run(query)
    timing = Timing()
    began = time.perf_counter()
    for kind, query in tqdm(queries, desc=label, unit="query", file=sys.stderr):
        if budget_s is not None and time.perf_counter() - began > budget_s:
            tqdm.write(f"{label}: time budget spent after {len(timing.ms)} queries", sys.stderr)
            break
        started = time.perf_counter()
        total = run(query)
        timing.kinds.append(kind)
        timing.ms.append((time.perf_counter() - started) * 1000)
        timing.found.append(total)
    return timing
