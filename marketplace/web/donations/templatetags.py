"""The donation form of a project page: {% load donations %}{% donation_form %}."""

from django import template
from django.urls import reverse

from marketplace.web.donations.forms import DonateForm

register = template.Library()


@register.inclusion_tag("payments/donate_form.html", takes_context=True)
def donation_form(context):
    """The form to donate to the page's project: the one the donate view sent back with
    its errors, or a new one with the signed-in donor's name filled in."""
    request, page = context["request"], context["page"]
    form = context.get("donate_form") or DonateForm(user=request.user)
    return {
        "form": form,
        "donate_url": reverse("donations:donate", args=[page.pk]),
        "csrf_token": context.get("csrf_token"),
    }
