from django.views.generic import TemplateView

from marketplace.catalog.models import ServiceCategory
from marketplace.core.errors import DomainError

from .backends.base import WALK_15_MIN_KM, SearchQuery
from .documents.base import STAFF, visibilities_for
from .forms import SearchForm
from .indexing import backend


class SiteSearchView(TemplateView):
    """One search box over demands, tasks, providers, offerings, facilities and pages."""

    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visibilities = visibilities_for(self.request.user)
        staff = STAFF in visibilities
        form = SearchForm(self.request.GET or None, staff=staff)
        context.update(form=form, staff=staff, results=None)
        if not self.request.GET or not form.is_valid():
            return context
        data = form.cleaned_data
        near = (data["lat"], data["lon"]) if data["lat"] is not None else None
        filters = {name: (data[name],) for name in ("category", "community") if data[name]}
        try:
            query = SearchQuery(
                text=data["q"],
                types=tuple(data["type"]),
                filters=filters,
                open_seats=data["open_seats"],
                near=near,
                within_km=WALK_15_MIN_KM if data["walk"] else None,
                visibilities=visibilities,
                page=data["page"] or 1,
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return context
        results = backend().search(query)
        context.update(
            results=results,
            query=query,
            pages=_pages(results),
            category_facets=_category_facets(results),
        )
        return context


def _category_facets(results) -> list[tuple[str, str, int]]:
    """(code, name in the reader's language, count) of the category facet, in one query."""
    counts = results.facets.get("category", [])
    names = {
        c.code: c.name for c in ServiceCategory.objects.filter(code__in=[v for v, _ in counts])
    }
    return [(code, names.get(code, code), n) for code, n in counts]


def _pages(results) -> dict:
    last = max(1, -(-results.total // results.page_size))
    return {
        "number": results.page,
        "last": last,
        "previous": results.page - 1 if results.page > 1 else None,
        "next": results.page + 1 if results.page < last else None,
    }
