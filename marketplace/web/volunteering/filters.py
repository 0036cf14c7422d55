import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import ServiceCategory, Skill
from marketplace.volunteering.models import Shift, Task
from marketplace.web.regions.filters import community_filter, street_filter


class TaskFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Keyword"))
    category = django_filters.ModelChoiceFilter(
        queryset=ServiceCategory.objects.all(), label=_("Category"), empty_label=_("All")
    )
    street = street_filter()
    community = community_filter()
    date = django_filters.DateFilter(
        method="filter_date",
        label=_("Date"),
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )
    skill = django_filters.ModelChoiceFilter(
        field_name="required_skills",
        queryset=Skill.objects.all(),
        label=_("Skill"),
        empty_label=_("Any"),
        distinct=True,
    )
    open_places = django_filters.BooleanFilter(
        method="filter_open_places",
        label=_("Only with open places"),
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = Task
        fields = ["q", "category", "street", "community", "date", "skill", "open_places"]

    def filter_date(self, queryset, name, value):
        on_that_day = Shift.objects.filter(task=OuterRef("pk"), starts_at__date=value)
        return queryset.filter(Exists(on_that_day))

    def filter_open_places(self, queryset, name, value):
        return queryset.filter(open_places__gt=0) if value else queryset
