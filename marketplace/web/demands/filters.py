import django_filters
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import ServiceCategory, ServiceKind
from marketplace.demands.models import Demand, DemandStatus
from marketplace.web.regions.filters import community_filter, street_filter


class DemandFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Keyword"))
    category = django_filters.ModelChoiceFilter(
        queryset=ServiceCategory.objects.all(), label=_("Category"), empty_label=_("All")
    )
    kind = django_filters.ChoiceFilter(
        choices=ServiceKind.choices, label=_("Service kind"), empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        choices=DemandStatus.choices, label=_("Status"), empty_label=_("All")
    )
    street = street_filter()
    community = community_filter()
    starts_after = django_filters.DateFilter(
        field_name="starts_at",
        lookup_expr="date__gte",
        label=_("From date"),
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Demand
        fields = ["q", "category", "kind", "status", "street", "community", "starts_after"]
