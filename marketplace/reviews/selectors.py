"""Reads of ratings, reviews, cases and credit that pages share."""

import calendar
from dataclasses import dataclass

from django.db.models import Case, Q, Sum, When
from django.utils import timezone

from marketplace.reviews import credit as formula
from marketplace.reviews.models import (
    CaseStatus,
    CreditEvent,
    RatingAggregate,
    RectificationCase,
    Review,
    ReviewStatus,
    WatchListEntry,
)
from marketplace.reviews.rating import Rating, rating_from_counts
from marketplace.reviews.registry import ProviderType, kinds
from marketplace.reviews.states import acts_for_provider, oversight_region_id

EMPTY = dict.fromkeys(range(1, 6), 0)


def platform_counts() -> dict[int, int]:
    row = RatingAggregate.objects.filter(provider_type=RatingAggregate.PLATFORM).first()
    return row.counts() if row else dict(EMPTY)


def rating_get(*, provider_type: str, provider_id: int) -> Rating:
    row = RatingAggregate.objects.filter(
        provider_type=provider_type, provider_id=provider_id
    ).first()
    return rating_from_counts(row.counts() if row else EMPTY, platform_counts=platform_counts())


def ratings_for(*, provider_type: str, ids) -> dict[int, Rating]:
    """Ratings of many providers of one type in two queries (for lists and search)."""
    ids = list(ids)
    rows = {
        row.provider_id: row.counts()
        for row in RatingAggregate.objects.filter(provider_type=provider_type, provider_id__in=ids)
    }
    platform = platform_counts()
    return {pid: rating_from_counts(rows.get(pid, EMPTY), platform_counts=platform) for pid in ids}


def reviews_of_provider(*, provider_type: str, provider_id: int):
    """Reviews a provider's page lists: every counted one, text only where visible."""
    return (
        Review.objects.filter(provider_type=provider_type, provider_id=provider_id)
        .exclude(status=ReviewStatus.REMOVED)
        .select_related("rectification")
    )


@dataclass(frozen=True)
class Rateable:
    kind: object  # the RatedService
    service: object
    review: Review | None


def rateable_for(user) -> list[Rateable]:
    """Every completed service `user` received, with their review if they wrote one."""
    mine = {(r.service_kind, r.service_id): r for r in Review.objects.filter(reviewer=user)}
    found = []
    for kind in kinds():
        for service in kind.served(user)[:200]:
            found.append(Rateable(kind, service, mine.get((kind.key, service.pk))))
    return found


def cases_for_provider_user(user):
    """Rectification cases of every provider `user` speaks for, open ones first."""
    if not user.is_authenticated:
        return RectificationCase.objects.none()
    from marketplace.accounts.scope import scope_of

    scope = scope_of(user)
    if user.is_superuser:
        condition = Q()
    else:
        condition = (
            Q(
                review__provider_type=ProviderType.ORGANIZATION,
                review__provider_id__in=scope.organization_ids,
            )
            | Q(
                review__provider_type=ProviderType.COMMUNITY,
                review__provider_id__in=scope.community_ids,
            )
            | Q(review__provider_type=ProviderType.PERSON, review__provider_id=user.pk)
            # The overseeing staff follow up escalated cases.
            | (overseen_by(scope.community_ids, prefix="review__") & Q(escalated_at__isnull=False))
        )
    open_first = Case(
        When(status=CaseStatus.OPEN, then=0), When(status=CaseStatus.ANSWERED, then=1), default=2
    )
    return (
        RectificationCase.objects.filter(condition)
        .select_related("review")
        .order_by(open_first, "due_at")
    )


def overseen_by(region_ids, *, prefix: str = "") -> Q:
    """Reviews the staff of these regions oversee (see states.oversight_region_id)."""
    ids = list(region_ids)
    community = Q(**{f"{prefix}provider_type": ProviderType.COMMUNITY})
    return (~community & Q(**{f"{prefix}community_id__in": ids})) | (
        community & Q(**{f"{prefix}community__parent_id__in": ids})
    )


def case_visible_to(case: RectificationCase, user) -> bool:
    review = case.review
    return (
        review.reviewer_id == user.pk
        or acts_for_provider(user, review.provider_type, review.provider_id)
        or (
            case.escalated_at is not None
            and acts_for_provider(user, ProviderType.COMMUNITY, oversight_region_id(review) or 0)
        )
    )


@dataclass(frozen=True)
class Credit:
    score: int
    rating: Rating
    event_points: int
    events: list
    watched: bool
    watch_entry: WatchListEntry | None

    @property
    def rating_points(self) -> float:
        return formula.RATING_WEIGHT * (self.rating.bayesian - 3)


def credit_window_start(now=None):
    """The same moment WINDOW_MONTHS calendar months ago (31 March → the last of February)."""
    now = now or timezone.now()
    year, month0 = divmod(now.year * 12 + now.month - 1 - formula.WINDOW_MONTHS, 12)
    day = min(now.day, calendar.monthrange(year, month0 + 1)[1])
    return now.replace(year=year, month=month0 + 1, day=day)


def credit_get(*, organization) -> Credit:
    rating = rating_get(provider_type=ProviderType.ORGANIZATION, provider_id=organization.pk)
    events = list(CreditEvent.objects.filter(organization=organization))
    since = credit_window_start()
    for event in events:
        event.counts = event.occurred_at >= since
    points = sum(e.points for e in events if e.counts)
    score = formula.credit_score(bayesian_rating=rating.bayesian, event_points=points)
    entry = WatchListEntry.objects.filter(organization=organization, lifted_at__isnull=True).first()
    return Credit(
        score=score,
        rating=rating,
        event_points=points,
        events=events,
        watched=entry is not None or score < formula.WATCH_THRESHOLD,
        watch_entry=entry,
    )


def credit_scores(*, organization_ids) -> dict[int, int]:
    """Scores of many organizations in three queries."""
    ids = list(organization_ids)
    ratings = ratings_for(provider_type=ProviderType.ORGANIZATION, ids=ids)
    points = dict(
        CreditEvent.objects.filter(organization_id__in=ids, occurred_at__gte=credit_window_start())
        .values_list("organization_id")
        .annotate(total=Sum("points"))
    )
    return {
        pid: formula.credit_score(
            bayesian_rating=ratings[pid].bayesian, event_points=points.get(pid, 0)
        )
        for pid in ids
    }


def watch_list():
    """Organizations on the watch list: by staff decision, or scoring below the threshold.
    Returns (organization, score, entry or None), lowest score first."""
    from marketplace.organizations.models import Organization

    orgs = list(Organization.objects.providers())
    scores = credit_scores(organization_ids=[o.pk for o in orgs])
    entries = {e.organization_id: e for e in WatchListEntry.objects.filter(lifted_at__isnull=True)}
    rows = [
        (org, scores[org.pk], entries.get(org.pk))
        for org in orgs
        if org.pk in entries or scores[org.pk] < formula.WATCH_THRESHOLD
    ]
    return sorted(rows, key=lambda row: (row[1], row[0].name))


def open_case_count(user) -> int:
    return cases_for_provider_user(user).exclude(status=CaseStatus.CLOSED).count()


@dataclass(frozen=True)
class Satisfaction:
    count: int
    satisfied: int

    @property
    def percent(self):
        """The satisfaction rate as a percentage (a Decimal), or None without reviews."""
        from decimal import Decimal

        if not self.count:
            return None
        return (Decimal(100) * self.satisfied / self.count).quantize(Decimal("0.01"))


def satisfaction_of(*, service_kind: str, service_ids) -> Satisfaction:
    """Residents' satisfaction with a set of services (say, a contract's milestones)."""
    from marketplace.reviews.models import COUNTED, SATISFIED_LEVELS

    reviews = Review.objects.filter(
        service_kind=service_kind, service_id__in=list(service_ids), status__in=COUNTED
    )
    return Satisfaction(
        count=reviews.count(), satisfied=reviews.filter(level__in=SATISFIED_LEVELS).count()
    )


def with_rating(queryset, *, provider_type: str):
    """Annotate providers with `rating_count` and `rating_bayesian` (the shown rating),
    computed in SQL from their aggregate row, so lists can order by rating."""
    from django.conf import settings
    from django.db.models import F, FloatField, OuterRef, Subquery, Value
    from django.db.models.functions import Cast, Coalesce

    from marketplace.reviews.rating import mean

    rows = RatingAggregate.objects.filter(provider_type=provider_type, provider_id=OuterRef("pk"))
    count = F("n1") + F("n2") + F("n3") + F("n4") + F("n5")
    level_sum = F("n1") + 2 * F("n2") + 3 * F("n3") + 4 * F("n4") + 5 * F("n5")
    n = Coalesce(Subquery(rows.annotate(v=count).values("v")[:1]), 0)
    total = Coalesce(Subquery(rows.annotate(v=level_sum).values("v")[:1]), 0)
    weight = float(settings.RATING_PRIOR_WEIGHT)
    prior = weight * mean(platform_counts())
    return queryset.annotate(rating_count=n).annotate(
        rating_bayesian=(Value(prior) + Cast(total, FloatField()))
        / (Value(weight) + Cast(F("rating_count"), FloatField()))
    )


def credit_summaries(*, organization_ids) -> dict[int, tuple[int, bool]]:
    """(score, on the watch list) of many organizations, for purchasers weighing bidders."""
    ids = list(organization_ids)
    scores = credit_scores(organization_ids=ids)
    entries = set(
        WatchListEntry.objects.filter(organization_id__in=ids, lifted_at__isnull=True).values_list(
            "organization_id", flat=True
        )
    )
    return {
        pid: (score, pid in entries or score < formula.WATCH_THRESHOLD)
        for pid, score in scores.items()
    }
