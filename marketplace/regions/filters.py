import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Facility, FacilityType, Region, RegionLevel


class FacilityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Keyword"))
    type = django_filters.ChoiceFilter(
        choices=FacilityType.choices, label=_("Type"), empty_label=_("All")
    )
    street = django_filters.ModelChoiceFilter(
        field_name="community__parent",
        queryset=Region.objects.filter(level=RegionLevel.STREET),
        label=_("Street / township"),
        empty_label=_("All"),
    )
    community = django_filters.ModelChoiceFilter(
        queryset=Region.objects.filter(level=RegionLevel.COMMUNITY),
        label=_("Community"),
        empty_label=_("All"),
    )

    class Meta:
        model = Facility
        fields = ["q", "type", "street", "community"]
