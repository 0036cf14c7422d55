"""Real calls to Stripe's API test server (stripe-mock): Checkout Sessions, refunds and
expiry, with the idempotency key of each create call. stripe-mock keeps no state and
answers with fixtures, so these tests check what Linli sent and what it recorded."""

import json
from datetime import timedelta
from urllib.parse import parse_qs

import pytest
import stripe
from django.utils import timezone

from marketplace.payments import gateway
from marketplace.payments.models import Payment, Refund
from marketplace.payments.services.bookings import (
    booking_cancel,
    booking_create,
    booking_release_expired,
)
from marketplace.payments.services.checkout import booking_checkout

from .conftest import deliver, event, resident, session

pytestmark = [pytest.mark.stripe, pytest.mark.usefixtures("stripe_mock")]
URLS = {"success_url": "https://linli.example/ok", "cancel_url": "https://linli.example/no"}


@pytest.fixture
def sent(monkeypatch):
    """Every request the stripe client sends (it still goes to stripe-mock)."""
    calls = []
    real = stripe.RequestsClient.request

    def recording(self, method, url, headers, post_data=None):
        calls.append(
            {
                "method": method,
                "path": url.split("://", 1)[1].split("/", 1)[1],
                "headers": dict(headers),
                "params": parse_qs(post_data or ""),
            }
        )
        return real(self, method, url, headers, post_data)

    monkeypatch.setattr(stripe.RequestsClient, "request", recording)
    return calls


def test_paying_creates_one_checkout_session_per_attempt(shop, sent):
    person = resident()
    booking = booking_create(actor=person, slot=shop["slot"])
    url = booking_checkout(actor=person, booking=booking, **URLS)
    payment = Payment.objects.get()
    assert url.startswith("https://checkout.stripe.com/") and payment.checkout_url == url
    assert payment.checkout_session_id.startswith("cs_")
    (create,) = sent
    assert create["path"] == "v1/checkout/sessions" and create["method"] == "post"
    assert create["headers"]["Idempotency-Key"].startswith(f"{payment.idempotency_key}-")
    ends = int(create["params"]["expires_at"][0])
    assert ends == int(payment.session_expires_at.timestamp())
    assert ends - timezone.now().timestamp() > 30 * 60  # Stripe's shortest session
    params = create["params"]
    assert params["currency"] == ["cny"] and params["mode"] == ["payment"]
    assert params["line_items[0][price_data][unit_amount]"] == ["12800"]  # ¥128.00 in fen
    assert params["metadata[payment]"] == [str(payment.pk)]
    assert params["metadata[booking]"] == [str(booking.pk)]
    assert params["payment_intent_data[metadata][payment]"] == [str(payment.pk)]
    assert params["adaptive_pricing[enabled]"] == ["false"]  # charged in CNY as priced

    # A second click is the same attempt: same session, no new call.
    assert booking_checkout(actor=person, booking=booking, **URLS) == url
    assert len(sent) == 1 and Payment.objects.count() == 1


def test_a_session_stripe_did_not_answer_is_retried_with_the_same_key(shop, sent, settings):
    person = resident()
    booking = booking_create(actor=person, slot=shop["slot"])
    api = settings.STRIPE_API_BASE
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # Stripe unreachable, twice
    for _ in range(2):
        with pytest.raises(gateway.GatewayError):
            booking_checkout(actor=person, booking=booking, **URLS)
    payment = Payment.objects.get()
    assert payment.checkout_session_id is None
    settings.STRIPE_API_BASE = api
    booking_checkout(actor=person, booking=booking, **URLS)
    keys = [call["headers"]["Idempotency-Key"] for call in sent]
    # The same attempt and parameters: one key, so Stripe makes one session however
    # often it is retried.
    assert len(keys) == 3 and len(set(keys)) == 1
    assert keys[0].startswith(f"{payment.idempotency_key}-")
    assert len({json.dumps(call["params"], sort_keys=True) for call in sent}) == 1


def test_a_retry_with_other_parameters_uses_another_key(shop, sent, settings):
    """Stripe refuses one key with other parameters: a retry from the English site (other
    return URLs) is sent under its own key."""
    person = resident()
    booking = booking_create(actor=person, slot=shop["slot"])
    api = settings.STRIPE_API_BASE
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    with pytest.raises(gateway.GatewayError):
        booking_checkout(actor=person, booking=booking, **URLS)
    settings.STRIPE_API_BASE = api
    english = {key: url.replace("linli.example/", "linli.example/en/") for key, url in URLS.items()}
    booking_checkout(actor=person, booking=booking, **english)
    first, second = (call["headers"]["Idempotency-Key"] for call in sent)
    assert first != second
    assert Payment.objects.count() == 1 and Payment.objects.get().checkout_session_id


def test_a_provider_refunds_part_of_a_paid_booking(
    shop, sent, client, django_capture_on_commit_callbacks
):
    person = resident()
    booking = booking_create(actor=person, slot=shop["slot"])
    booking_checkout(actor=person, booking=booking, **URLS)
    payment = Payment.objects.get()
    deliver(client, event("checkout.session.completed", session(payment, intent="pi_mock")))
    sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(
            actor=shop["org_staff"], booking=booking, reason="师傅生病", refund_amount=5000
        )
    refund = Refund.objects.get()
    assert refund.amount == 5000 and refund.stripe_refund_id.startswith("re_")
    (call,) = sent
    assert call["path"] == "v1/refunds"
    assert call["params"]["payment_intent"] == ["pi_mock"]
    assert call["params"]["amount"] == ["5000"]
    assert call["params"]["metadata[refund]"] == [str(refund.pk)]
    assert call["headers"]["Idempotency-Key"] == f"linli-refund-{refund.idempotency_key}"
    # Done only when Stripe's event says so.
    assert refund.status == "pending"
    payment.refresh_from_db()
    assert payment.amount_refunded == 0


def test_releasing_an_unpaid_hold_expires_its_session_at_stripe(
    shop, sent, django_capture_on_commit_callbacks
):
    person = resident()
    booking = booking_create(actor=person, slot=shop["slot"])
    booking_checkout(actor=person, booking=booking, **URLS)
    session_id = Payment.objects.get().checkout_session_id
    sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert booking_release_expired(now=timezone.now() + timedelta(minutes=16)) == 1
    booking.refresh_from_db()
    assert booking.status == "expired"
    assert [c["path"] for c in sent] == [f"v1/checkout/sessions/{session_id}/expire"]


def test_a_second_session_for_one_payment_is_expired_at_once(shop, sent):
    """Two clicks (two tabs, two languages) both ask Stripe for the attempt's session;
    the one recorded second is expired and the first one's page is returned."""
    from marketplace.payments.services.checkout import _open_payment, _session_url

    person = resident()
    booking = booking_create(actor=person, slot=shop["slot"])
    stale = _open_payment(booking.payments, booking=booking, amount=booking.amount)
    first = "https://checkout.stripe.com/c/pay/cs_test_first"
    Payment.objects.filter(pk=stale.pk).update(
        checkout_session_id="cs_test_first", checkout_url=first
    )  # the other click got there while this one was still asking Stripe
    url = _session_url(stale, person, "预约", {"booking": str(booking.pk)}, **URLS)
    assert url == first
    create, expire = sent
    assert create["path"] == "v1/checkout/sessions"
    assert expire["path"].startswith("v1/checkout/sessions/cs_") and expire["path"].endswith(
        "/expire"
    )
    assert Payment.objects.get().checkout_session_id == "cs_test_first"
