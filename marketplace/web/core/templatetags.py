"""{% load formats %}: numbers and personal data as pages show them."""

from django import template

from marketplace.core import formats
from marketplace.core.privacy import mask_id_number, mask_phone

register = template.Library()
register.filter("masked_phone", mask_phone)
register.filter("masked_id_number", mask_id_number)


@register.filter
def percent(share, digits=0) -> str:
    """{{ share|percent }} → 44%; {{ share|percent:1 }} → 43.9%; "–" for no share."""
    return formats.percent(share, digits=int(digits))
