import django_filters
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import ServiceCategory

from .models import Organization, OrganizationType

PROVIDER_TYPES = [c for c in OrganizationType.choices if c[0] != OrganizationType.PURCHASER]


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

    class Meta:
        model = Organization
        fields = ["q", "type", "category"]
