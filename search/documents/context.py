"""What builders read besides the object itself, read once per batch.

A reindex builds thousands of documents: each provider's rating and the list of
restricted page paths are read once for the batch (a whole provider type's rating
aggregates in one query), not once per document. An update of a few objects reads only
what it needs.
"""

from marketplace.reviews.models import RatingAggregate
from marketplace.reviews.rating import rating_from_counts
from marketplace.reviews.selectors import EMPTY, platform_counts

from .. import ranking


class BuildContext:
    def __init__(self, *, bulk: bool = False):
        self.bulk = bulk  # read every rating of a provider type at its first use
        self._platform: dict[int, int] | None = None
        self._counts: dict[str, dict[int, dict[int, int]]] = {}
        self._restricted_paths: list[str] | None = None

    def rating(self, provider_type: str, provider_id) -> float:
        """The provider's Bayesian rating (the neutral value when there is no provider)."""
        if provider_id is None:
            return ranking.NEUTRAL_RATING
        if self._platform is None:
            self._platform = platform_counts()
        if provider_type not in self._counts or not self.bulk:
            known = self._counts.setdefault(provider_type, {})
            if provider_id not in known:
                rows = RatingAggregate.objects.filter(provider_type=provider_type)
                if not self.bulk:
                    rows = rows.filter(provider_id=provider_id)
                known.update({row.provider_id: row.counts() for row in rows})
        counts = self._counts[provider_type].get(provider_id, EMPTY)
        rating = rating_from_counts(counts, platform_counts=self._platform)
        return round(rating.bayesian, 3)

    def restricted_paths(self) -> list[str]:
        """Tree paths of pages with a view restriction (their subtrees stay out)."""
        if self._restricted_paths is None:
            from wagtail.models import PageViewRestriction

            self._restricted_paths = list(
                PageViewRestriction.objects.values_list("page__path", flat=True)
            )
        return self._restricted_paths
