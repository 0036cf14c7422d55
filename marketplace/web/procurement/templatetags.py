from django import template

from marketplace.procurement.selectors import organization_history

register = template.Library()


@register.inclusion_tag("procurement/includes/organization_history.html")
def procurement_history(organization):
    """The purchased-service record on an organization's public profile."""
    return organization_history(organization=organization)
