import django_filters
from django.utils.translation import gettext_lazy as _

from marketplace.regions.models import Facility, FacilityType, Region, RegionLevel


def street_filter(field_name: str = "community__parent") -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=Region.objects.filter(level=RegionLevel.STREET),
        label=_("Street / township"),
        empty_label=_("All"),
    )


def community_filter(field_name: str = "community") -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=Region.objects.filter(level=RegionLevel.COMMUNITY),
        label=_("Community"),
        empty_label=_("All"),
    )


class FacilityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Keyword"))
    type = django_filters.ChoiceFilter(
        choices=FacilityType.choices, label=_("Type"), empty_label=_("All")
    )
    street = street_filter()
    community = community_filter()

    class Meta:
        model = Facility
        fields = ["q", "type", "street", "community"]
