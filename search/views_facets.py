"""What the search page shows beside the results: facets with counts and the chosen
filters as removable chips, every value named in the reader's language."""

from dataclasses import dataclass, replace

from django.http import QueryDict
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.accounts.models import CertificationLevel
from marketplace.catalog.models import ServiceCategory, ServiceKind
from marketplace.demands.models import DemandStatus
from marketplace.organizations.models import OrganizationType, VerificationStatus
from marketplace.regions.models import FacilityType, Region
from marketplace.volunteering.models import TaskStatus

from .backends.base import Results, SearchQuery
from .forms import CODE_FILTERS, REGION_FILTERS, STAFF_TYPE_CHOICES

FACETS = ("type", *CODE_FILTERS, *REGION_FILTERS)
TITLES = {
    "type": gettext_lazy("Type"),
    "category": gettext_lazy("Category"),
    "kind": gettext_lazy("Kind"),
    "status": gettext_lazy("Status"),
    "district": gettext_lazy("District"),
    "street": gettext_lazy("Street"),
    "community": gettext_lazy("Community"),
}
SHOWN = 8  # values per facet before "show all"
FIXED_LABELS = {
    "type": dict(STAFF_TYPE_CHOICES),
    "kind": {
        **dict(ServiceKind.choices),
        **dict(FacilityType.choices),
        **dict(OrganizationType.choices),
        **dict(CertificationLevel.choices),
    },
    "status": {
        **dict(VerificationStatus.choices),
        **dict(TaskStatus.choices),
        **dict(DemandStatus.choices),
    },
}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    href: str


@dataclass
class Facet:
    name: str
    title: str
    shown: list[FacetValue]
    more: list[FacetValue]


@dataclass
class Chip:
    text: str
    href: str


def selected_values(query: SearchQuery) -> dict[str, tuple[str, ...]]:
    return {"type": tuple(query.types), **query.filters}


def facet_counts(query: SearchQuery, results: Results, run) -> dict[str, list[tuple[str, int]]]:
    """Counts per facet value. A facet with a value chosen is counted without its own
    filter (values of one facet are alternatives), so its other values stay on offer."""
    counts = dict(results.facets)
    for name, values in selected_values(query).items():
        if not values:
            continue
        if name == "type":
            looser = replace(query, types=(), page=1, page_size=1)
        else:
            filters = {k: v for k, v in query.filters.items() if k != name}
            looser = replace(query, filters=filters, page=1, page_size=1)
        counts[name] = run(looser)[0].facets.get(name, [])
    return counts


def labels_for(counts, selected) -> dict[str, dict[str, str]]:
    """Value → name for every facet: one query for categories, one for all regions."""
    values = {
        name: {v for v, _n in counts.get(name, [])} | set(selected.get(name, ())) for name in FACETS
    }
    labels = {name: {k: str(v) for k, v in fixed.items()} for name, fixed in FIXED_LABELS.items()}
    labels["kind"].update(_page_kinds())
    codes = values.get("category", set())
    labels["category"] = (
        {c.code: c.name for c in ServiceCategory.objects.filter(code__in=sorted(codes))}
        if codes
        else {}
    )
    ids = {int(v) for name in REGION_FILTERS for v in values.get(name, ()) if v.isdigit()}
    regions = dict(Region.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    for name in REGION_FILTERS:
        labels[name] = {str(pk): region_name for pk, region_name in regions.items()}
    return labels


def _page_kinds() -> dict[str, str]:
    from wagtail.models import get_page_models

    return {m._meta.model_name: capfirst(m._meta.verbose_name) for m in get_page_models()}


def toggled(params: QueryDict, name: str, value: str) -> str:
    """The query string with `value` added to or taken from `name`, back on page 1."""
    params = params.copy()
    params.pop("page", None)
    values = params.getlist(name)
    params.setlist(name, [v for v in values if v != value] if value in values else [*values, value])
    return params.urlencode()


def without(params: QueryDict, *names: str) -> str:
    params = params.copy()
    for name in ("page", *names):
        params.pop(name, None)
    return params.urlencode()


def build_facets(counts, selected, labels, params: QueryDict) -> list[Facet]:
    facets = []
    for name in FACETS:
        chosen = selected.get(name, ())
        pairs = list(counts.get(name, []))
        pairs += [(value, 0) for value in chosen if value not in dict(pairs)]
        values = [
            FacetValue(
                value=value,
                label=labels.get(name, {}).get(value, value),
                count=count,
                selected=value in chosen,
                href=toggled(params, name, value),
            )
            for value, count in pairs
        ]
        if values:
            shown = [v for i, v in enumerate(values) if i < SHOWN or v.selected]
            more = [v for v in values if v not in shown]
            facets.append(Facet(name=name, title=str(TITLES[name]), shown=shown, more=more))
    return facets


def build_chips(form, selected, labels, params: QueryDict, home=None) -> list[Chip]:
    """One removable chip per chosen filter value, date, place and switch."""
    chips = []
    for name in FACETS:
        for value in selected.get(name, ()):
            text = labels.get(name, {}).get(value, value)
            chips.append(Chip(_label(TITLES[name], text), toggled(params, name, value)))
    data = form.cleaned_data
    for name in ("starts_from", "starts_until"):
        if data[name]:
            text = _label(form.fields[name].label, date_format(data[name]))
            chips.append(Chip(text, without(params, name)))
    if data["lat"] is not None:
        chips.append(Chip(_point_text(data, home), without(params, "lat", "lon", "walk", "sort")))
    for name in ("walk", "open_seats"):
        if data[name]:
            chips.append(Chip(str(form.fields[name].label), without(params, name)))
    return chips


def _label(title, text) -> str:
    return _("%(facet)s: %(value)s") % {"facet": title, "value": text}


def _point_text(data, home) -> str:
    if home is not None and home_point(home) == (data["lat"], data["lon"]):
        return _("Near your community, %(name)s") % {"name": home.name}
    return _("Near %(lat)s, %(lon)s") % {"lat": f"{data['lat']:.5f}", "lon": f"{data['lon']:.5f}"}


def home_point(community) -> tuple[float, float] | None:
    """A community's centre as (latitude, longitude), when it has one."""
    if community is None or community.latitude is None or community.longitude is None:
        return None
    return (float(community.latitude), float(community.longitude))
