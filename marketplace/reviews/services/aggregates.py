"""Keeping RatingAggregate rows in step with reviews, by increments.

Each review change moves one count per affected level by ±1, on the provider's row and
on the platform row, with an UPDATE … SET n = n + 1 inside the caller's transaction:
no lock to take, no rescan, and concurrent reviews cannot lose an increment.
`rating_recompute` rebuilds rows from the reviews, for checks and repairs.
"""

from django.db import transaction
from django.db.models import Count, F

from marketplace.reviews.models import COUNTED, RatingAggregate, Review

PLATFORM = (RatingAggregate.PLATFORM, 0)


def _ensure(provider_type: str, provider_id: int) -> None:
    RatingAggregate.objects.get_or_create(provider_type=provider_type, provider_id=provider_id)


def aggregate_shift(*, provider_type: str, provider_id: int, changes: dict[int, int]) -> None:
    """Apply count changes {level: delta} to the provider and to the platform totals."""
    changes = {level: delta for level, delta in changes.items() if delta}
    if not changes:
        return
    updates = {f"n{level}": F(f"n{level}") + delta for level, delta in changes.items()}
    for key in ((provider_type, provider_id), PLATFORM):
        _ensure(*key)
        RatingAggregate.objects.filter(provider_type=key[0], provider_id=key[1]).update(**updates)


def counted_levels(queryset) -> dict[int, int]:
    rows = queryset.filter(status__in=COUNTED).values("level").annotate(n=Count("id"))
    counts = dict.fromkeys(range(1, 6), 0)
    counts.update({row["level"]: row["n"] for row in rows})
    return counts


@transaction.atomic
def rating_recompute(*, provider_type: str, provider_id: int) -> RatingAggregate:
    """Rebuild one provider's row, and the platform row, from every review."""
    rows = {
        (provider_type, provider_id): counted_levels(
            Review.objects.filter(provider_type=provider_type, provider_id=provider_id)
        ),
        PLATFORM: counted_levels(Review.objects.all()),
    }
    for (ptype, pid), counts in rows.items():
        RatingAggregate.objects.update_or_create(
            provider_type=ptype,
            provider_id=pid,
            defaults={f"n{level}": n for level, n in counts.items()},
        )
    return RatingAggregate.objects.get(provider_type=provider_type, provider_id=provider_id)


@transaction.atomic
def ratings_rebuild_all() -> int:
    """Rebuild every aggregate row from the reviews in one grouped scan (repair, or after
    a bulk import). Returns the number of providers."""
    counts: dict[tuple[str, int], dict[int, int]] = {}
    platform = dict.fromkeys(range(1, 6), 0)
    rows = (
        Review.objects.filter(status__in=COUNTED)
        .values_list("provider_type", "provider_id", "level")
        .annotate(n=Count("id"))
        .order_by()
    )
    for ptype, pid, level, n in rows:
        counts.setdefault((ptype, pid), dict.fromkeys(range(1, 6), 0))[level] = n
        platform[level] += n
    counts[PLATFORM] = platform
    RatingAggregate.objects.all().delete()
    RatingAggregate.objects.bulk_create(
        [
            RatingAggregate(
                provider_type=ptype, provider_id=pid, **{f"n{k}": v for k, v in levels.items()}
            )
            for (ptype, pid), levels in counts.items()
        ]
    )
    return len(counts) - 1
