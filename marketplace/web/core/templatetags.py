from django import template

from marketplace.core.privacy import mask_id_number, mask_phone

register = template.Library()
register.filter("masked_phone", mask_phone)
register.filter("masked_id_number", mask_id_number)
