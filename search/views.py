from django.core.paginator import Paginator
from django.views.generic import TemplateView
from wagtail.models import Page


class SiteSearchView(TemplateView):
    """Searches the site's pages. Marketplace objects join the index with the search issue."""

    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        results = Page.objects.live().public().search(query) if query else Page.objects.none()
        context["query"] = query
        context["page_obj"] = Paginator(results, 20).get_page(self.request.GET.get("page"))
        return context
