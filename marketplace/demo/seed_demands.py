"""Seeds demands in every status, with responses from organizations and social workers.

A demand that has been matched (matched, in progress, delivered, closed) has one
accepted response, and the other responses to it are declined.
"""

from datetime import timedelta
from decimal import Decimal

from marketplace.demands.models import Demand, DemandResponse, DemandStatus, ResponseStatus
from marketplace.demo.data_demands import (
    CANCEL_REASONS,
    DEMAND_TEMPLATES,
    ORG_RESPONSES,
    PERSON_RESPONSES,
    PLACE_FALLBACK,
    PLACE_HOME,
    STATUS_PLAN,
)
from marketplace.demo.data_people import DEMO_SERVICE_ORG, DEMO_STAFF_COMMUNITIES
from marketplace.demo.seed import Ctx

S = DemandStatus
MATCHED = {S.MATCHED, S.IN_PROGRESS, S.DELIVERED, S.CLOSED}
UPCOMING_DAYS = {S.DRAFT: (5, 25), S.OPEN: (2, 21), S.MATCHED: (1, 10)}
PAST_DAYS = {S.DELIVERED: (1, 6), S.CLOSED: (8, 60)}


def seed_demands(ctx: Ctx) -> None:
    ctx.stage("demands")
    rng = ctx.rng
    statuses = [status for status, count in STATUS_PLAN.items() for _ in range(count)]
    rng.shuffle(statuses)
    templates = list(DEMAND_TEMPLATES)
    rng.shuffle(templates)
    demo_communities = [ctx.regions[slug] for slug in DEMO_STAFF_COMMUNITIES]
    providers = Providers(ctx)
    # The demo community staff get the first demand of each status and every fourth one.
    demo_indices = {statuses.index(status) for status in STATUS_PLAN} | set(
        range(0, len(statuses), 4)
    )
    for index, status in enumerate(statuses):
        if index in demo_indices:
            community = demo_communities[index % len(demo_communities)]
            author = ctx.demo_users["communitystaff"]
        else:
            community = rng.choice(ctx.communities)
            author = rng.choice(ctx.staff[community.id])
        demand = _demand(ctx, templates[index % len(templates)], community, S(status), author)
        _responses(ctx, demand, providers)


def _demand(ctx: Ctx, template, community, status: S, author) -> Demand:
    rng = ctx.rng
    category, kind, title, description, place_kind, (low, high), budget, hours = template
    starts_at, ends_at, published_at = _window(ctx, status, hours)
    place, lat, lon = _place(ctx, community, place_kind)
    demand = Demand(
        community=community,
        title=title.format(c=community.name),
        category=ctx.categories[category],
        kind=kind,
        description=description,
        beneficiaries_count=rng.randint(low, high),
        place=place,
        latitude=lat,
        longitude=lon,
        starts_at=starts_at,
        ends_at=ends_at,
        budget=Decimal(rng.randrange(budget[0], budget[1] + 1, 100)) if budget else None,
        status=status,
        created_by=author,
        cancel_reason=rng.choice(CANCEL_REASONS) if status == S.CANCELLED else "",
        published_at=published_at,
    )
    return ctx.save(demand)


def _window(ctx: Ctx, status: S, hours: int):
    """Start, end and publication time, around today, as the status implies."""
    rng, anchor = ctx.rng, ctx.anchor
    hour = 8 if hours >= 6 else rng.choice([8, 9, 14, 15])
    if status == S.IN_PROGRESS:  # a service period that began and is still running
        starts_at = anchor - timedelta(days=rng.randint(1, 10)) + timedelta(hours=8)
        ends_at = anchor + timedelta(days=rng.randint(1, 20), hours=17)
    elif status in PAST_DAYS:
        starts_at = anchor - timedelta(days=rng.randint(*PAST_DAYS[status])) + timedelta(hours=hour)
        ends_at = starts_at + timedelta(hours=hours)
    else:
        low, high = UPCOMING_DAYS.get(status, (-5, 15))
        starts_at = anchor + timedelta(days=rng.randint(low, high), hours=hour)
        ends_at = starts_at + timedelta(hours=hours)
    if status == S.DRAFT or (status == S.CANCELLED and rng.random() < 0.3):
        published_at = None  # never published
    else:
        published_at = (
            min(starts_at, anchor) - timedelta(days=rng.randint(2, 10)) + timedelta(hours=9)
        )
    return starts_at, ends_at, published_at


def _place(ctx: Ctx, community, place_kind: str):
    if place_kind == "home":
        return PLACE_HOME.format(c=community.name), community.latitude, community.longitude
    facilities = ctx.facilities[community.id]
    facility = next((f for f in facilities if f.type == place_kind), None)
    if facility is None:
        facility = next((f for f in facilities if f.type == "service_centre"), None)
    if facility is None:
        return PLACE_FALLBACK.format(c=community.name), community.latitude, community.longitude
    return f"{facility.name}（{facility.address}）", facility.latitude, facility.longitude


class Providers:
    """Who can respond to a demand of a category: verified organizations, social workers."""

    def __init__(self, ctx: Ctx):
        self.orgs = [o for o in ctx.orgs.values() if o.is_provider]
        self.org_categories = {
            o.id: set(o.categories.values_list("id", flat=True)) for o in self.orgs
        }
        self.workers = ctx.social_workers
        self.worker_categories = {
            w.id: set(w.specialties.values_list("id", flat=True)) for w in self.workers
        }
        self.admins = ctx.org_admins
        self.demo_org = ctx.orgs[DEMO_SERVICE_ORG]
        self.demo_worker = ctx.demo_users["socialworker"]

    def candidates(self, category_id: int) -> list:
        orgs = [o for o in self.orgs if category_id in self.org_categories[o.id]]
        workers = [w for w in self.workers if category_id in self.worker_categories[w.id]]
        return orgs + workers or list(self.orgs)

    def preferred(self, chosen: list):
        """The demo organization or social worker wins when they respond, so they see work."""
        for candidate in chosen:
            if candidate == self.demo_org or getattr(candidate, "user", None) == self.demo_worker:
                return candidate
        return chosen[0]


def _responses(ctx: Ctx, demand: Demand, providers: Providers) -> None:
    if demand.status == S.DRAFT:
        return
    rng = ctx.rng
    pool = providers.candidates(demand.category_id)
    if demand.status in MATCHED:
        count = rng.randint(1, 3)
    else:
        count = rng.randint(0, 3 if demand.status == S.OPEN else 2)
    chosen = rng.sample(pool, min(count, len(pool)))
    winner = providers.preferred(chosen) if demand.status in MATCHED else None
    for candidate in chosen:
        if demand.status == S.OPEN:
            status = ResponseStatus.PENDING
        else:
            status = ResponseStatus.ACCEPTED if candidate is winner else ResponseStatus.DECLINED
        response = _response(ctx, demand, candidate, providers, status)
        if candidate is winner:
            demand.accepted_response = response
            ctx.save(demand, tick=False)


def _response(ctx: Ctx, demand, candidate, providers: Providers, status) -> DemandResponse:
    rng = ctx.rng
    is_org = candidate in providers.orgs
    template = rng.choice(ORG_RESPONSES if is_org else PERSON_RESPONSES)
    price = None
    if demand.budget:
        price = (demand.budget * Decimal(rng.choice(["0.85", "0.9", "0.95", "1"]))).quantize(
            Decimal("1")
        )
    return ctx.save(
        DemandResponse(
            demand=demand,
            organization=candidate if is_org else None,
            responder=providers.admins[candidate.id] if is_org else candidate.user,
            message=template.format(c=demand.community.name),
            proposed_price=price,
            status=status,
        ),
        tick=False,
    )
