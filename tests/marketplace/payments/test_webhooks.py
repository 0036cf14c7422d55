"""Stripe's webhook: signed events only, each handled once, any order ends the same."""

import itertools
import json
import time

import pytest

from marketplace.core.models import AuditEvent
from marketplace.payments.models import (
    Booking,
    BookingStatus,
    EventStatus,
    Payment,
    PaymentStatus,
    Refund,
    RefundStatus,
    StripeEvent,
)
from marketplace.payments.services.bookings import booking_create

from .conftest import (
    WEBHOOK_URL,
    charge_refunded,
    deliver,
    event,
    new_slot,
    paying,
    resident,
    session,
    signed,
    stripe_refund,
)

pytestmark = pytest.mark.usefixtures("payments_on")


def state(booking):
    """Everything money touches, to compare outcomes."""
    booking.refresh_from_db()
    payment = booking.payments.get()
    return {
        "booking": booking.status,
        "taken": booking.slot.__class__.objects.get(pk=booking.slot_id).taken,
        "payment": payment.status,
        "refunded": payment.amount_refunded,
        "refunds": sorted(
            Refund.objects.filter(payment=payment).values_list("stripe_refund_id", "status")
        ),
    }


def another_payment(booking, key):
    """A second attempt of the booking whose session was made (as paying() makes one)."""
    return Payment.objects.create(
        booking=booking,
        amount=booking.amount,
        platform_fee=0,
        provider_share=booking.amount,
        idempotency_key=key,
        checkout_session_id=f"cs_test_{key}",
    )


@pytest.fixture
def held(shop):
    booking = booking_create(actor=resident(), slot=shop["slot"])
    return booking, paying(booking)


def test_a_paid_session_confirms_the_booking(client, held):
    booking, payment = held
    response = deliver(client, event("checkout.session.completed", session(payment)))
    assert response.status_code == 200 and response.json()["status"] == "handled"
    booking.refresh_from_db()
    payment.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    assert payment.status == PaymentStatus.PAID and payment.payment_intent_id == "pi_test"


def test_the_same_event_five_times_is_handled_once(client, held):
    booking, payment = held
    paid = event("checkout.session.completed", session(payment))
    answers = [deliver(client, paid) for _ in range(5)]
    assert [a.status_code for a in answers] == [200] * 5
    assert StripeEvent.objects.filter(event_id=paid["id"]).count() == 1
    assert StripeEvent.objects.get().attempts == 1
    assert AuditEvent.objects.filter(event="payments.payment.paid").count() == 1
    assert AuditEvent.objects.filter(event="payments.booking.confirmed").count() == 1
    assert state(booking)["booking"] == BookingStatus.CONFIRMED


def test_payment_and_refund_events_in_every_order_end_the_same(client, shop):
    """A full refund made in the Stripe Dashboard: the payment's event and the refund's
    three events, in all 24 orders, each on its own booking."""
    outcomes = {}
    for n, order in enumerate(itertools.permutations(range(4))):
        booking = booking_create(actor=resident(), slot=new_slot(shop))
        payment = paying(booking)
        intent, refund_id = f"pi_{n}", f"re_{n}"
        amount = payment.amount
        events = [
            event("checkout.session.completed", session(payment, intent=intent)),
            event(
                "refund.created",
                stripe_refund(refund_id, amount=amount, status="pending", intent=intent),
            ),
            event(
                "refund.updated",
                stripe_refund(refund_id, amount=amount, status="succeeded", intent=intent),
            ),
            event(
                "charge.refunded", charge_refunded(amount=amount, refunded=amount, intent=intent)
            ),
        ]
        for i in order:
            assert deliver(client, events[i]).status_code == 200
        result = state(booking)
        result["refunds"] = [status for _id, status in result["refunds"]]
        outcomes[order] = result
        assert not StripeEvent.objects.filter(status=EventStatus.UNMATCHED).exists(), order
    assert len({json.dumps(o, sort_keys=True) for o in outcomes.values()}) == 1, outcomes
    (final,) = {json.dumps(o, sort_keys=True) for o in outcomes.values()}
    assert json.loads(final) == {
        "booking": "cancelled",  # all the money went back: the place is free again
        "taken": 0,
        "payment": "paid",
        "refunded": 12800,
        "refunds": ["succeeded"],
    }


def test_a_partial_refund_and_its_events_in_every_order(client, shop):
    outcomes = set()
    for n, order in enumerate(itertools.permutations(range(3))):
        booking = booking_create(actor=resident(), slot=new_slot(shop))
        payment = paying(booking)
        intent = f"pi_p{n}"
        events = [
            event(
                "payment_intent.succeeded",
                {
                    "id": intent,
                    "object": "payment_intent",
                    "amount": payment.amount,
                    "amount_received": payment.amount,
                    "currency": "cny",
                    "status": "succeeded",
                    "metadata": {"payment": str(payment.pk)},
                },
            ),
            event(
                "refund.updated",
                stripe_refund(f"re_p{n}", amount=3000, status="succeeded", intent=intent),
            ),
            event(
                "refund.created",
                stripe_refund(f"re_p{n}", amount=3000, status="pending", intent=intent),
            ),
        ]
        for i in order:
            deliver(client, events[i])
        result = state(booking)
        outcomes.add(
            (
                result["booking"],
                result["payment"],
                result["refunded"],
                tuple(s for _i, s in result["refunds"]),
            )
        )
    assert outcomes == {("confirmed", "paid", 3000, ("succeeded",))}


def test_expired_after_paid_stays_paid_and_expired_first_is_paid_late(client, shop):
    booking, payment = (b := booking_create(actor=resident(), slot=shop["slot"])), paying(b)
    deliver(client, event("checkout.session.completed", session(payment)))
    deliver(
        client,
        event(
            "checkout.session.expired", session(payment, status="expired", payment_status="unpaid")
        ),
    )
    assert state(booking)["booking"] == "confirmed"
    assert state(booking)["payment"] == "paid"

    # The other order: the session's expiry is heard first, then its payment.
    late = booking_create(actor=resident(), slot=shop["slot"])
    late_payment = paying(late)
    deliver(
        client,
        event(
            "checkout.session.expired",
            session(late_payment, status="expired", payment_status="unpaid"),
        ),
    )
    assert state(late)["booking"] == "expired" and state(late)["taken"] == 1
    deliver(client, event("checkout.session.completed", session(late_payment, intent="pi_late")))
    # A place was still free: the late payment gets it back.
    assert state(late) | {"refunds": []} == {
        "booking": "confirmed",
        "taken": 2,
        "payment": "paid",
        "refunded": 0,
        "refunds": [],
    }


def test_bad_signatures_get_400_and_change_nothing(client, held):
    booking, payment = held
    paid = event("checkout.session.completed", session(payment))
    payload = json.dumps(paid)
    tampered = payload.replace('"amount_total": 12800', '"amount_total": 1')
    attempts = [
        {},  # no signature at all
        {"HTTP_STRIPE_SIGNATURE": "nonsense"},
        {"HTTP_STRIPE_SIGNATURE": signed(payload, secret="whsec_someone_else")},
        {"HTTP_STRIPE_SIGNATURE": signed(payload, at=int(time.time()) - 3600)},  # a replay
    ]
    for headers in attempts:
        response = client.post(WEBHOOK_URL, payload, content_type="application/json", **headers)
        assert response.status_code == 400
    response = client.post(
        WEBHOOK_URL,
        tampered,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signed(payload),  # signed the original, sent another body
    )
    assert response.status_code == 400
    assert client.get(WEBHOOK_URL).status_code == 405
    assert not StripeEvent.objects.exists()
    assert state(booking)["booking"] == "held" and state(booking)["payment"] == "open"


def test_tampered_amount_or_metadata_is_refused_and_kept(client, held, caplog):
    booking, payment = held
    cheap = event("checkout.session.completed", session(payment, amount_total=100))
    other = another_payment(booking, "other")
    wrong_target = event(
        "checkout.session.completed",
        session(other, metadata={"payment": str(payment.pk)}),
    )
    for evt in (cheap, wrong_target):
        assert deliver(client, evt).status_code == 200
        assert StripeEvent.objects.get(event_id=evt["id"]).status == EventStatus.REFUSED
    assert "refused" in caplog.text
    booking.refresh_from_db()
    assert booking.status == BookingStatus.HELD
    assert not Payment.objects.filter(status=PaymentStatus.PAID).exists()


def test_an_event_for_an_unknown_object_is_kept_for_review(client, shop):
    stranger = event(
        "refund.updated", stripe_refund("re_x", amount=100, status="succeeded", intent="pi_nobody")
    )
    assert deliver(client, stranger).status_code == 200
    kept = StripeEvent.objects.get()
    assert kept.status == EventStatus.UNMATCHED and "pi_nobody" in kept.note
    assert kept.payload["data"]["object"]["id"] == "re_x"
    assert not Refund.objects.exists()


def test_a_failing_handler_leaves_the_event_retryable(client, held, monkeypatch):
    from django.core.management import call_command

    from marketplace.payments.services import events

    booking, payment = held
    paid = event("checkout.session.completed", session(payment))

    def broken(session):
        raise RuntimeError("database hiccup")

    monkeypatch.setitem(events.HANDLERS, "checkout.session.completed", broken)
    assert deliver(client, paid).status_code == 500
    row = StripeEvent.objects.get()
    assert row.status == EventStatus.FAILED and "database hiccup" in row.note
    assert state(booking)["payment"] == "open"

    monkeypatch.undo()
    call_command("payments_retry", verbosity=0)
    row.refresh_from_db()
    assert row.status == EventStatus.HANDLED and row.attempts == 2
    assert state(booking)["booking"] == "confirmed"
    # Stripe's own retry of the event now changes nothing.
    assert deliver(client, paid).json()["status"] == "handled"
    assert AuditEvent.objects.filter(event="payments.payment.paid").count() == 1


def test_paying_twice_for_one_booking_refunds_the_second(client, held):
    booking, first = held
    deliver(client, event("checkout.session.completed", session(first, intent="pi_1")))
    second = another_payment(booking, "second")
    deliver(client, event("checkout.session.completed", session(second, intent="pi_2")))
    refund = Refund.objects.get()
    assert refund.payment == second and refund.amount == second.amount
    assert refund.status == RefundStatus.PENDING and refund.stripe_reason == "duplicate"
    assert Booking.objects.get().status == BookingStatus.CONFIRMED


def test_refunding_a_duplicate_payment_leaves_the_booking_confirmed(client, held):
    booking, first = held
    deliver(client, event("checkout.session.completed", session(first, intent="pi_1")))
    second = another_payment(booking, "second")
    deliver(client, event("checkout.session.completed", session(second, intent="pi_2")))
    duplicate = Refund.objects.get()
    back = stripe_refund(
        "re_dup",
        amount=second.amount,
        status="succeeded",
        intent="pi_2",
        metadata={"refund": str(duplicate.pk)},
    )
    deliver(client, event("refund.updated", back))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED  # the first payment still pays for it
    assert Payment.objects.get(pk=second.pk).amount_refunded == second.amount


def test_a_refund_that_fails_after_succeeding_gives_the_amount_back(client, held):
    booking, payment = held
    deliver(client, event("checkout.session.completed", session(payment)))
    deliver(client, event("refund.updated", stripe_refund("re_1", amount=3000, status="succeeded")))
    deliver(client, event("refund.failed", stripe_refund("re_1", amount=3000, status="failed")))
    deliver(
        client, event("refund.updated", stripe_refund("re_1", amount=3000, status="succeeded"))
    )  # late repeat
    payment.refresh_from_db()
    assert payment.amount_refunded == 0 and Refund.objects.get().status == RefundStatus.FAILED


@pytest.mark.parametrize(
    "obj",
    [
        {
            "id": "cs_x",
            "object": "checkout.session",
            "metadata": {"payment": "INV-7"},
            "payment_status": "paid",
            "amount_total": 100,
            "currency": "cny",
        },
        {"id": "cs_y", "object": "checkout.session", "payment_status": "paid"},  # no amount
        {"id": "re_z", "object": "refund", "metadata": {"refund": ["7"]}, "status": "pending"},
    ],
)
def test_a_signed_but_malformed_event_is_refused_and_kept(client, shop, obj):
    kind = "refund.updated" if obj["object"] == "refund" else "checkout.session.completed"
    assert deliver(client, event(kind, obj)).status_code == 200
    kept = StripeEvent.objects.get()
    assert kept.status in (EventStatus.REFUSED, EventStatus.UNMATCHED)
    assert kept.status == EventStatus.REFUSED or "cs_y" in kept.note


def test_an_event_with_decimal_strings_is_stored_as_sent(client, db):
    price = {
        "id": "price_1",
        "object": "price",
        "unit_amount_decimal": "12800.5",
        "currency": "cny",
    }
    assert deliver(client, event("price.created", price)).status_code == 200
    kept = StripeEvent.objects.get()
    assert kept.status == EventStatus.IGNORED
    assert kept.payload["data"]["object"]["unit_amount_decimal"] == "12800.5"


def test_a_waiting_event_that_fails_on_replay_does_not_undo_the_payment(client, held, monkeypatch):
    from marketplace.payments.services import events

    booking, payment = held
    early = event("refund.updated", stripe_refund("re_early", amount=100, status="succeeded"))
    deliver(client, early)  # before the payment is known: waits

    def broken(refund):
        raise RuntimeError("bug in the refund handler")

    monkeypatch.setitem(events.HANDLERS, "refund.updated", broken)
    assert deliver(client, event("checkout.session.completed", session(payment))).status_code == 200
    assert state(booking)["booking"] == "confirmed"
    assert StripeEvent.objects.get(event_id=early["id"]).status == EventStatus.FAILED


def test_a_late_payment_is_refunded_when_the_resident_booked_the_time_again(client, shop):
    from datetime import timedelta

    from django.utils import timezone

    from marketplace.payments.services.bookings import booking_release_expired

    person = resident()
    first = booking_create(actor=person, slot=shop["slot"])
    late = paying(first)
    booking_release_expired(now=timezone.now() + timedelta(minutes=16))
    again = booking_create(actor=person, slot=shop["slot"])  # booked anew, still paying
    deliver(client, event("checkout.session.completed", session(late, intent="pi_late")))
    first.refresh_from_db()
    assert first.status == BookingStatus.EXPIRED
    assert Refund.objects.get().payment == late
    assert Booking.objects.get(pk=again.pk).status == BookingStatus.HELD
