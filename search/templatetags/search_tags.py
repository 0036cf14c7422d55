from django import template

from ..forms import STAFF_TYPE_CHOICES

register = template.Library()
TYPE_LABELS = dict(STAFF_TYPE_CHOICES)


@register.simple_tag(takes_context=False)
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
