"""Starting a payment: one Stripe Checkout Session per attempt, for a held booking or a
pending donation.

The Payment row (with its idempotency key and fee split) is committed before Stripe is
called, so a retry of the same attempt reuses the key and Stripe makes no second
session; the session's id and URL are saved after. Its state then changes only on
Stripe's signed events (services/events.py), never on the browser's return."""

import hashlib
import json
import logging
import uuid
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.payments import gateway
from marketplace.payments.models import (
    Booking,
    BookingStatus,
    Donation,
    DonationStatus,
    Payment,
    PaymentStatus,
)
from marketplace.payments.money import CURRENCY, fee_split
from marketplace.payments.services.common import locked_booking

log = logging.getLogger("linli.payments")
# How long a Checkout Session lives at Stripe. The booking's hold is shorter: its release
# expires the session at Stripe. Stripe refuses a session that ends sooner than 30
# minutes from its creation, so a retry with less left than that starts a new session.
SESSION_LIFETIME = timedelta(hours=1)
SESSION_SHORTEST = timedelta(minutes=31)


def booking_checkout(*, actor, booking: Booking, success_url: str, cancel_url: str) -> str:
    """The Checkout URL where the resident pays for their held booking."""
    with transaction.atomic():
        booking = locked_booking(booking.pk)
        if booking.resident_id != getattr(actor, "pk", None):
            raise NotPermitted(_("You can only pay for your own bookings."))
        if booking.payments.filter(status=PaymentStatus.PAID).exists():
            log.warning("second payment attempt for paid booking %s refused", booking.pk)
            raise DomainError(_("This booking is already paid."), code="already_paid")
        if booking.status == BookingStatus.CONFIRMED:
            raise DomainError(_("This booking is confirmed: there is nothing to pay."))
        if booking.status != BookingStatus.HELD or booking.hold_expires_at <= timezone.now():
            raise DomainError(
                _("The time to pay for this booking is over; please book again."),
                code="hold_over",
            )
        payment = _open_payment(booking.payments, booking=booking, amount=booking.amount)
    name = _("Booking: %(service)s, %(time)s") % {
        "service": booking.slot.offering.title,
        "time": timezone.localtime(booking.slot.starts_at).strftime("%Y-%m-%d %H:%M"),
    }
    return _session_url(payment, actor, name, {"booking": str(booking.pk)}, success_url, cancel_url)


def donation_checkout(*, actor, donation: Donation, success_url: str, cancel_url: str) -> str:
    with transaction.atomic():
        donation = Donation.objects.select_for_update().get(pk=donation.pk)
        if donation.status != DonationStatus.PENDING:
            raise DomainError(_("This donation is no longer awaiting payment."))
        payment = _open_payment(donation.payments, donation=donation, amount=donation.amount)
    name = _("Donation: %(project)s") % {"project": donation.project.title}
    metadata = {"donation": str(donation.pk)}
    return _session_url(payment, actor, name, metadata, success_url, cancel_url)


def _open_payment(payments, *, amount: int, **target) -> Payment:
    """The open attempt whose session (if it has one) still has time, or a new one."""
    usable = Q(checkout_session_id=None) | Q(
        session_expires_at__gt=timezone.now() + timedelta(minutes=5)
    )
    fresh = payments.filter(usable, status=PaymentStatus.OPEN).order_by("-pk").first()
    if fresh:
        return fresh
    fee, share = fee_split(amount)
    return Payment.objects.create(
        amount=amount,
        currency=CURRENCY,
        platform_fee=fee,
        provider_share=share,
        idempotency_key=f"linli-checkout-{uuid.uuid4()}",
        session_expires_at=timezone.now() + SESSION_LIFETIME,
        **target,
    )


def _session_url(payment, actor, name, metadata, success_url, cancel_url) -> str:
    if payment.checkout_url:
        return payment.checkout_url  # a second click: the same session
    params = {
        "name": str(name),
        "amount": payment.amount,
        "currency": payment.currency,
        "metadata": {"payment": str(payment.pk), **metadata},
        "success_url": success_url,
        "cancel_url": cancel_url,
        "expires_at": _session_end(payment),
    }
    # The same attempt with the same parameters has the same key: Stripe makes one
    # session however often it is retried. Other parameters (another language's return
    # URL, a later end) get another key, which Stripe requires.
    digest = hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()[:16]
    session = gateway.checkout_session_create(
        **params, idempotency_key=f"{payment.idempotency_key}-{digest}"
    )
    recorded = Payment.objects.filter(pk=payment.pk, checkout_session_id=None).update(
        checkout_session_id=session.id, checkout_url=session.url or ""
    )
    if not recorded:
        # Another click (another tab, another language) made the attempt's session first:
        # that one is the payment's; this one must never take money.
        _expire_now(session.id)
        return Payment.objects.get(pk=payment.pk).checkout_url
    audit_record(actor=actor, event="payments.checkout.started", target=payment)
    return session.url


def _session_end(payment: Payment) -> int:
    """The session's end as a Unix time: the one fixed at the first try, unless too
    little of it is left for Stripe."""
    now = timezone.now()
    if payment.session_expires_at is None or payment.session_expires_at < now + SESSION_SHORTEST:
        payment.session_expires_at = now + SESSION_LIFETIME
        payment.save(update_fields=["session_expires_at"])
    return int(payment.session_expires_at.timestamp())


def sessions_expire_later(booking: Booking) -> None:
    """After commit, expire the booking's open Checkout Sessions at Stripe (best effort:
    a payment that lands anyway is handled by the events)."""
    ids = list(
        booking.payments.filter(status=PaymentStatus.OPEN)
        .exclude(checkout_session_id=None)
        .values_list("checkout_session_id", flat=True)
    )

    def expire():
        for session_id in ids:
            _expire_now(session_id)

    if ids:
        transaction.on_commit(expire)


def _expire_now(session_id: str) -> None:
    try:
        gateway.checkout_session_expire(session_id, idempotency_key=f"linli-expire-{session_id}")
    except gateway.GatewayError as error:
        log.info("session %s not expired at Stripe: %s", session_id, error)
