"""Donating to a community project (cms.ProjectPage) and the donor's receipt.

The project page's data and form come from `project_page_context`; the donate view
makes a pending donation and sends the donor to Stripe Checkout. The receipt only
reads: a donation becomes received on Stripe's signed webhook, never here."""

from decimal import Decimal

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.models import Page

from marketplace.core.errors import DomainError
from marketplace.core.views import call_service
from marketplace.payments import gateway
from marketplace.payments.donation_selectors import (
    donation_by_receipt_key,
    project_donations_received,
    project_totals,
    receipt_number,
)
from marketplace.payments.models import DonationStatus
from marketplace.payments.money import fen_of, yuan_of
from marketplace.payments.services.checkout import donation_checkout
from marketplace.payments.services.donations import MESSAGE_MAX, NAME_MAX, donation_create

PRESETS = (20, 50, 100)  # yuan
DONORS_PER_PAGE = 30
RECEIPT_REFRESH_SECONDS = 5


class DonateForm(forms.Form):
    preset = forms.TypedChoiceField(
        label=_("Choose an amount"),
        choices=[(str(y), f"¥{y}") for y in PRESETS],
        coerce=Decimal,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    amount = forms.DecimalField(
        label=_("Or enter another amount (yuan)"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
    )
    donor_name = forms.CharField(label=_("Your name"), required=False, max_length=NAME_MAX)
    anonymous = forms.BooleanField(
        label=_("Donate anonymously: do not show my name on the project page"), required=False
    )
    message = forms.CharField(
        label=_("Message (optional)"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated and not self.is_bound:
            self.initial.setdefault("donor_name", user.name)

    def clean(self):
        data = super().clean()
        yuan = data.get("amount") or data.get("preset")
        if yuan is None:
            if "amount" not in self.errors:
                self.add_error("amount", _("Choose or enter an amount."))
            return data
        try:
            data["amount_fen"] = fen_of(yuan)
        except DomainError as error:
            self.add_error("amount", error.message)
        return data


def project_page_context(page, request) -> dict:
    """What a project page shows besides its text: the total received, the progress
    towards the goal, the donors (newest first, anonymous ones unnamed) and the form."""
    totals = project_totals(page)
    goal_fen = fen_of(page.goal) if page.goal else None
    donors = Paginator(project_donations_received(page), DONORS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    payments_on = gateway.enabled()
    taking = payments_on and page.accepts_donations
    return {
        "payments_on": payments_on,
        "total": yuan_of(totals["total"]),
        "donation_count": totals["count"],
        "goal": yuan_of(goal_fen) if goal_fen else None,
        "percent": min(100, totals["total"] * 100 // goal_fen) if goal_fen else None,
        "page_obj": donors,
        # Only what the public may see: never the name of an anonymous donor.
        "donors": [
            {
                "name": d.shown_name,
                "amount": yuan_of(d.amount),
                "message": d.message,
                "when": d.received_at or d.created_at,
            }
            for d in donors
        ],
        "donate_form": DonateForm(user=request.user) if taking else None,
        "donate_url": reverse("donations:donate", args=[page.pk]) if taking else "",
    }


class DonationCreateView(View):
    """POST from the project page's form: a pending donation, then off to Stripe."""

    def post(self, request, page_id: int):
        page = Page.objects.live().filter(pk=page_id).first()
        page = page.specific if page is not None else None
        if page is None or not hasattr(page, "accepts_donations"):
            raise Http404
        form = DonateForm(request.POST, user=request.user)
        checkout_url = form.is_valid() and self._start(request, page, form)
        if checkout_url:
            return redirect(checkout_url)
        context = page.get_context(request)
        if context["donate_form"] is not None:
            context["donate_form"] = form  # with its errors
        return render(request, page.get_template(request), context)

    def _start(self, request, page, form) -> str | None:
        data = form.cleaned_data
        donation = call_service(
            request,
            donation_create,
            errors_to=form,
            project=page,
            amount_fen=data["amount_fen"],
            donor_name=data["donor_name"],
            anonymous=data["anonymous"],
            message=data["message"],
        )
        if donation is None:
            return None
        receipt = reverse("donations:receipt", args=[donation.receipt_key])
        return call_service(
            request,
            donation_checkout,
            errors_to=form,
            donation=donation,
            success_url=request.build_absolute_uri(receipt),
            cancel_url=request.build_absolute_uri(page.get_url(request)),
        )


@method_decorator(never_cache, name="dispatch")
class DonationReceiptView(TemplateView):
    """The donor's receipt, reached by its key (from Stripe's return or a bookmark).
    While the payment is being confirmed it refreshes itself; it never changes state."""

    template_name = "payments/donation_receipt.html"

    def get_context_data(self, **kwargs):
        donation = donation_by_receipt_key(kwargs["receipt_key"])
        if donation is None:
            raise Http404
        received = donation.status == DonationStatus.RECEIVED
        return {
            **super().get_context_data(**kwargs),
            "donation": donation,
            "project": donation.project,
            "amount": yuan_of(donation.amount),
            "pending": donation.status == DonationStatus.PENDING,
            "received": received,
            "receipt_number": receipt_number(donation) if received else "",
            "refresh_seconds": RECEIPT_REFRESH_SECONDS,
        }
