from django import template

register = template.Library()


@register.filter
def percent(share):
    """0.8333 → "83.3%"; empty when there is nothing to divide by."""
    return "" if share is None else f"{share * 100:.1f}%"
