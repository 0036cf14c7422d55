"""Donating to a community project (cms.ProjectPage) and the donor's receipt.

The project page shows its data from `project_page_summary` and its form through the
`donation_form` tag; the donate view makes a pending donation and sends the donor to
Stripe Checkout. The receipt only reads: a donation becomes received on Stripe's signed
webhook, never here."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.models import Page

from marketplace.http.views import call_service
from marketplace.payments.models import DonationStatus
from marketplace.payments.money import yuan_of
from marketplace.payments.selectors import donation_by_receipt_key, receipt_number
from marketplace.payments.services.checkout import donation_checkout
from marketplace.payments.services.donations import donation_create
from marketplace.web.donations.forms import DonateForm

RECEIPT_REFRESH_SECONDS = 5


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
        context["donate_form"] = form  # shown with its errors by the donation_form tag
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
