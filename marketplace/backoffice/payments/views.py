"""Back-office views of payments: slots with their bookings, a booking with its money and
the provider's cancellation, and (for platform admins) Stripe's events and their retry.

Every object is looked up through its viewset's scope: outside it, it does not exist."""

import json
import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, F, Q, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button, HeaderButton

from marketplace.backoffice.core.viewsets import (
    ScopedIndexView,
    ScopedInspectView,
)
from marketplace.backoffice.payments.forms import BookingCancelForm
from marketplace.http.views import call_service
from marketplace.payments.models import (
    ATTENTION,
    OUTSTANDING,
    PLACE_HOLDING,
    Booking,
    EventStatus,
    Payment,
    PaymentStatus,
    StripeEvent,
)
from marketplace.payments.money import yuan_of
from marketplace.payments.services.bookings import booking_cancel
from marketplace.payments.services.events import event_dismiss, event_retry

log = logging.getLogger("linli.payments")

SLOT_BOOKINGS_SHOWN = 200
RESULT_LEVEL = {
    EventStatus.HANDLED: messages.success,
    EventStatus.IGNORED: messages.success,
    EventStatus.UNMATCHED: messages.warning,
}


def money_of(payment: Payment) -> dict:
    """A payment and its refunds, with the amounts in yuan, for a template."""
    refunds = [
        {"refund": refund, "amount": yuan_of(refund.amount)} for refund in payment.refunds.all()
    ]
    return {
        "payment": payment,
        "amount": yuan_of(payment.amount),
        "platform_fee": yuan_of(payment.platform_fee),
        "provider_share": yuan_of(payment.provider_share),
        "refunded": yuan_of(payment.amount_refunded),
        "refundable": yuan_of(payment.refundable),
        "refunds": refunds,
    }


def payments_of(booking: Booking) -> list[Payment]:
    return list(
        booking.payments.prefetch_related("refunds__requested_by").order_by("created_at", "pk")
    )


class InspectFieldsMixin:
    """Inspect views show money in yuan (not the fen it is stored in) and a dash, not
    "None", for what has not happened yet."""

    YUAN_LABELS = {
        "amount": _("Amount (yuan)"),
        "platform_fee": _("Platform fee (yuan)"),
        "provider_share": _("Provider's share (yuan)"),
        "amount_refunded": _("Refunded (yuan)"),
    }

    def get_field_label(self, field_name, field):
        if field_name in self.YUAN_LABELS:
            return self.YUAN_LABELS[field_name]
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        if field_name in self.YUAN_LABELS:
            return yuan_of(getattr(self.object, field_name))
        value = super().get_field_display_value(field_name, field)
        return "—" if value is None or value == "" else value


# --- slots ------------------------------------------------------------------------------
class SlotIndexView(ScopedIndexView):
    """Slots still to come first (soonest first), then past ones (latest first)."""

    def order_queryset(self, queryset):
        if self.is_explicitly_ordered:
            return super().order_queryset(queryset)
        upcoming = Q(ends_at__gte=timezone.now())
        return queryset.order_by(
            Case(When(upcoming, then=Value(0)), default=Value(1)),
            Case(When(upcoming, then=F("starts_at"))).asc(),
            F("starts_at").desc(),
            "-pk",
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if url := self.get_inspect_url(instance):
            buttons.append(Button(_("Bookings"), url=url, icon_name="list-ul", priority=15))
        return buttons


class SlotInspectView(InspectFieldsMixin, ScopedInspectView):
    def get_context_data(self, **kwargs):
        bookings = self.object.bookings.select_related("resident").order_by("-created_at", "-pk")
        rows = [
            {"booking": b, "amount": yuan_of(b.amount)} for b in bookings[: SLOT_BOOKINGS_SHOWN + 1]
        ]
        return super().get_context_data(
            bookings=rows[:SLOT_BOOKINGS_SHOWN],
            bookings_cut=len(rows) > SLOT_BOOKINGS_SHOWN,
            **kwargs,
        )


# --- bookings ---------------------------------------------------------------------------
class BookingInspectView(InspectFieldsMixin, ScopedInspectView):
    """A booking with each payment and refund, and the way to cancel it."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            payments=[money_of(p) for p in payments_of(self.object)],
            can_see_payments=self.request.user.is_superuser,
            **kwargs,
        )

    @property
    def header_buttons(self):
        if self.object.status not in PLACE_HOLDING:
            return []
        url = reverse(self.viewset.get_url_name("cancel"), args=[self.object.pk])
        return [HeaderButton(_("Cancel booking"), url=url, icon_name="cross")]


class BookingCancelView(WagtailAdminTemplateMixin, FormView):
    """The provider cancels a booking, with a reason and a full or partial refund."""

    form_class = BookingCancelForm
    template_name = "payments/admin/booking_cancel.html"
    header_icon = "cross"
    viewset = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("payments.view_booking"):
            raise PermissionDenied
        bookings = self.viewset.scope_queryset(Booking.objects.all(), request.user)
        self.booking = get_object_or_404(
            bookings.select_related("slot__offering", "resident"), pk=kwargs["pk"]
        )
        self.payments = payments_of(self.booking)
        self.refundable = sum(p.refundable for p in self.payments)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("Cancel booking")

    def get_page_subtitle(self):
        return str(self.booking)

    def get_breadcrumbs_items(self):
        inspect = reverse(self.viewset.get_url_name("inspect"), args=[self.booking.pk])
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.viewset.get_url_name("index")), "label": self.viewset.menu_label},
            {"url": inspect, "label": str(self.booking)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "refundable": self.refundable}

    def get_context_data(self, **kwargs):
        paid = sum(p.amount for p in self.payments if p.status == PaymentStatus.PAID)
        return super().get_context_data(
            booking=self.booking,
            payments=[money_of(p) for p in self.payments],
            can_see_payments=self.request.user.is_superuser,
            paid=yuan_of(paid),
            refundable=yuan_of(self.refundable),
            can_cancel=self.booking.status in PLACE_HOLDING,
            **kwargs,
        )

    def form_valid(self, form):
        refund_amount = form.refund_fen()
        booking = call_service(
            self.request,
            booking_cancel,
            errors_to=form,
            booking=self.booking,
            reason=form.cleaned_data["reason"],
            refund_amount=refund_amount,
        )
        if booking is None:
            return self.form_invalid(form)
        messages.success(self.request, self.done_message(refund_amount))
        return redirect(self.viewset.get_url_name("inspect"), booking.pk)

    def done_message(self, refund_amount: int | None) -> str:
        message = gettext("Booking %(booking)s is cancelled and its place is free again.") % {
            "booking": f"#{self.booking.pk}"
        }
        refund = self.refundable if refund_amount is None else refund_amount
        if refund:
            message += " " + gettext(
                "A refund of %(yuan)s yuan is on its way: it counts as done when Stripe "
                "confirms it."
            ) % {"yuan": yuan_of(refund)}
        return message


# --- payments and Stripe events (platform admins) ---------------------------------------
class PaymentInspectView(InspectFieldsMixin, ScopedInspectView):
    def get_context_data(self, **kwargs):
        payment = Payment.objects.prefetch_related("refunds__requested_by").get(pk=self.object.pk)
        return super().get_context_data(money=money_of(payment), **kwargs)


class StripeEventInspectView(InspectFieldsMixin, ScopedInspectView):
    """An event as Stripe sent it, what Linli made of it, and a retry while it is open."""

    def get_context_data(self, **kwargs):
        event = self.object
        return super().get_context_data(
            payload=json.dumps(event.payload, indent=2, ensure_ascii=False, sort_keys=True),
            can_retry=event.status in OUTSTANDING,
            retry_url=reverse(self.viewset.get_url_name("retry"), args=[event.pk]),
            can_dismiss=event.status in ATTENTION,
            dismiss_url=reverse(self.viewset.get_url_name("dismiss"), args=[event.pk]),
            payment=self.payment_of(event),
            **kwargs,
        )

    @staticmethod
    def payment_of(event: StripeEvent) -> Payment | None:
        about = Q(pk__in=[])
        if event.object_id:
            about |= Q(checkout_session_id=event.object_id)
        if event.payment_intent_id:
            about |= Q(payment_intent_id=event.payment_intent_id)
        return Payment.objects.filter(about).first()


class _StripeEventAction(View):
    """A POST on one stored event, by a platform admin; back to the event's page."""

    viewset = None
    http_method_names = ["post"]

    def post(self, request, pk):
        if not request.user.is_superuser:
            raise PermissionDenied
        events = self.viewset.scope_queryset(StripeEvent.objects.all(), request.user)
        event = get_object_or_404(events, pk=pk)
        self.act(request, event)
        return redirect(self.viewset.get_url_name("inspect"), event.pk)

    def act(self, request, event: StripeEvent) -> None:
        raise NotImplementedError


class StripeEventRetryView(_StripeEventAction):
    """Process a stored event again and say what came of it."""

    def act(self, request, event):
        if event.status not in OUTSTANDING:
            messages.warning(
                request,
                gettext("This event is “%(status)s”: there is nothing to process again.")
                % {"status": event.get_status_display()},
            )
            return
        event_retry(actor=request.user, event_pk=event.pk)
        event.refresh_from_db()
        text = gettext("Processed again: the event is now “%(status)s”.") % {
            "status": event.get_status_display()
        }
        if event.note:
            text += " " + gettext("Note: %(note)s") % {"note": event.note}
        RESULT_LEVEL.get(event.status, messages.error)(request, text)


class StripeEventDismissView(_StripeEventAction):
    """Set aside an event needing attention, with what was found."""

    def act(self, request, event):
        note = request.POST.get("note", "")
        if call_service(request, event_dismiss, event_pk=event.pk, note=note) is not None:
            messages.success(request, gettext("The event is set aside."))
