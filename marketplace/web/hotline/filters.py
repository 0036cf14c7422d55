import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from marketplace.hotline.models import OPEN_STATUSES, Request, RequestStatus

OPEN, ALL = "open", "all"


class BoardFilter(django_filters.FilterSet):
    """The staff board shows open requests unless another status is asked for."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            (OPEN, _("Open: to accept or to resolve")),
            *RequestStatus.choices,
            (ALL, pgettext_lazy("request statuses", "All")),
        ],
        empty_label=None,
        method="filter_status",
    )
    escalated = django_filters.BooleanFilter(
        label=_("Escalated to the street only"),
        method="filter_escalated",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Request
        fields = ["status", "escalated"]

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("status", OPEN)
        super().__init__(data, *args, **kwargs)

    def filter_escalated(self, queryset, name, value):
        return queryset.filter(escalated_at__isnull=False) if value else queryset

    def filter_status(self, queryset, name, value):
        if value == ALL:
            return queryset
        if value == OPEN:
            return queryset.filter(status__in=OPEN_STATUSES)
        return queryset.filter(status=value)
