from django import template
from django.urls import reverse

from marketplace.reviews.registry import ProviderType
from marketplace.reviews.selectors import rating_get
from marketplace.reviews.states import may_see_credit

register = template.Library()


@register.filter
def stars(rating) -> str:
    """★★★★☆ for a rating's half-rounded Bayesian average (whole stars shown)."""
    full = int(rating.stars)
    return "★" * full + "☆" * (5 - full)


@register.inclusion_tag("reviews/rating_summary.html", takes_context=True)
def provider_rating(context, provider_type: str, provider_id: int):
    """A provider's rating with a link to its reviews; for an organization, a link to its
    credit for the people who may see it (its members, purchasers, platform staff)."""
    user = context["request"].user
    credit_url = ""
    if provider_type == ProviderType.ORGANIZATION and may_see_credit(user, provider_id):
        credit_url = reverse("reviews:credit", args=[provider_id])
    return {
        "rating": rating_get(provider_type=provider_type, provider_id=provider_id),
        "url": reverse("reviews:provider", args=[provider_type, provider_id]),
        "credit_url": credit_url,
    }
