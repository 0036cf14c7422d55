from django import template
from django.utils.translation import gettext as _

from .. import ranking
from ..forms import STAFF_TYPE_CHOICES

register = template.Library()
TYPE_LABELS = dict(STAFF_TYPE_CHOICES)


@register.simple_tag
def query_with(request, **changes) -> str:
    """The current query string with some parameters replaced (empty value: removed)."""
    params = request.GET.copy()
    for name, value in changes.items():
        params.pop(name, None)
        if value not in ("", None):
            params[name] = value
    return params.urlencode()


@register.simple_tag
def type_label(value: str) -> str:
    return str(TYPE_LABELS.get(value, value))


def _parts() -> list[tuple[str, str, float, str]]:
    """(key, name, weight, what is measured) of each part of a score, from ranking.py."""
    return [
        (
            "text",
            _("Text match"),
            ranking.TEXT,
            _("How well the words match, against the best match of this search."),
        ),
        (
            "rating",
            _("Rating"),
            ranking.RATING,
            _("The provider's Bayesian rating: 1 star counts 0, 5 stars count 1."),
        ),
        (
            "distance",
            _("Distance"),
            ranking.DISTANCE,
            _("1 at the point, 0.5 at %(km)s km, falling fast beyond; 0 without a point.")
            % {"km": ranking.DISTANCE_HALF_KM},
        ),
        (
            "freshness",
            _("Freshness"),
            ranking.FRESHNESS,
            _("1 when just updated, 0.5 after %(days)s days.")
            % {"days": f"{ranking.FRESHNESS_HALF_DAYS:g}"},
        ),
    ]


@register.simple_tag
def explain_rows(explain: dict) -> dict:
    """A result's score, part by part: weight × measure (0…1) = points, and the total."""
    rows = []
    for key, name, weight, how in _parts():
        points = float(explain.get(key) or 0)
        measure = points / weight if weight else 0.0
        rows.append(
            {"name": name, "how": how, "weight": weight, "measure": measure, "points": points}
        )
    total = explain.get("total")
    total = float(total) if total is not None else sum(row["points"] for row in rows)
    return {"rows": rows, "total": total}
