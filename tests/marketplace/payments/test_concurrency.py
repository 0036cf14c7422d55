"""Real concurrent clients race for the last place of a slot: never two bookings of it.
Each client is a thread with its own database connection, released together by a
barrier. Runs on SQLite and, in CI, on PostgreSQL."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from marketplace.core.errors import DomainError
from marketplace.payments.models import Booking, BookingSlot, Payment, Refund
from marketplace.payments.services.bookings import booking_create, booking_release_expired

from .conftest import deliver, event, new_slot, paying, resident, session

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("payments_on")]
ROUNDS = 8


def together(functions):
    """Run the functions at once, each in its own thread and database connection."""
    barrier = threading.Barrier(len(functions))

    def run(function):
        try:
            barrier.wait(timeout=30)
            return function()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(functions)) as pool:
        return list(pool.map(run, functions))


def test_residents_racing_for_the_last_place_make_one_booking(shop):
    slot = new_slot(shop, capacity=1)
    people = [resident() for _ in range(8)]

    def book(person):
        def attempt():
            try:
                return booking_create(actor=person, slot=slot).status
            except DomainError as error:
                return error.code

        return attempt

    results = together([book(person) for person in people])
    assert sorted(results) == ["fully_booked"] * 7 + ["held"]
    assert BookingSlot.objects.get(pk=slot.pk).taken == 1
    assert Booking.objects.filter(slot=slot).count() == 1
    assert not Payment.objects.exists()  # the others never reached payment


def test_two_payments_racing_for_the_last_place_confirm_one_and_refund_the_other(shop):
    """A's hold ran out while A was paying and B booked the place; then both payments
    land at once. One booking holds the place; the other payment is refunded in full."""
    for _ in range(ROUNDS):
        slot = new_slot(shop, capacity=1)
        late, prompt = resident(), resident()
        late_booking = booking_create(actor=late, slot=slot)
        late_payment = paying(late_booking)
        booking_release_expired(now=timezone.now() + timedelta(minutes=16))
        prompt_booking = booking_create(actor=prompt, slot=slot)
        prompt_payment = paying(prompt_booking)
        paid = [
            event("checkout.session.completed", session(p, intent=f"pi_{p.pk}"))
            for p in (late_payment, prompt_payment)
        ]

        codes = together([lambda e=e: deliver(Client(), e).status_code for e in paid])

        assert codes == [200, 200]
        assert BookingSlot.objects.get(pk=slot.pk).taken == 1
        confirmed = Booking.objects.filter(slot=slot, status="confirmed")
        assert list(confirmed) == [prompt_booking]
        assert Payment.objects.get(pk=late_payment.pk).status == "paid"  # Stripe took it…
        (refund,) = Refund.objects.filter(payment__booking__slot=slot)
        assert refund.payment_id == late_payment.pk and refund.amount == late_payment.amount


def test_two_late_payments_racing_for_a_freed_place_confirm_one_and_refund_the_other(shop):
    """Both residents' holds ran out (the place is free again) and both payments land at
    the same moment: both try to take the place back; exactly one gets it."""
    for _ in range(ROUNDS):
        slot = new_slot(shop, capacity=1)
        bookings = []
        for _person in range(2):
            bookings.append(booking_create(actor=resident(), slot=slot))
            booking_release_expired(now=timezone.now() + timedelta(minutes=16))
        payments = [paying(b) for b in bookings]
        assert BookingSlot.objects.get(pk=slot.pk).taken == 0
        paid = [
            event("checkout.session.completed", session(p, intent=f"pi_{p.pk}")) for p in payments
        ]

        codes = together([lambda e=e: deliver(Client(), e).status_code for e in paid])

        assert codes == [200, 200]
        assert BookingSlot.objects.get(pk=slot.pk).taken == 1
        (confirmed,) = Booking.objects.filter(slot=slot, status="confirmed")
        (refund,) = Refund.objects.filter(payment__booking__slot=slot)
        assert refund.payment.booking_id != confirmed.pk
        assert refund.amount == refund.payment.amount


def test_a_cancellation_and_a_dashboard_refund_at_once_never_deadlock(shop):
    """The resident cancels while Stripe reports a full refund made in the Dashboard:
    both paths lock the booking before the payment, so both finish (PostgreSQL would
    abort one of them on a lock cycle)."""
    from marketplace.payments.services.bookings import booking_cancel

    from .conftest import stripe_refund

    for n in range(ROUNDS):
        person = resident()
        booking = booking_create(actor=person, slot=new_slot(shop))
        payment = paying(booking)
        intent = f"pi_race_{n}"
        deliver(Client(), event("checkout.session.completed", session(payment, intent=intent)))
        refunded = event(
            "refund.updated",
            stripe_refund(f"re_race_{n}", amount=payment.amount, status="succeeded", intent=intent),
        )

        def cancel(booking=booking, person=person):
            try:
                booking_cancel(actor=person, booking=booking, reason="")
                return "cancelled"
            except DomainError as error:  # the refund won: nothing left to cancel
                return error.code

        results = together([cancel, lambda e=refunded: deliver(Client(), e).status_code])

        assert results[1] == 200
        booking.refresh_from_db()
        assert booking.status == "cancelled"
        assert BookingSlot.objects.get(pk=booking.slot_id).taken == 0
        assert Payment.objects.get(pk=payment.pk).amount_refunded == payment.amount
