"""Stripe's events, each stored once by its id and acted on once.

A handler reads the state the event carries and applies it only as a move forward
(open → paid, pending refund → settled), never back, so the same events in any order
end in the same state. An event about a payment Linli does not know yet (a refund that
overtook the payment's own event) waits as `unmatched` and is handled again the moment
that payment is paid. One whose amount or metadata disagree with Linli's records is
refused and kept for review; one whose handler fails rolls back and stays retryable.
"""

import logging
from datetime import UTC, datetime

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError
from marketplace.payments.models import (
    ATTENTION,
    OUTSTANDING,
    PLACE_HOLDING,
    Booking,
    BookingStatus,
    Donation,
    DonationStatus,
    EventStatus,
    Payment,
    PaymentStatus,
    Refund,
    RefundReason,
    RefundStatus,
    StripeEvent,
)
from marketplace.payments.services.bookings import place_release, place_retake
from marketplace.payments.services.common import locked_booking, locked_payment
from marketplace.payments.services.refunds import refund_request, refund_settle

log = logging.getLogger("linli.payments")


class Unmatched(Exception):
    """The event is about an object Linli does not know (yet)."""


class Refused(Exception):
    """The event disagrees with Linli's records (amount, currency, metadata)."""


# --- receiving ------------------------------------------------------------------------
def event_receive(*, payload: dict) -> StripeEvent:
    """Store a verified event, as the JSON Stripe sent (once: a repeat finds the row of
    the first delivery)."""
    data = payload
    obj = data["data"]["object"]
    intent = obj.get("payment_intent") if obj.get("object") != "payment_intent" else obj["id"]
    fields = {
        "type": data["type"],
        "object_id": obj.get("id") or "",
        "payment_intent_id": intent if isinstance(intent, str) else "",
        "payload": data,
        "created": datetime.fromtimestamp(data["created"], tz=UTC),
    }
    try:
        with transaction.atomic():
            row, _created = StripeEvent.objects.get_or_create(event_id=data["id"], defaults=fields)
    except IntegrityError:  # the same event delivered twice at once: the other stored it
        row = StripeEvent.objects.get(event_id=data["id"])
    return row


def event_process(*, event_pk: int) -> str:
    """Act on a stored event unless that was done already; its status after. A handler
    that raises leaves nothing changed and the event `failed` (retried later)."""
    try:
        with transaction.atomic():
            row = StripeEvent.objects.select_for_update().get(pk=event_pk)
            if row.status not in OUTSTANDING:
                return row.status  # a repeat: handled once already
            _handle(row)
            return row.status
    except Exception as error:
        StripeEvent.objects.filter(pk=event_pk).update(
            status=EventStatus.FAILED, note=repr(error)[:2000], attempts=F("attempts") + 1
        )
        log.exception("Stripe event %s failed", event_pk)
        raise


def event_retry(*, actor, event_pk: int) -> str:
    """Staff handle an event again (one that failed, or waited for its payment); the
    attempt is audited. Its status after."""
    try:
        status = event_process(event_pk=event_pk)
    except Exception:  # noqa: BLE001 - recorded on the event by event_process
        status = EventStatus.FAILED
    event = StripeEvent.objects.get(pk=event_pk)
    audit_record(actor=actor, event="payments.stripe_event.retried", target=event, status=status)
    return status


@transaction.atomic
def event_dismiss(*, actor, event_pk: int, note: str) -> StripeEvent:
    """Staff set aside an event they reviewed (refused, unmatched, or failing for good),
    saying why: it leaves the events needing attention and is never processed again."""
    row = StripeEvent.objects.select_for_update().get(pk=event_pk)
    if row.status not in ATTENTION:
        raise DomainError(_("Only an event needing attention can be set aside."))
    note = (note or "").strip()
    if not note:
        raise DomainError(_("Say what was found and done about this event."), field="note")
    who = actor.name or actor.email
    row.note = f"{row.note}\n{timezone.localtime():%Y-%m-%d %H:%M} {who}: {note}".strip()
    row.status, row.handled_at = EventStatus.DISMISSED, timezone.now()
    row.save(update_fields=["status", "note", "handled_at"])
    audit_record(actor=actor, event="payments.stripe_event.dismissed", target=row, note=note)
    return row


def _handle(row: StripeEvent) -> None:
    handler = HANDLERS.get(row.type)
    row.attempts += 1
    if handler is None:
        status, note = EventStatus.IGNORED, ""
    else:
        try:
            with transaction.atomic():  # a refusal undoes what the handler began
                note = handler(row.payload["data"]["object"]) or ""
            status = EventStatus.HANDLED
        except Unmatched as reason:
            status, note = EventStatus.UNMATCHED, str(reason)
        except Refused as reason:
            status, note = EventStatus.REFUSED, str(reason)
            log.warning("Stripe event %s refused: %s", row.event_id, reason)
        except (KeyError, TypeError, ValueError) as error:  # signed, but not as expected
            status, note = EventStatus.REFUSED, f"malformed: {error!r}"
            log.warning("Stripe event %s refused as malformed: %r", row.event_id, error)
    row.status, row.note = status, note
    row.handled_at = timezone.now() if status not in OUTSTANDING else None
    row.save(update_fields=["status", "note", "attempts", "handled_at"])


def _replay_unmatched(payment: Payment) -> None:
    """Handle again the events that waited for this payment to be known."""
    waiting = StripeEvent.objects.select_for_update().filter(
        Q(payment_intent_id=payment.payment_intent_id) | Q(object_id=payment.checkout_session_id),
        status=EventStatus.UNMATCHED,
    )
    for row in waiting.order_by("created", "pk"):
        try:
            with transaction.atomic():  # a failure here must not undo the payment
                _handle(row)
        except Exception as error:
            log.exception("Stripe event %s failed when replayed", row.event_id)
            row.status, row.note = EventStatus.FAILED, repr(error)[:2000]
            row.save(update_fields=["status", "note", "attempts"])


# --- finding Linli's payment ------------------------------------------------------------
def _our_id(metadata, key: str) -> str | None:
    """The id of one of our objects named in an event's metadata (another integration on
    the same Stripe account may put anything there)."""
    value = (metadata or {}).get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.isdigit():
        raise Refused(f"metadata {key}={value!r} is not one of Linli's ids")
    return value


def _session_payment(session: dict) -> Payment:
    named = _our_id(session.get("metadata"), "payment")
    payment = Payment.objects.filter(checkout_session_id=session["id"]).first()
    if payment is None and named:
        # The event can beat the save of the session's id after it was created.
        payment = Payment.objects.filter(pk=named, checkout_session_id=None).first()
        if payment is not None:
            Payment.objects.filter(pk=payment.pk).update(checkout_session_id=session["id"])
    if payment is None:
        raise Unmatched(f"no payment for Checkout Session {session['id']}")
    if named and named != str(payment.pk):
        raise Refused(f"metadata names payment {named}, the session is payment {payment.pk}")
    return _locked(payment)


def _intent_payment(payment_intent: str | None, metadata: dict | None) -> Payment:
    payment = None
    if payment_intent:
        payment = Payment.objects.filter(payment_intent_id=payment_intent).first()
    named = _our_id(metadata, "payment")
    if payment is None and named:
        payment = Payment.objects.filter(pk=named, payment_intent_id=None).first()
    if payment is None:
        raise Unmatched(f"no payment for PaymentIntent {payment_intent}")
    if named and named != str(payment.pk):
        raise Refused(f"metadata names payment {named}, the intent is payment {payment.pk}")
    return _locked(payment)


def _locked(payment: Payment) -> Payment:
    """Lock what the payment is for, then the payment: every path takes that order
    (booking → slot → payment, as a cancellation does), so none waits on another."""
    if payment.booking_id:
        locked_booking(payment.booking_id)
    else:
        Donation.objects.select_for_update().get(pk=payment.donation_id)
    return locked_payment(payment.pk)


def _check_amount(payment: Payment, amount, currency) -> None:
    if amount != payment.amount or (currency or "").lower() != payment.currency:
        raise Refused(
            f"Stripe says {amount} {currency}, payment {payment.pk} is "
            f"{payment.amount} {payment.currency}"
        )


# --- payments ---------------------------------------------------------------------------
def on_session_completed(session: dict) -> str:
    if session.get("payment_status") != "paid":
        return "completed, a delayed payment method: waiting for its outcome"
    return on_session_paid(session)


def on_session_paid(session: dict) -> str:
    payment = _session_payment(session)
    _check_amount(payment, session.get("amount_total"), session.get("currency"))
    return payment_paid(payment, payment_intent=session.get("payment_intent"))


def on_intent_succeeded(intent: dict) -> str:
    payment = _intent_payment(intent["id"], intent.get("metadata"))
    _check_amount(payment, intent.get("amount_received"), intent.get("currency"))
    return payment_paid(payment, payment_intent=intent["id"])


def payment_paid(payment: Payment, *, payment_intent: str | None) -> str:
    """The money arrived: confirm what it pays for (once)."""
    if payment.payment_intent_id and payment_intent and payment.payment_intent_id != payment_intent:
        raise Refused(f"payment {payment.pk} is {payment.payment_intent_id}, not {payment_intent}")
    if payment.status == PaymentStatus.PAID:
        return "already paid"
    payment.status = PaymentStatus.PAID
    payment.paid_at = timezone.now()
    payment.payment_intent_id = payment.payment_intent_id or payment_intent
    payment.save(update_fields=["status", "paid_at", "payment_intent_id", "updated_at"])
    audit_record(actor=None, event="payments.payment.paid", target=payment)
    note = _booking_paid(payment) if payment.booking_id else _donation_received(payment)
    if payment.payment_intent_id:
        _replay_unmatched(payment)
    return note


def _booking_paid(payment: Payment) -> str:
    booking = locked_booking(payment.booking_id)
    S = BookingStatus
    if booking.payments.filter(status=PaymentStatus.PAID).exclude(pk=payment.pk).exists():
        return _refund_in_full(payment, _("Paid twice for one booking"), RefundReason.DUPLICATE)
    if booking.status == S.EXPIRED and not _may_take_back(booking):
        return _refund_in_full(payment, _("The time to pay ran out before the payment arrived"))
    if booking.status == S.HELD or (booking.status == S.EXPIRED and place_retake(booking)):
        booking.status = S.CONFIRMED
        booking.confirmed_at = timezone.now()
        booking.save(update_fields=["status", "confirmed_at", "updated_at"])
        audit_record(actor=None, event="payments.booking.confirmed", target=booking)
        return "booking confirmed"
    if booking.status == S.EXPIRED:
        return _refund_in_full(payment, _("The time to pay ran out and the place was taken"))
    if booking.status == S.CANCELLED:
        return _refund_in_full(payment, _("The booking was cancelled before the payment arrived"))
    return "booking already confirmed"


def _may_take_back(booking) -> bool:
    """Whether a booking released unpaid may have its place back now that its payment
    came: not once the time has started, nor when the resident booked it again."""
    again = Booking.objects.filter(
        slot_id=booking.slot_id, resident_id=booking.resident_id, status__in=PLACE_HOLDING
    )
    return booking.slot.starts_at > timezone.now() and not again.exists()


def _refund_in_full(payment: Payment, reason, stripe_reason=RefundReason.REQUESTED_BY_CUSTOMER):
    refund_request(
        actor=None,
        payment=payment,
        amount=payment.refundable,
        reason=str(reason),
        stripe_reason=stripe_reason,
    )
    return f"refunding in full: {reason}"


def _donation_received(payment: Payment) -> str:
    donation = Donation.objects.select_for_update().get(pk=payment.donation_id)
    if donation.payments.filter(status=PaymentStatus.PAID).exclude(pk=payment.pk).exists():
        return _refund_in_full(payment, _("Paid twice for one donation"), RefundReason.DUPLICATE)
    donation.status = DonationStatus.RECEIVED
    donation.received_at = timezone.now()
    donation.save(update_fields=["status", "received_at", "updated_at"])
    audit_record(actor=None, event="payments.donation.received", target=donation)
    return "donation received"


def on_session_unpaid(session: dict) -> str:
    """The session expired, or its delayed payment failed: release what it held."""
    payment = _session_payment(session)
    if payment.status != PaymentStatus.OPEN:
        return f"payment already {payment.status}: nothing to do"
    expired = session.get("status") == "expired"
    payment.status = PaymentStatus.EXPIRED if expired else PaymentStatus.FAILED
    payment.save(update_fields=["status", "updated_at"])
    if payment.booking_id:
        booking = locked_booking(payment.booking_id)
        still_paying = booking.payments.filter(status=PaymentStatus.OPEN).exists()
        if booking.status == BookingStatus.HELD and not still_paying:
            place_release(booking)
            booking.status = BookingStatus.EXPIRED
            booking.save(update_fields=["status", "updated_at"])
            audit_record(actor=None, event="payments.booking.expired", target=booking)
    elif not payment.donation.payments.filter(status=PaymentStatus.OPEN).exists():
        Donation.objects.filter(pk=payment.donation_id, status=DonationStatus.PENDING).update(
            status=DonationStatus.EXPIRED
        )
    return f"payment {payment.status}"


# --- refunds ----------------------------------------------------------------------------
def on_refund(stripe_refund: dict) -> str:
    refund = _refund_of(stripe_refund)
    payment = _locked(refund.payment)
    refund = Refund.objects.get(pk=refund.pk)
    status = stripe_refund.get("status") or RefundStatus.PENDING
    if status == RefundStatus.SUCCEEDED and refund.status not in (RefundStatus.SUCCEEDED,):
        if payment.amount_refunded + refund.amount > payment.amount:
            raise Refused(f"refund {refund.pk} would refund more than payment {payment.pk}")
    if not refund_settle(refund=refund, status=status):
        return f"refund already {refund.status}"
    if refund.status == RefundStatus.SUCCEEDED:
        payment.refresh_from_db()
        if payment.amount_refunded == payment.amount:
            _fully_refunded(payment)
    return f"refund {refund.status}"


def _refund_of(stripe_refund: dict) -> Refund:
    """Linli's refund for Stripe's: by id, by our id in its metadata, or a new one for a
    refund made in the Stripe Dashboard of a payment Linli knows."""
    refund = Refund.objects.filter(stripe_refund_id=stripe_refund["id"]).first()
    if refund:
        return refund
    ours = _our_id(stripe_refund.get("metadata"), "refund")
    if ours:
        refund = Refund.objects.filter(pk=ours, stripe_refund_id=None).first()
        if refund is None:
            raise Refused(f"metadata names refund {ours}, unknown or another refund")
        if refund.payment.payment_intent_id != stripe_refund.get("payment_intent"):
            raise Refused(f"refund {ours} is not of {stripe_refund.get('payment_intent')}")
        Refund.objects.filter(pk=refund.pk).update(stripe_refund_id=stripe_refund["id"])
        return refund
    payment = _intent_payment(stripe_refund.get("payment_intent"), None)
    amount = stripe_refund.get("amount")
    if not isinstance(amount, int) or not 1 <= amount <= payment.amount:
        raise Refused(f"refund of {amount} for payment {payment.pk} of {payment.amount}")
    reason = stripe_refund.get("reason")
    return Refund.objects.create(
        payment=payment,
        amount=amount,
        reason=str(_("Refunded in the Stripe Dashboard")),
        stripe_reason=reason
        if reason in RefundReason.values
        else RefundReason.REQUESTED_BY_CUSTOMER,
        stripe_refund_id=stripe_refund["id"],
    )


def _fully_refunded(payment: Payment) -> None:
    """All the money went back: a booking still confirmed is cancelled, a donation is
    marked refunded — unless another payment of it still holds money (this one was a
    duplicate)."""
    target = payment.booking or payment.donation
    others = target.payments.filter(status=PaymentStatus.PAID).exclude(pk=payment.pk)
    if any(other.refundable for other in others):  # money kept, not on its way back
        return
    if payment.booking_id:
        booking = locked_booking(payment.booking_id)
        if booking.status == BookingStatus.CONFIRMED:
            place_release(booking)
            booking.status = BookingStatus.CANCELLED
            booking.cancelled_at = timezone.now()
            booking.cancel_reason = str(_("Refunded in full"))
            booking.save(update_fields=["status", "cancelled_at", "cancel_reason", "updated_at"])
            audit_record(actor=None, event="payments.booking.cancelled", target=booking)
    else:
        donation = Donation.objects.select_for_update().get(pk=payment.donation_id)
        if donation.status == DonationStatus.RECEIVED:
            donation.status = DonationStatus.REFUNDED
            donation.save(update_fields=["status", "updated_at"])
            audit_record(actor=None, event="payments.donation.refunded", target=donation)


def on_charge_refunded(charge: dict) -> str:
    """Each refund has its own events; this one only confirms the payment is known."""
    payment = _intent_payment(charge.get("payment_intent"), None)
    return f"Stripe reports {charge.get('amount_refunded')} refunded of payment {payment.pk}"


HANDLERS = {
    "checkout.session.completed": on_session_completed,
    "checkout.session.async_payment_succeeded": on_session_paid,
    "checkout.session.async_payment_failed": on_session_unpaid,
    "checkout.session.expired": on_session_unpaid,
    "payment_intent.succeeded": on_intent_succeeded,
    "refund.created": on_refund,
    "refund.updated": on_refund,
    "refund.failed": on_refund,
    "charge.refund.updated": on_refund,
    "charge.refunded": on_charge_refunded,
}
