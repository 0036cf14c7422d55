"""What builders read besides the object itself, read once per batch.

A reindex builds thousands of documents: each provider's rating and the list of
restricted page paths are read once for the batch (a whole provider type's rating
aggregates in one query), not once per document; an update of a few objects reads only
their providers' ratings. The region tree (a few thousand rows at most) is read whole,
once per context, to expand service areas.
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
        self._tree: tuple[dict, dict] | None = None

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
                known.setdefault(provider_id, EMPTY)  # no reviews yet: asked once
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

    def service_area(self, regions) -> dict:
        """District, street and community filter values of a provider's service area:
        serving a district covers its streets and communities, and serving a community
        puts the provider in its street and district too."""
        regions_by_pk, children = self._region_tree()
        covered: set[int] = set()
        stack = [region.pk for region in regions]
        while stack:  # the areas and everything below them
            pk = stack.pop()
            if pk not in covered:
                covered.add(pk)
                stack += children.get(pk, [])
        for pk in list(covered):  # and everything above
            parent = regions_by_pk[pk][1]
            while parent is not None and parent not in covered:
                covered.add(parent)
                parent = regions_by_pk[parent][1]
        fields = {"district": [], "street": [], "community": []}
        for pk in sorted(covered):
            level = regions_by_pk[pk][0]
            if level in fields:
                fields[level].append(str(pk))
        return fields

    def _region_tree(self) -> tuple[dict[int, tuple[str, int | None]], dict[int | None, list[int]]]:
        """Every region's (level, parent), and each region's children, read once."""
        if self._tree is None:
            from marketplace.regions.models import Region

            rows = Region.objects.values_list("pk", "level", "parent_id")
            regions = {pk: (level, parent) for pk, level, parent in rows}
            children: dict[int | None, list[int]] = {}
            for pk, (_level, parent) in regions.items():
                children.setdefault(parent, []).append(pk)
            self._tree = (regions, children)
        return self._tree
