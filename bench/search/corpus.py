"""A deterministic synthetic search corpus for `make bench ONLY=search`.

N documents (default 100,000) of six types in realistic proportions — demands, volunteer
tasks, organizations, offerings, facilities and CMS pages — over 480 communities in six
districts scattered within 15 km of a city centre (29.87, 121.54). Titles and texts are
composed from the demo's vocabularies (marketplace/demo/data*.py: categories, skills,
facility names, demand templates) and the service words below, so queries such as 助餐,
居家养老 or 杏花社区 理发 find realistic result sets.

`specs(n, now)` lays out the raw documents (seeded, pure Python, a second or two);
`segmented(specs)` runs search/text.py's jieba segmentation (text_fields()) over them on
every core, cached in var/ under a key of the corpus and segmentation sources, so the
SQLite and PostgreSQL runs segment once; `documents(specs, fields)` makes the real
document classes of search/registry.py.
"""

import hashlib
import math
import multiprocessing
import os
import pickle
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.utils import translation
from tqdm import tqdm

from marketplace.demo.data import FACILITY_DESCRIPTIONS, FACILITY_NAMES, SKILLS
from marketplace.demo.data_demands import DEMAND_TEMPLATES
from marketplace.regions.models import FacilityType

from .vocabulary import (
    CATEGORY_NAMES,
    DISTRICTS,
    EXTRAS,
    ORG_TYPES,
    ORG_WORDS,
    PAGE_KINDS,
    PLACE_TAILS,
    PLACE_WORDS,
    ROAD_TAILS,
    SERVICES,
    STREET_WORDS,
    WHEN,
    WHO,
)

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = 20261129
CENTRE = (29.87, 121.54)
RADIUS_KM = 15.0
KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON = 111.320 * math.cos(math.radians(CENTRE[0]))
SHARES = {
    "demand": 0.25,
    "task": 0.20,
    "organization": 0.08,
    "offering": 0.20,
    "facility": 0.12,
    "page": 0.15,
}


@dataclass
class Spec:
    """One raw document: what a builder would read from the domain."""

    type: str
    pk: int
    title: str
    parts: list[str]
    fields: dict = field(default_factory=dict)

    @property
    def body(self) -> str:
        return " ".join(p for p in self.parts if p)


@dataclass
class Community:
    id: str
    name: str
    street: str
    district: str
    lat: float
    lon: float

    def regions(self) -> dict:
        return {"community": self.id, "street": self.street, "district": self.district}


def communities(rng: random.Random) -> list[Community]:
    """480 communities: district by compass sector, street by distance band."""
    found = []
    names = [w + t for t in PLACE_TAILS for w in PLACE_WORDS][:480]
    for n, name in enumerate(names):
        r = RADIUS_KM * math.sqrt(rng.random())
        angle = rng.random() * 2 * math.pi
        district = int(angle / (2 * math.pi) * len(DISTRICTS))
        street = district * 10 + min(int(r / RADIUS_KM * len(STREET_WORDS)), 7)
        suffix = "村" if r > 11 and n % 3 == 0 else "社区"
        found.append(
            Community(
                id=str(1000 + n),
                name=name + suffix,
                street=str(100 + street),
                district=str(1 + district),
                lat=CENTRE[0] + r * math.sin(angle) / KM_PER_DEG_LAT,
                lon=CENTRE[1] + r * math.cos(angle) / KM_PER_DEG_LON,
            )
        )
    return found


def near(rng: random.Random, c: Community, sigma_km: float = 0.5) -> dict:
    return {
        "lat": round(c.lat + rng.gauss(0, sigma_km) / KM_PER_DEG_LAT, 6),
        "lon": round(c.lon + rng.gauss(0, sigma_km) / KM_PER_DEG_LON, 6),
    }


def _road(rng, c: Community) -> str:
    return f"{c.name[:2]}{rng.choice(ROAD_TAILS)}{rng.randint(1, 300)}号"


class _Maker:
    """Composes the specs of each type; every choice comes from one seeded RNG."""

    def __init__(self, rng: random.Random, now: datetime):
        self.rng, self.now = rng, now
        self.places = communities(rng)
        self.categories = list(SERVICES)
        self.orgs: list[tuple[int, str, Community]] = []
        with translation.override("zh-hans"):
            self.facility_labels = {kind: str(FacilityType(kind).label) for kind in FACILITY_NAMES}

    def _common(self, c: Community) -> dict:
        rng = self.rng
        return {
            "updated_at": self.now - timedelta(days=rng.expovariate(1 / 40)),
            "location": near(rng, c),
            "rating": round(min(5.0, max(1.0, rng.gauss(3.9, 0.6))), 3),
        }

    def demand(self, pk: int) -> Spec:
        rng, c = self.rng, self.rng.choice(self.places)
        if rng.random() < 0.4:
            category, kind, title, text, *_ = rng.choice(DEMAND_TEMPLATES)
            title = title.format(c=c.name)
        else:
            category = rng.choice(self.categories)
            service = rng.choice(SERVICES[category])
            kind = rng.choice(["public", "convenience", "volunteer"])
            who = rng.choice(WHO)
            title = f"{c.name}{who}{service}{rng.choice(['需求', '服务', '项目'])}"
            people = f"{who}{rng.randint(3, 60)}人"
            text = f"{c.name}有{people}需要{service}服务，时间为{rng.choice(WHEN)}。"
        starts = self.now + timedelta(hours=rng.randint(-24 * 30, 24 * 60))
        status = rng.choices(
            ["open", "matched", "in_progress", "delivered", "closed"], [5, 2, 1, 1, 2]
        )[0]
        return Spec(
            "demand",
            pk,
            title,
            [text, rng.choice(EXTRAS), f"地点：{_road(rng, c)}", CATEGORY_NAMES[category]],
            {
                "category": category,
                "kind": kind,
                "status": status,
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=rng.randint(1, 6)),
                **self._common(c),
                **c.regions(),
            },
        )

    def task(self, pk: int) -> Spec:
        rng, c = self.rng, self.rng.choice(self.places)
        category = rng.choice(self.categories)
        service = rng.choice(SERVICES[category])
        skills = rng.sample(SKILLS, rng.randint(0, 2))
        wanted = "、".join(s[1] for s in skills) or "热心"
        starts = self.now + timedelta(hours=rng.randint(-24 * 10, 24 * 45))
        upcoming = starts > self.now
        return Spec(
            "task",
            pk,
            f"{service}志愿服务（{c.name}）",
            [
                f"招募志愿者{rng.randint(2, 30)}名，协助开展{service}，{wanted}者优先，"
                f"{rng.choice(WHEN)}。",
                rng.choice(EXTRAS),
                f"集合地点：{c.name}党群服务中心",
                CATEGORY_NAMES[category],
            ],
            {
                "category": category,
                "kind": "volunteer",
                "skills": [s[0] for s in skills],
                "status": "published" if upcoming else rng.choice(["published", "completed"]),
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=rng.randint(2, 4)),
                "open_seats": rng.choice([0, 0, 1, 2, 3, 5, 8, 12]) if upcoming else 0,
                **self._common(c),
                **c.regions(),
            },
        )

    def organization(self, pk: int) -> Spec:
        rng, c = self.rng, self.rng.choice(self.places)
        kind = rng.choice(list(ORG_TYPES))
        district = DISTRICTS[int(c.district) - 1]
        name = f"{district}{c.name[:2]}{rng.choice(ORG_WORDS)}{rng.choice(ORG_TYPES[kind])}"
        categories = rng.sample(self.categories, rng.randint(1, 3))
        services = [rng.choice(SERVICES[code]) for code in categories]
        area = [c] + rng.sample(self.places, rng.randint(0, 4))
        self.orgs.append((pk, name, c))
        return Spec(
            "organization",
            pk,
            name,
            [
                f"本机构长期为{'、'.join(a.name for a in area[:3])}等社区提供"
                f"{'、'.join(services)}服务，"
                f"现有专职人员{rng.randint(3, 80)}名。",
                rng.choice(EXTRAS),
                _road(rng, c),
                *[CATEGORY_NAMES[code] for code in categories],
            ],
            {
                "category": categories,
                "kind": kind,
                "status": "verified",
                "community": sorted({a.id for a in area}),
                **self._common(c),
            },
        )

    def offering(self, pk: int) -> Spec:
        rng = self.rng
        org_pk, org_name, c = rng.choice(self.orgs)
        category = rng.choice(self.categories)
        service = rng.choice(SERVICES[category])
        title = rng.choice(["{s}", "上门{s}", "{s}套餐", "{s}（十次卡）", "{s}服务"]).format(
            s=service
        )
        price = rng.choice(["免费", f"{rng.randint(10, 300)}元/次", "政府补贴后10元/次"])
        return Spec(
            "offering",
            pk,
            title,
            [
                f"{price}，{rng.choice(WHEN)}可预约，服务范围覆盖{c.name}等社区。",
                rng.choice(EXTRAS),
                org_name,
                CATEGORY_NAMES[category],
            ],
            {
                "category": category,
                "kind": rng.choice(["public", "convenience", "volunteer"]),
                "community": [c.id],
                "organization": org_pk,
                **self._common(c),
            },
        )

    def facility(self, pk: int) -> Spec:
        rng, c = self.rng, self.rng.choice(self.places)
        kind = rng.choice(list(FACILITY_NAMES))
        title = rng.choice(FACILITY_NAMES[kind]).format(c=c.name)
        common = self._common(c)
        common.pop("rating")
        return Spec(
            "facility",
            pk,
            title,
            [self.facility_labels[kind], _road(rng, c), FACILITY_DESCRIPTIONS[kind]],
            {"kind": kind, **common, **c.regions()},
        )

    def page(self, pk: int) -> Spec:
        rng, c = self.rng, self.rng.choice(self.places)
        category = rng.choice(self.categories)
        service = rng.choice(SERVICES[category])
        kind = rng.choice(PAGE_KINDS)
        district = DISTRICTS[int(c.district) - 1]
        title = {
            "standardpage": f"{c.name}开展{service}活动",
            "communitypage": f"{c.name}{service}办事指南",
            "tendernoticepage": f"{district}{service}项目招标公告",
            "awardnoticepage": f"{district}{service}项目中标公告",
        }[kind]
        body = (
            f"为做好{CATEGORY_NAMES[category]}工作，{c.name}于{rng.randint(1, 12)}月"
            f"组织开展{service}，共服务{rng.choice(WHO)}{rng.randint(10, 300)}人次。"
            + "".join(rng.sample(EXTRAS, 2))
        )
        regions = c.regions() if kind in ("standardpage", "communitypage") else {}
        return Spec(
            "page",
            pk,
            title,
            [body],
            {
                "kind": kind,
                "updated_at": self.now - timedelta(days=rng.expovariate(1 / 90)),
                **regions,
            },
        )


def specs(n: int, now: datetime) -> tuple[list[Spec], list[Community]]:
    """The corpus (organizations first: offerings name them), in a fixed order."""
    maker = _Maker(random.Random(SEED), now)
    counts = {key: int(n * share) for key, share in SHARES.items()}
    counts["demand"] += n - sum(counts.values())
    out = []
    for key in ("organization", *[k for k in SHARES if k != "organization"]):
        make = getattr(maker, key)
        out += [make(pk) for pk in range(1, counts[key] + 1)]
    return out, maker.places


# --- segmentation: every core, cached ----------------------------------------------------


def _segment(batch: list[tuple[str, list[str]]]) -> list[dict]:
    from search.documents.base import text_fields

    return [text_fields(title, *parts) for title, parts in batch]


def _cache_path(items: list[Spec]) -> Path:
    """A file named after the texts and the segmentation code (text.py, its dictionary and
    text_fields()): any change to either makes a new one."""
    digest = hashlib.sha256()
    for path in ("search/text.py", "search/dictionary.txt", "search/documents/base.py"):
        digest.update((ROOT / path).read_bytes())
    for spec in items:
        digest.update("\x1f".join([spec.title, *spec.parts, "\x1e"]).encode())
    var = Path(os.environ.get("LINLI_VAR_DIR", ROOT / "var"))
    return var / f"bench-search-corpus-{len(items)}-{digest.hexdigest()[:12]}.pickle"


def segmented(items: list[Spec], chunk: int = 500) -> tuple[list[dict], float | None]:
    """text_fields() of every spec, and the segmentation rate in docs/s (None when cached)."""
    cache = _cache_path(items)
    if cache.exists():
        print(f"corpus: segmented text from {cache.name}", file=sys.stderr)
        return pickle.loads(cache.read_bytes()), None
    from search.text import document_tokens

    document_tokens("预热")  # load jieba's dictionary once, before the workers fork
    batches = [
        [(s.title, s.parts) for s in items[i : i + chunk]] for i in range(0, len(items), chunk)
    ]
    fields: list[dict] = []
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(os.cpu_count() or 1) as pool:
        bar = tqdm(total=len(items), desc="segment (jieba)", unit="doc", file=sys.stderr)
        for done in pool.imap(_segment, batches):
            fields += done
            bar.update(len(done))
        bar.close()
    rate = len(items) / (time.perf_counter() - started)
    for stale in cache.parent.glob(f"bench-search-corpus-{len(items)}-*.pickle"):
        stale.unlink()
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(fields, protocol=pickle.HIGHEST_PROTOCOL))
    return fields, rate


def documents(items: list[Spec], fields: list[dict]) -> list:
    """The real search documents (search/registry.py's classes) of the corpus."""
    from search.registry import TYPES

    out = []
    progress = tqdm(items, desc="documents", unit="doc", file=sys.stderr)
    for spec, text in zip(progress, fields, strict=True):
        data = {k: v for k, v in spec.fields.items() if k != "organization"}
        url = f"/{spec.type}/{spec.pk}/"
        out.append(TYPES[spec.type].document.of(spec.type, spec.pk, url=url, **data, **text))
    return out
