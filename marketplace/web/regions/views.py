from django.views.generic import DetailView
from django_filters.views import FilterView

from marketplace.regions.selectors import facility_get, facility_list
from marketplace.web.regions.filters import FacilityFilter


class FacilityListView(FilterView):
    filterset_class = FacilityFilter
    template_name = "regions/facility_list.html"
    paginate_by = 20
    context_object_name = "facilities"

    def get_queryset(self):
        return facility_list()


class FacilityDetailView(DetailView):
    template_name = "regions/facility_detail.html"
    context_object_name = "facility"

    def get_object(self, queryset=None):
        return facility_get(pk=self.kwargs["pk"])
