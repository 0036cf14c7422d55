"""Payments on, against stripe-mock when it runs (STRIPE_API_BASE; `make services` and
.ci/run start it), else against a closed port (calls fail as if Stripe were down).
Tests marked `stripe` need stripe-mock: skipped without it, unless
LINLI_REQUIRE_STRIPE_MOCK=1 (set by .ci/run), where they fail."""

import json
import os
import time
import uuid
from datetime import timedelta

import pytest
import requests
import stripe
from django.utils import timezone

from marketplace.payments.services.bookings import slot_create
from tests.factories import OfferingFactory, UserFactory

CLOSED_PORT = "http://127.0.0.1:9"
WEBHOOK_SECRET = "whsec_linli_test"
WEBHOOK_URL = "/payments/stripe/webhook/"


def stripe_mock_answers(url: str) -> bool:
    try:
        return requests.get(
            f"{url}/v1/customers", headers={"Authorization": "Bearer sk_test_123"}, timeout=2
        ).ok
    except requests.RequestException:
        return False


@pytest.fixture
def payments_on(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_linli"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = settings.TEST_STRIPE_API_BASE or CLOSED_PORT
    return settings


@pytest.fixture
def stripe_mock(payments_on):
    url = payments_on.TEST_STRIPE_API_BASE
    if not url or not stripe_mock_answers(url):
        message = f"stripe-mock does not answer at {url or '(STRIPE_API_BASE unset)'}"
        if os.environ.get("LINLI_REQUIRE_STRIPE_MOCK") == "1":
            pytest.fail(message)
        pytest.skip(message + " (make services starts it)")
    return url


def new_slot(shop, *, capacity: int = 2, days: float = 3):
    start = timezone.now() + timedelta(days=days)
    return slot_create(
        actor=shop["org_staff"],
        offering=shop["offering"],
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        capacity=capacity,
    )


@pytest.fixture
def shop(world):
    """A verified provider's ¥128 offering with a slot of two places in three days."""
    offering = OfferingFactory(organization=world["provider"], price="128.00", cancel_hours=24)
    shop = {**world, "offering": offering}
    return {**shop, "slot": new_slot(shop)}


def resident():
    return UserFactory()


# --- Stripe events, built and signed as Stripe does -----------------------------------
def event(type_: str, obj: dict, *, event_id: str | None = None) -> dict:
    return {
        "id": event_id or f"evt_{uuid.uuid4().hex[:24]}",
        "object": "event",
        "api_version": stripe.api_version,
        "created": int(time.time()),
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": type_,
        "data": {"object": obj},
    }


def session(payment, *, status="complete", payment_status="paid", intent="pi_test", **extra):
    return {
        "id": payment.checkout_session_id,
        "object": "checkout.session",
        "mode": "payment",
        "status": status,
        "payment_status": payment_status,
        "amount_total": payment.amount,
        "amount_subtotal": payment.amount,
        "currency": "cny",
        "metadata": {"payment": str(payment.pk)},
        "payment_intent": intent if status == "complete" else None,
        "livemode": False,
        **extra,
    }


def stripe_refund(refund_id, *, amount, status, intent="pi_test", metadata=None):
    return {
        "id": refund_id,
        "object": "refund",
        "amount": amount,
        "currency": "cny",
        "payment_intent": intent,
        "charge": "ch_test",
        "reason": "requested_by_customer",
        "status": status,
        "metadata": metadata or {},
    }


def charge_refunded(*, amount, refunded, intent="pi_test"):
    return {
        "id": "ch_test",
        "object": "charge",
        "amount": amount,
        "amount_refunded": refunded,
        "refunded": refunded == amount,
        "currency": "cny",
        "payment_intent": intent,
        "status": "succeeded",
        "metadata": {},
    }


def signed(payload: str, *, secret: str = WEBHOOK_SECRET, at: int | None = None) -> str:
    return stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp=at)


def deliver(client, evt: dict, **sign):
    """POST an event to the webhook the way Stripe does."""
    payload = json.dumps(evt)
    return client.post(
        WEBHOOK_URL,
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signed(payload, **sign),
    )


def paying(booking, session_id: str | None = None):
    """The booking's open payment as booking_checkout leaves it once Stripe made the
    session (the session id made up: these tests do not call Stripe)."""
    from marketplace.payments.services.checkout import _open_payment

    payment = _open_payment(booking.payments, booking=booking, amount=booking.amount)
    payment.checkout_session_id = session_id or f"cs_test_{uuid.uuid4().hex[:24]}"
    payment.save(update_fields=["checkout_session_id"])
    return payment
