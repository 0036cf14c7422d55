from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from marketplace.core.errors import DomainError

from .backends.base import MAX_PAGE, WALK_15_MIN_KM, SearchQuery
from .documents.base import STAFF, visibilities_for
from .forms import SearchForm
from .service import run_search, suggest
from .views_facets import (
    build_chips,
    build_facets,
    facet_counts,
    home_point,
    labels_for,
    selected_values,
)

SUGGEST_MAX_CHARS = 40


class SiteSearchView(TemplateView):
    """One search box over demands, tasks, providers, offerings, facilities and pages."""

    template_name = "search/results.html"

    def get(self, request, *args, **kwargs):
        if request.GET.get("near") == "home":
            point = home_point(home_community(request.user))
            if point is not None:  # "near my community": its centre, as a plain point
                params = request.GET.copy()
                for name in ("near", "page", *[k for k, v in params.lists() if not any(v)]):
                    params.pop(name, None)
                params["lat"], params["lon"] = (f"{value:.6f}" for value in point)
                return redirect(f"{request.path}?{params.urlencode()}")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, params = self.request.user, self.request.GET
        visibilities = visibilities_for(user)
        staff = STAFF in visibilities
        home = home_community(user)
        form = SearchForm(params or None, staff=staff)
        context.update(
            form=form,
            staff=staff,
            home=home if home_point(home) else None,
            results=None,
            notice=None,
        )
        if params and form.is_valid():
            context.update(_results(form, visibilities, home, params))
        return context


def _results(form: SearchForm, visibilities, home, params) -> dict:
    """The results and what the page shows beside them; {} after adding a form error."""
    if form.cleaned_data["near"]:
        form.add_error(None, _("Your community has no place on the map yet; give a point."))
        return {}
    try:
        query = _query(form, visibilities)
    except DomainError as error:
        form.add_error(None, error.message)
        return {}
    results, notice = run_search(query)
    counts = facet_counts(query, results, run_search)
    selected = selected_values(query)
    labels = labels_for(counts, selected)
    return {
        "results": results,
        "notice": notice,
        "query": query,
        "pages": _pages(results, requested=form.cleaned_data["page"] or 1),
        "facets": build_facets(counts, selected, labels, params),
        "chips": build_chips(form, selected, labels, params, home),
        "clear_href": urlencode({"q": query.text}) if query.text else "",
    }


def _query(form: SearchForm, visibilities) -> SearchQuery:
    data = form.cleaned_data
    near = (data["lat"], data["lon"]) if data["lat"] is not None else None
    starts_from, starts_until = form.date_range()
    return SearchQuery(
        text=data["q"],
        types=tuple(data["type"]),
        filters=form.filters(),
        starts_from=starts_from,
        starts_until=starts_until,
        open_seats=data["open_seats"],
        near=near,
        within_km=WALK_15_MIN_KM if data["walk"] else None,
        sort=data["sort"] or "relevance",
        visibilities=visibilities,
        page=min(data["page"] or 1, MAX_PAGE),
    )


def _pages(results, *, requested: int) -> dict:
    """Where the reader is; `past_end` when they asked for a page after the last one."""
    reachable = -(-results.total // results.page_size)
    last = max(1, min(reachable, MAX_PAGE))
    return {
        "number": results.page,
        "last": last,
        "previous": results.page - 1 if results.page > 1 else None,
        "next": results.page + 1 if results.page < last else None,
        "past_end": results.total > 0 and requested > last,
        "capped": reachable > MAX_PAGE,
        "shown": MAX_PAGE * results.page_size,
    }


def home_community(user):
    """The community a signed-in person lives in, volunteers from or works for."""
    if not user.is_authenticated:
        return None
    profiles = (("resident_profile", "community"), ("volunteer_profile", "home_community"))
    for relation, field in profiles:
        profile = getattr(user, relation, None)
        if profile is not None:
            return getattr(profile, field)
    assignment = user.community_assignments.select_related("community").first()
    return assignment.community if assignment else None


class SearchSuggestView(View):
    """Titles starting with what the reader has typed so far, as JSON, for the search box."""

    def get(self, request):
        prefix = "".join(ch for ch in request.GET.get("q", "") if ch.isprintable())
        prefix = prefix.strip()[:SUGGEST_MAX_CHARS]
        visibilities = visibilities_for(request.user)
        suggestions = suggest(prefix, visibilities=visibilities) if prefix else []
        response = JsonResponse({"q": prefix, "suggestions": suggestions})
        if STAFF in visibilities:  # staff-only titles: never kept on a shared machine
            patch_cache_control(response, private=True, no_store=True)
        else:
            patch_cache_control(response, private=True, max_age=60)
        return response
