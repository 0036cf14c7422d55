from django.db.models import Prefetch, QuerySet

from marketplace.accounts.scope import scope_of
from marketplace.core.selectors import object_or_not_found
from marketplace.regions.models import Facility, OpeningHours, Region, RegionLevel


def facility_list() -> QuerySet[Facility]:
    return Facility.objects.select_related("community", "community__parent").prefetch_related(
        Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens"))
    )


def facility_get(*, pk: int) -> Facility:
    return object_or_not_found(facility_list(), pk=pk)


def communities_managed_by(user) -> QuerySet[Region]:
    """The communities whose staff the user is (every one for a platform admin)."""
    communities = Region.objects.filter(level=RegionLevel.COMMUNITY)
    if user.is_superuser:
        return communities
    return communities.filter(pk__in=scope_of(user).community_ids)


def community_list() -> QuerySet[Region]:
    return Region.objects.filter(level=RegionLevel.COMMUNITY).select_related("parent")
