"""Reviews per second with incremental aggregates, against a full recompute per review.

Creates a fresh database with EXISTING reviews already spread over 1,000 providers,
then REVIEWS new reviews through the real service (`review_create`), twice: with the
shipped incremental aggregates (UPDATE … SET n = n + 1), and with the aggregation step
swapped for `rating_recompute` (a rescan of the provider's reviews and the platform's,
which the platform-wide prior mean needs). Prints one JSON line.

    DATABASE_URL=… python -m bench.reviews [--existing 100000 --reviews 300]
"""

import argparse
import json
import os
import sys
import time
from unittest import mock

from tqdm import tqdm

from bench.signup import _fresh_database

PROVIDERS = 1000
LEVELS = (5, 4, 5, 3, 4, 5, 2, 4, 5, 1)  # a realistic, mostly satisfied mix


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--existing", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=300)
    args = parser.parse_args()

    _fresh_database(os.environ["DATABASE_URL"])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.embedded")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    demand, provider, people = _scene(args.reviews * 2)
    _existing_reviews(args.existing, provider, people[0])

    from marketplace.reviews.services.aggregates import aggregate_shift

    step = {"incremental": 0.0, "recompute": 0.0}
    target = "marketplace.reviews.services.reviews.aggregate_shift"
    with mock.patch(target, side_effect=_clocked(aggregate_shift, step, "incremental")):
        incremental = _timed(people[: args.reviews], demand, "incremental")
    with mock.patch(target, side_effect=_clocked(_recompute_instead, step, "recompute")):
        recompute = _timed(people[args.reviews :], demand, "full recompute")
    from marketplace.reviews.models import Review

    print(
        json.dumps(
            {
                "existing_reviews": args.existing,
                "reviews_timed": args.reviews,
                "incremental_per_second": round(args.reviews / incremental, 1),
                "recompute_per_second": round(args.reviews / recompute, 1),
                "speedup": round(recompute / incremental, 2),
                "aggregation_ms_incremental": round(step["incremental"] / args.reviews * 1000, 2),
                "aggregation_ms_recompute": round(step["recompute"] / args.reviews * 1000, 2),
                "aggregation_speedup": round(step["recompute"] / step["incremental"], 1),
                "aggregates_match": _aggregates_match(provider),
                "reviews_total": Review.objects.count(),
            }
        )
    )


def _clocked(function, totals: dict, key: str):
    """`function`, adding the time each call takes to totals[key]."""

    def timed(**kwargs):
        started = time.perf_counter()
        try:
            return function(**kwargs)
        finally:
            totals[key] += time.perf_counter() - started

    return timed


def _recompute_instead(*, provider_type, provider_id, changes):
    from marketplace.reviews.services import rating_recompute

    rating_recompute(provider_type=provider_type, provider_id=provider_id)


def _timed(people, demand, label) -> float:
    from marketplace.reviews.services import review_create

    started = time.perf_counter()
    for n, person in enumerate(tqdm(people, desc=label, unit="review", file=sys.stderr)):
        review_create(
            actor=person, service_kind="demand", service_id=demand.pk, level=LEVELS[n % 10]
        )
    return time.perf_counter() - started


def _scene(reviewers: int):
    """One closed demand met by one organization, and `reviewers` residents it served."""
    from datetime import timedelta

    from django.utils import timezone

    from marketplace.accounts.models import User
    from marketplace.catalog.models import ServiceCategory
    from marketplace.demands.models import Demand, DemandResponse
    from marketplace.organizations.models import Membership, Organization
    from marketplace.regions.models import Region
    from marketplace.reviews.models import ServedPerson
    from tests.factories import valid_credit_code

    parent = None
    for level in ("province", "city", "district", "street", "community"):
        extra = {"community_type": "urban"} if level == "community" else {}
        parent = Region.objects.create(
            name=f"基准{level}", slug=f"bench-{level}", level=level, parent=parent, **extra
        )
    category = ServiceCategory.objects.create(
        code="elderly-care", name_zh="养老", name_en="Elderly"
    )
    provider = Organization.objects.create(
        name="基准养老服务中心",
        type="social_organization",
        credit_code=valid_credit_code(1),
        legal_representative="王",
        phone="13800000000",
        address="杏花路1号",
        status="verified",
    )
    Membership.objects.create(
        organization=provider,
        user=User.objects.create_user(email="org@bench.linli.cn", password=None),
        role="admin",
    )
    start = timezone.now() - timedelta(days=2)
    demand = Demand.objects.create(
        community=parent,
        title="基准助餐服务",
        category=category,
        kind="paid",
        description="bench",
        beneficiaries_count=reviewers,
        place="社区食堂",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        status="closed",
    )
    response = DemandResponse.objects.create(
        demand=demand, organization=provider, responder=provider.memberships.get().user, message="x"
    )
    Demand.objects.filter(pk=demand.pk).update(accepted_response=response)
    demand.refresh_from_db()
    people = User.objects.bulk_create(
        [User(email=f"r{n}@bench.linli.cn", password="!") for n in range(reviewers)]
    )
    ServedPerson.objects.bulk_create(
        [ServedPerson(service_kind="demand", service_id=demand.pk, person=p) for p in people]
    )
    return demand, provider, people


def _existing_reviews(count: int, provider, reviewer) -> None:
    """`count` reviews over PROVIDERS organizations (the benched one among them), then
    their aggregates built once by one grouped scan."""
    from marketplace.reviews.models import Review
    from marketplace.reviews.services import ratings_rebuild_all

    batch = []
    for n in tqdm(range(count), desc="existing reviews", unit="review", file=sys.stderr):
        provider_id = provider.pk if n % PROVIDERS == 0 else 10_000 + n % PROVIDERS
        batch.append(
            Review(
                reviewer=reviewer,
                service_kind="seed",
                service_id=n,
                service_title="历史服务",
                provider_type="organization",
                provider_id=provider_id,
                provider_name="机构",
                level=LEVELS[n % 10],
            )
        )
        if len(batch) == 5000:
            Review.objects.bulk_create(batch)
            batch = []
    Review.objects.bulk_create(batch)
    ratings_rebuild_all()


def _aggregates_match(provider) -> bool:
    from marketplace.reviews.models import RatingAggregate, Review
    from marketplace.reviews.services.aggregates import counted_levels

    row = RatingAggregate.objects.get(provider_type="organization", provider_id=provider.pk)
    platform = RatingAggregate.objects.get(provider_type="platform", provider_id=0)
    mine = Review.objects.filter(provider_type="organization", provider_id=provider.pk)
    return row.counts() == counted_levels(mine) and platform.counts() == counted_levels(
        Review.objects.all()
    )


if __name__ == "__main__":
    sys.exit(main())
