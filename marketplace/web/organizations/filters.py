import django_filters
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import ServiceCategory
from marketplace.organizations.models import PROVIDER_TYPES, Organization


class ProviderFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Keyword"))
    type = django_filters.ChoiceFilter(
        choices=PROVIDER_TYPES, label=_("Type"), empty_label=_("All")
    )
    category = django_filters.ModelChoiceFilter(
        field_name="categories",
        queryset=ServiceCategory.objects.all(),
        label=_("Category"),
        empty_label=_("All"),
        distinct=True,
    )

    order = django_filters.ChoiceFilter(
        label=_("Order by"),
        choices=[("rating", _("Rating, best first"))],
        empty_label=_("Name"),
        method="order_by",
    )

    class Meta:
        model = Organization
        fields = ["q", "type", "category"]

    def order_by(self, queryset, name, value):
        # The view annotates rating_bayesian, the shown (Bayesian) rating.
        return queryset.order_by("-rating_bayesian", "-rating_count", "name")
