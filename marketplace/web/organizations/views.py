from django.views.generic import DetailView
from django_filters.views import FilterView

from marketplace.organizations.selectors import provider_get, provider_list
from marketplace.payments.selectors import offering_list_with_slots
from marketplace.reviews.registry import ProviderType
from marketplace.reviews.selectors import ratings_for, with_rating
from marketplace.web.organizations.filters import ProviderFilter


class ProviderListView(FilterView):
    filterset_class = ProviderFilter
    template_name = "organizations/provider_list.html"
    paginate_by = 20
    context_object_name = "providers"

    def get_queryset(self):
        return with_rating(provider_list(), provider_type=ProviderType.ORGANIZATION)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["providers"]
        ratings = ratings_for(provider_type=ProviderType.ORGANIZATION, ids=[p.pk for p in page])
        for provider in page:
            provider.rating = ratings[provider.pk]
        return context


class ProviderDetailView(DetailView):
    template_name = "organizations/provider_detail.html"
    context_object_name = "provider"

    def get_object(self, queryset=None):
        return provider_get(pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["offerings"] = offering_list_with_slots(
            offerings=self.object.offerings.filter(is_active=True).select_related("category"),
            user=self.request.user,
        )
        context["service_area"] = self.object.service_area.all()
        return context
