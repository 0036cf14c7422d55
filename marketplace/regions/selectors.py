from django.db.models import Prefetch, QuerySet

from marketplace.core.selectors import object_or_not_found
from marketplace.regions.models import Facility, OpeningHours, Region, RegionLevel


def facility_list() -> QuerySet[Facility]:
    return Facility.objects.select_related("community", "community__parent").prefetch_related(
        Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens"))
    )


def facility_get(*, pk: int) -> Facility:
    return object_or_not_found(facility_list(), pk=pk)


def community_list() -> QuerySet[Region]:
    return Region.objects.filter(level=RegionLevel.COMMUNITY).select_related("parent")
