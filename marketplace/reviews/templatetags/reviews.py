from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def stars(rating) -> str:
    """★★★★☆ for a rating's half-rounded Bayesian average (whole stars shown)."""
    full = int(rating.stars)
    return "★" * full + "☆" * (5 - full)


@register.filter
def percent(value) -> str:
    if value is None:
        return "–"
    return f"{number_format(value * 100, 0)}%"
