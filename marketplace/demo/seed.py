"""Seeds the demo: regions, catalog, facilities and organizations here; people, demands
and pages in the sibling modules. Deterministic: one `random.Random(SEED)` drives every
choice, and dates are relative to the day the seed runs.

Objects are created directly rather than through services: this is reference data
for a fresh database, and every object is `full_clean()`-ed so the seed proves it valid.
"""

import logging
import random
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from marketplace.catalog.models import ServiceCategory, Skill
from marketplace.demo import data
from marketplace.demo.data_orgs import ORGANIZATIONS
from marketplace.demo.data_people import (
    ADMIN_EMAIL,
    DEMO_ACCOUNTS,
    DEMO_PURCHASER_ORG,
    DEMO_SERVICE_ORG,
    RESIDENT_COUNT,
    SOCIAL_WORKER_COUNT,
    STAFF_PER_COMMUNITY,
    VOLUNTEER_COUNT,
)
from marketplace.organizations.models import Offering, Organization
from marketplace.organizations.validators import CREDIT_CODE_CHARSET, credit_code_check_char
from marketplace.regions.models import Facility, OpeningHours, Region, RegionLevel

SIX_PLACES = Decimal("0.000001")
CHATTY_LOGGERS = ("django_tasks", "wagtail")  # one INFO line per task and per page


@dataclass
class Ctx:
    """What the seeding steps share: the random source, the progress bar, what exists."""

    rng: random.Random
    bar: tqdm
    anchor: datetime  # today at 00:00, local time
    regions: dict = field(default_factory=dict)  # slug → Region
    communities: list = field(default_factory=list)
    categories: dict = field(default_factory=dict)  # code → ServiceCategory
    skills: dict = field(default_factory=dict)  # code → Skill
    facilities: dict = field(default_factory=dict)  # community id → [Facility]
    orgs: dict = field(default_factory=dict)  # name → Organization
    org_admins: dict = field(default_factory=dict)  # organization id → User
    demo_users: dict = field(default_factory=dict)  # demo account key → User
    staff: dict = field(default_factory=dict)  # community id → [User]
    social_workers: list = field(default_factory=list)
    used_phones: set = field(default_factory=set)
    used_emails: set = field(default_factory=set)
    password_hash: str = ""  # the demo password, hashed once for every seeded user

    def save(self, obj, *, exclude=None, tick=True):
        obj.full_clean(exclude=exclude)
        obj.save()
        if tick:
            self.bar.update(1)
        return obj

    def stage(self, name: str):
        self.bar.set_description(name)

    def jitter(self, value, spread: int = 30) -> Decimal:
        """A coordinate moved by up to `spread` ten-thousandths of a degree (≈ 3 m each)."""
        offset = Decimal(self.rng.randint(-spread, spread)) / Decimal(10000)
        return (Decimal(str(value)) + offset).quantize(SIX_PLACES)


def is_seeded() -> bool:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(email=ADMIN_EMAIL).exists()


def planned_total() -> int:
    """How many objects the progress bar counts (regions … pages)."""
    from marketplace.demo.data_demands import STATUS_PLAN
    from marketplace.demo.data_procurement import PANEL, PROJECTS
    from marketplace.demo.seed_payments import planned_slots
    from marketplace.demo.seed_volunteering import TASKS_PER_COMMUNITY

    facilities = sum(len(row[-1]) for row in data.COMMUNITIES)
    offerings = sum(len(org["offerings"]) for org in ORGANIZATIONS)
    generated_org_admins = sum(
        1 for org in ORGANIZATIONS if org["name"] not in (DEMO_SERVICE_ORG, DEMO_PURCHASER_ORG)
    )
    users = (
        len(DEMO_ACCOUNTS)
        + VOLUNTEER_COUNT
        + SOCIAL_WORKER_COUNT
        + RESIDENT_COUNT
        + STAFF_PER_COMMUNITY * len(data.COMMUNITIES)
        + generated_org_admins
    )
    regions = 3 + len(data.STREETS) + len(data.COMMUNITIES)
    pages = 3 + len(data.COMMUNITIES) + len(data.STANDARD_PAGES)
    return (
        regions
        + len(data.CATEGORIES)
        + len(data.SKILLS)
        + facilities
        + len(ORGANIZATIONS)
        + offerings
        + users
        + sum(STATUS_PLAN.values())
        + TASKS_PER_COMMUNITY * len(data.COMMUNITIES)
        + len(PROJECTS)
        + len(PANEL)
        + pages
        + planned_slots()
    )


def seed_demo(*, progress: bool = True) -> bool:
    """Seed everything in one transaction. Returns False if the demo was already there."""
    from marketplace.demo.seed_demands import seed_demands
    from marketplace.demo.seed_hotline import seed_hotline
    from marketplace.demo.seed_pages import seed_pages
    from marketplace.demo.seed_payments import seed_payments
    from marketplace.demo.seed_people import seed_people
    from marketplace.demo.seed_procurement import seed_procurement
    from marketplace.demo.seed_reviews import seed_reviews
    from marketplace.demo.seed_surveys import seed_surveys
    from marketplace.demo.seed_volunteering import seed_volunteering

    if is_seeded():
        return False
    anchor = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    with (
        _quiet(CHATTY_LOGGERS),
        tqdm(total=planned_total(), unit="obj", disable=not progress) as bar,
        transaction.atomic(),
    ):
        ctx = Ctx(rng=random.Random(data.SEED), bar=bar, anchor=anchor)
        seed_regions(ctx)
        seed_catalog(ctx)
        seed_facilities(ctx)
        seed_organizations(ctx)
        seed_people(ctx)
        seed_demands(ctx)
        seed_volunteering(ctx)
        seed_payments(ctx)
        seed_pages(ctx)
        seed_procurement(ctx)
        seed_hotline(ctx)
        seed_reviews(ctx)
        seed_surveys(ctx)
        _analyze()
        ctx.stage("done")
    return True


def _analyze() -> None:
    """Refresh PostgreSQL's planner statistics after the bulk load (it counts the rows
    this transaction inserted): with the counts of nearly empty tables, or of tables full
    of rows other transactions rolled back, the matching queries can be planned as
    scans that take minutes instead of milliseconds."""
    if connection.vendor != "postgresql":
        return
    tables = connection.introspection.django_table_names(only_existing=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(map(connection.ops.quote_name, sorted(tables))))


@contextmanager
def _quiet(names):
    """Raise the named loggers to WARNING for the duration, so the progress bar shows."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


# --- regions ----------------------------------------------------------------


def _region(ctx, *, name, slug, level, parent, code, lat, lon, community_type="", population=None):
    region = Region(
        name=name,
        slug=slug,
        level=level,
        parent=parent,
        code=code,
        community_type=community_type,
        population=population,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
    )
    ctx.regions[slug] = ctx.save(region)
    return region


def seed_regions(ctx: Ctx) -> None:
    ctx.stage("regions")
    parent = None
    for level, row in (
        (RegionLevel.PROVINCE, data.PROVINCE),
        (RegionLevel.CITY, data.CITY),
        (RegionLevel.DISTRICT, data.DISTRICT),
    ):
        parent = _region(
            ctx,
            name=row["name"],
            slug=row["slug"],
            level=level,
            parent=parent,
            code=row["code"],
            lat=row["lat"],
            lon=row["lon"],
        )
    for name, slug, code, lat, lon in data.STREETS:
        _region(
            ctx,
            name=name,
            slug=slug,
            level=RegionLevel.STREET,
            parent=parent,
            code=code,
            lat=lat,
            lon=lon,
        )
    for street, name, slug, kind, code, population, lat, lon, _stems, _types in data.COMMUNITIES:
        community = _region(
            ctx,
            name=name,
            slug=slug,
            level=RegionLevel.COMMUNITY,
            parent=ctx.regions[street],
            code=code,
            lat=lat,
            lon=lon,
            community_type=kind,
            population=population,
        )
        ctx.communities.append(community)


def community_row(slug: str) -> tuple:
    return next(row for row in data.COMMUNITIES if row[2] == slug)


def street_address(ctx: Ctx, community: Region, stem: str | None = None) -> str:
    """A postal address in the community: 临江区杏花街道杏花路58号."""
    stem = stem or ctx.rng.choice(community_row(community.slug)[8])
    return f"{data.DISTRICT['name']}{community.parent.name}{stem}{ctx.rng.randint(1, 260)}号"


# --- catalog ----------------------------------------------------------------


def seed_catalog(ctx: Ctx) -> None:
    ctx.stage("catalog")
    for order, (code, zh, en) in enumerate(data.CATEGORIES, start=1):
        ctx.categories[code] = ctx.save(
            ServiceCategory(code=code, name_zh=zh, name_en=en, sort_order=order * 10)
        )
    for code, zh, en in data.SKILLS:
        ctx.skills[code] = ctx.save(Skill(code=code, name_zh=zh, name_en=en))


# --- facilities -------------------------------------------------------------


def _landline(ctx: Ctx) -> str:
    return f"{data.CITY_AREA_CODE}-8{ctx.rng.randint(1000000, 9999999)}"


def seed_facilities(ctx: Ctx) -> None:
    ctx.stage("facilities")
    for community in ctx.communities:
        row = community_row(community.slug)
        is_village = community.community_type == "village"
        ctx.facilities[community.id] = []
        for kind in row[9]:
            template = data.FACILITY_NAMES[kind][1 if is_village else 0]
            extras = ctx.rng.sample(data.ACCESSIBILITY_EXTRA, ctx.rng.randint(0, 2))
            features = list(dict.fromkeys(data.ACCESSIBILITY_BASE[kind] + extras))
            facility = ctx.save(
                Facility(
                    name=template.format(c=community.name),
                    type=kind,
                    community=community,
                    address=street_address(ctx, community),
                    latitude=ctx.jitter(community.latitude),
                    longitude=ctx.jitter(community.longitude),
                    phone=_landline(ctx),
                    description=data.FACILITY_DESCRIPTIONS[kind],
                    accessibility=features,
                )
            )
            pattern = data.VILLAGE_HOURS.get(kind, kind) if is_village else kind
            _opening_hours(ctx, facility, data.OPENING_HOURS[pattern])
            ctx.facilities[community.id].append(facility)


def _opening_hours(ctx: Ctx, facility: Facility, pattern) -> None:
    for days, intervals in pattern:
        for day in days:
            for opens, closes in intervals:
                ctx.save(
                    OpeningHours(
                        facility=facility,
                        weekday=day,
                        opens=time.fromisoformat(opens),
                        closes=time.fromisoformat(closes),
                    ),
                    tick=False,
                )


# --- organizations ----------------------------------------------------------

ORG_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 11714 characters the credit code allows


def organization_code(ctx: Ctx) -> str:
    """A 9-character organization code (GB 11714-1997) with its check character."""
    body = "".join(
        ctx.rng.choice(ORG_CODE_CHARS[:10] if i < 2 else ORG_CODE_CHARS) for i in range(8)
    )
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(
        (int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body, weights, strict=True)
    )
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def credit_code(ctx: Ctx, registration: str) -> str:
    """An 18-character Unified Social Credit Code (GB 32100-2015) for the district."""
    first17 = registration + data.DISTRICT_CODE + organization_code(ctx)
    assert all(char in CREDIT_CODE_CHARSET for char in first17)
    return first17 + credit_code_check_char(first17)


def seed_organizations(ctx: Ctx) -> None:
    from marketplace.demo.seed_people import new_mobile

    ctx.stage("organizations")
    for row in ORGANIZATIONS:
        base = ctx.regions[row["base"]]
        status = row.get("status", "verified")
        org = ctx.save(
            Organization(
                name=row["name"],
                type=row["type"],
                credit_code=credit_code(ctx, row["reg"]),
                legal_representative=row["rep"],
                phone=new_mobile(ctx),
                email=row["mail"],
                address=f"{data.DISTRICT['name']}{base.parent.name}{row['road']}",
                latitude=ctx.jitter(base.latitude),
                longitude=ctx.jitter(base.longitude),
                description=row["description"],
                status=status,
                rejection_reason=row.get("rejection_reason", ""),
                verified_at=(
                    ctx.anchor - timedelta(days=ctx.rng.randint(30, 400), hours=-10)
                    if status == "verified"
                    else None
                ),
            )
        )
        org.service_area.set(_service_area(ctx, row["area"]))
        org.categories.set([ctx.categories[code] for code in row["categories"]])
        for title, category, kind, price, unit, description in row["offerings"]:
            ctx.save(
                Offering(
                    organization=org,
                    title=title,
                    category=ctx.categories[category],
                    kind=kind,
                    description=description,
                    price=Decimal(price) if price else None,
                    unit=unit,
                )
            )
        ctx.orgs[org.name] = org


def _service_area(ctx: Ctx, slugs: list[str]) -> list[Region]:
    """The communities under the named regions (a street, the district), and those regions."""
    regions = [ctx.regions[slug] for slug in slugs]
    covered = {region.id for region in regions}
    for community in ctx.communities:
        if community.parent_id in covered or community.parent.parent_id in covered:
            regions.append(community)
    return regions
