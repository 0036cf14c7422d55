"""The residents' booking pages: book a slot, pay for it through Stripe Checkout, come
back from paying, see and cancel their bookings.

Every state change is a POST to a service; the page Stripe sends the resident back to
only reads (the booking is confirmed by Stripe's signed webhook, never by the browser)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from marketplace.http.views import call_service
from marketplace.payments.models import BookingSlot, BookingStatus
from marketplace.payments.money import yuan_of
from marketplace.payments.selectors import booking_get, booking_list, booking_terms
from marketplace.payments.services.bookings import booking_cancel, booking_create
from marketplace.payments.services.checkout import booking_checkout
from marketplace.web.bookings.forms import BookingCancelForm

# Stripe puts the session's id in place of this in the success URL (kept literally).
SESSION_ID_PLACEHOLDER = "{CHECKOUT_SESSION_ID}"


def offering_url(slot: BookingSlot) -> str:
    """The slot's offering on its provider's page."""
    offering = slot.offering
    page = reverse("organizations:detail", args=[offering.organization_id])
    return f"{page}#offering-{offering.pk}"


def booking_context(booking, form=None) -> dict:
    terms = booking_terms(booking)
    return {
        "booking": booking,
        "slot": booking.slot,
        "offering": booking.slot.offering,
        "terms": terms,
        "amount_yuan": yuan_of(booking.amount),
        "paid_yuan": yuan_of(terms.paid),
        "refunded_yuan": yuan_of(terms.refunded),
        "refund_pending_yuan": yuan_of(terms.refund_pending),
        "refund_on_cancel_yuan": yuan_of(terms.refund_on_cancel),
        "payments": [
            (p, yuan_of(p.amount), yuan_of(p.amount_refunded)) for p in booking.payments.all()
        ],
        "cancel_form": form or BookingCancelForm(),
    }


class SlotBookView(LoginRequiredMixin, View):
    """POST: book a place of a slot (confirmed if free, held while paying if priced)."""

    def get(self, request, pk):
        # Reached after signing in from a Book button: back to the offering.
        slot = get_object_or_404(BookingSlot.objects.select_related("offering"), pk=pk)
        return redirect(offering_url(slot))

    def post(self, request, pk):
        slot = get_object_or_404(BookingSlot.objects.select_related("offering"), pk=pk)
        booking = call_service(request, booking_create, slot=slot)
        if booking is None:
            return redirect(offering_url(slot))
        if booking.status == BookingStatus.CONFIRMED:
            messages.success(request, _("Your booking is confirmed."))
        else:
            until = timezone.localtime(booking.hold_expires_at).strftime("%H:%M")
            messages.success(
                request,
                _("A place is held for you until %(time)s. Pay now to confirm it.")
                % {"time": until},
            )
        return redirect("payments:detail", pk=booking.pk)


class BookingDetailView(LoginRequiredMixin, TemplateView):
    template_name = "payments/booking_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        booking = booking_get(user=self.request.user, pk=self.kwargs["pk"])
        context.update(booking_context(booking))
        return context


class BookingPayView(LoginRequiredMixin, View):
    """POST: send the resident to Stripe Checkout to pay for their held booking."""

    http_method_names = ["post"]

    def post(self, request, pk):
        booking = booking_get(user=request.user, pk=pk)
        back = reverse("payments:return", args=[booking.pk])
        url = call_service(
            request,
            booking_checkout,
            booking=booking,
            success_url=f"{request.build_absolute_uri(back)}?session_id={SESSION_ID_PLACEHOLDER}",
            cancel_url=request.build_absolute_uri(reverse("payments:detail", args=[booking.pk])),
        )
        if not url:
            return redirect("payments:detail", pk=booking.pk)
        return HttpResponseRedirect(url)


class BookingReturnView(LoginRequiredMixin, TemplateView):
    """Where Stripe sends the resident after paying. It changes nothing: it shows the
    booking as it is, and waits (polling the status) until Stripe's webhook confirms it."""

    template_name = "payments/booking_return.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        booking = booking_get(user=self.request.user, pk=self.kwargs["pk"])
        context.update(booking_context(booking))
        context["waiting"] = booking.status == BookingStatus.HELD
        return context


class BookingStatusView(LoginRequiredMixin, View):
    """GET: the booking's current status as JSON, for the return page to poll."""

    def get(self, request, pk):
        booking = booking_get(user=request.user, pk=pk)
        response = JsonResponse(
            {
                "status": booking.status,
                "label": str(booking.get_status_display()),
                "waiting": booking.status == BookingStatus.HELD,
            }
        )
        response["Cache-Control"] = "no-store"
        return response


class BookingCancelView(LoginRequiredMixin, View):
    """POST: the resident cancels their own booking (a paid one is refunded in full)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        booking = booking_get(user=request.user, pk=pk)
        form = BookingCancelForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("payments:detail", pk=booking.pk)
        refund = booking_terms(booking).refund_on_cancel
        done = call_service(
            request, booking_cancel, booking=booking, reason=form.cleaned_data["reason"]
        )
        if done is not None:
            messages.success(request, _("Your booking is cancelled."))
            if refund:
                messages.info(
                    request,
                    _("A refund of ¥%(amount)s is on its way to you.")
                    % {"amount": yuan_of(refund)},
                )
        return redirect("payments:detail", pk=booking.pk)


class MyBookingsView(LoginRequiredMixin, ListView):
    template_name = "payments/booking_list.html"
    context_object_name = "bookings"
    paginate_by = 20

    def get_queryset(self):
        return booking_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for booking in context["bookings"]:
            booking.amount_yuan = yuan_of(booking.amount)
            booking.paid_yuan = yuan_of(booking.paid)
            booking.refunded_yuan = yuan_of(booking.refunded)
        return context
