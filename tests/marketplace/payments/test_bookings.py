"""Booking places: free ones confirmed at once, paid ones held while paying, released
when unpaid, cancelled within the provider's policy, refunded in full or in part."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.core.errors import DomainError, NotPermitted
from marketplace.payments import gateway
from marketplace.payments.models import Booking, BookingSlot, Refund
from marketplace.payments.money import fee_split, fen_of
from marketplace.payments.services.bookings import (
    booking_cancel,
    booking_create,
    booking_release_expired,
    slot_create,
)
from marketplace.payments.services.checkout import booking_checkout
from tests.factories import OfferingFactory

from .conftest import deliver, event, new_slot, paying, resident, session

pytestmark = pytest.mark.clock_sweep

URLS = {"success_url": "https://linli.example/ok", "cancel_url": "https://linli.example/no"}


def taken(slot):
    return BookingSlot.objects.get(pk=slot.pk).taken


@pytest.fixture
def free_slot(world):
    offering = OfferingFactory(organization=world["provider"], price=None)
    start = timezone.now() + timedelta(days=2)
    return slot_create(
        actor=world["org_admin"],
        offering=offering,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        capacity=1,
    )


def test_without_keys_free_services_book_and_paid_ones_say_payments_are_off(shop, free_slot):
    person = resident()
    booking = booking_create(actor=person, slot=free_slot)
    assert booking.status == "confirmed" and booking.amount == 0 and taken(free_slot) == 1
    with pytest.raises(gateway.PaymentsOff):
        booking_create(actor=person, slot=shop["slot"])
    assert taken(shop["slot"]) == 0


@pytest.mark.usefixtures("payments_on")
def test_a_paid_booking_holds_its_place_until_the_time_to_pay_runs_out(shop):
    slot = shop["slot"]
    first, second = resident(), resident()
    held = booking_create(actor=first, slot=slot)
    assert held.status == "held" and held.amount == 12800 and held.hold_expires_at
    booking_create(actor=second, slot=slot)
    with pytest.raises(DomainError) as full:
        booking_create(actor=resident(), slot=slot)
    assert full.value.code == "fully_booked" and taken(slot) == 2
    with pytest.raises(DomainError):
        booking_create(actor=first, slot=slot)  # twice the same time

    assert booking_release_expired(now=timezone.now() + timedelta(minutes=14)) == 0
    assert booking_release_expired(now=timezone.now() + timedelta(minutes=16)) == 2
    assert taken(slot) == 0
    assert set(Booking.objects.values_list("status", flat=True)) == {"expired"}
    booking_create(actor=resident(), slot=slot)  # the places are free again


@pytest.mark.usefixtures("payments_on")
def test_what_cannot_be_booked(shop):
    offering = shop["offering"]
    with pytest.raises(DomainError):
        slot_create(
            actor=shop["org_staff"],
            offering=offering,
            starts_at=timezone.now() - timedelta(hours=1),
            ends_at=timezone.now(),
            capacity=1,
        )
    with pytest.raises(NotPermitted):
        new_slot({**shop, "org_staff": shop["staff"]})  # community staff are not the provider
    offering.is_active = False
    offering.save()
    with pytest.raises(DomainError):
        booking_create(actor=resident(), slot=shop["slot"])
    assert taken(shop["slot"]) == 0


@pytest.mark.usefixtures("payments_on")
def test_the_money_is_split_and_recorded_per_payment(shop, settings):
    settings.PLATFORM_FEE_BASIS_POINTS = 250  # 2.5 %
    booking = booking_create(actor=resident(), slot=shop["slot"])
    payment = paying(booking)
    assert (payment.amount, payment.platform_fee, payment.provider_share) == (12800, 320, 12480)
    assert fee_split(1) == (0, 1) and fen_of("0.07") == 7
    with pytest.raises(DomainError):
        fen_of("1.005")


@pytest.mark.usefixtures("payments_on")
def test_the_resident_cancels_within_the_policy_and_is_refunded_in_full(shop, client):
    person = resident()
    booking = booking_create(actor=person, slot=shop["slot"])
    payment = paying(booking)
    deliver(client, event("checkout.session.completed", session(payment)))
    with pytest.raises(NotPermitted):
        booking_cancel(actor=resident(), booking=booking, reason="")
    booking_cancel(actor=person, booking=booking, reason="")
    booking.refresh_from_db()
    refund = Refund.objects.get()
    assert booking.status == "cancelled" and taken(shop["slot"]) == 0
    assert refund.amount == 12800 and refund.status == "pending"


@pytest.mark.usefixtures("payments_on")
def test_after_the_free_cancellation_time_the_resident_cannot_cancel(shop, client):
    person = resident()
    booking = booking_create(actor=person, slot=new_slot(shop, days=0.5))  # within 24 h
    deliver(client, event("checkout.session.completed", session(paying(booking))))
    with pytest.raises(DomainError, match="24"):
        booking_cancel(actor=person, booking=booking, reason="有事")
    booking.refresh_from_db()
    assert booking.status == "confirmed" and not Refund.objects.exists()


@pytest.mark.usefixtures("payments_on")
def test_the_provider_refunds_at_most_what_was_paid(shop, client):
    booking = booking_create(actor=resident(), slot=shop["slot"])
    deliver(client, event("checkout.session.completed", session(paying(booking))))
    staff = shop["org_staff"]
    with pytest.raises(DomainError):
        booking_cancel(actor=staff, booking=booking, reason="  ")  # a reason is required
    with pytest.raises(DomainError, match="128.00"):
        booking_cancel(actor=staff, booking=booking, reason="停电", refund_amount=12801)
    booking.refresh_from_db()
    assert booking.status == "confirmed" and taken(shop["slot"]) == 1  # nothing changed
    assert not Refund.objects.exists()
    booking_cancel(actor=staff, booking=booking, reason="停电", refund_amount=2000)
    assert Refund.objects.get().amount == 2000


@pytest.mark.usefixtures("payments_on")
def test_a_paid_booking_cannot_be_paid_again(shop, client):
    person = resident()
    booking = booking_create(actor=person, slot=shop["slot"])
    deliver(client, event("checkout.session.completed", session(paying(booking))))
    with pytest.raises(DomainError) as again:
        booking_checkout(actor=person, booking=booking, **URLS)
    assert again.value.code == "already_paid"
    with pytest.raises(NotPermitted):
        booking_checkout(actor=resident(), booking=booking, **URLS)


@pytest.mark.usefixtures("payments_on")
def test_cancelling_while_a_full_refund_is_under_way_asks_for_no_second_one(shop, client):
    person = resident()
    booking = booking_create(actor=person, slot=shop["slot"])
    deliver(client, event("checkout.session.completed", session(paying(booking))))
    pending = {
        "id": "re_dash",
        "object": "refund",
        "amount": 12800,
        "currency": "cny",
        "payment_intent": "pi_test",
        "status": "pending",
        "metadata": {},
    }
    deliver(client, event("refund.created", pending))  # made in the Stripe Dashboard
    booking_cancel(actor=person, booking=booking, reason="")
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert list(Refund.objects.values_list("stripe_refund_id", flat=True)) == ["re_dash"]


@pytest.mark.usefixtures("payments_on")
def test_provider_staff_booking_for_themselves_follow_the_residents_rules(shop, client):
    staff = shop["org_staff"]
    booking = booking_create(actor=staff, slot=new_slot(shop, days=0.5))
    deliver(client, event("checkout.session.completed", session(paying(booking))))
    with pytest.raises(DomainError, match="24"):  # past free cancellation, like anyone
        booking_cancel(actor=staff, booking=booking, reason="")


@pytest.mark.usefixtures("payments_on")
def test_limits_on_places_prices_and_unpaid_holds(shop):
    for capacity in (0, 1001):
        with pytest.raises(DomainError, match="1,000|1000"):
            new_slot(shop, capacity=capacity)
    cheap = OfferingFactory(organization=shop["provider"], price="3.99")
    with pytest.raises(DomainError, match="4.00"):  # below what Stripe can charge
        booking_create(actor=resident(), slot=new_slot({**shop, "offering": cheap}))
    person = resident()
    for _ in range(3):
        booking_create(actor=person, slot=new_slot(shop))
    with pytest.raises(DomainError) as fourth:
        booking_create(actor=person, slot=new_slot(shop))
    assert fourth.value.code == "too_many_held"
    assert Booking.objects.filter(resident=person).count() == 3


@pytest.mark.usefixtures("payments_on")
def test_a_refund_stripe_refuses_is_marked_failed(shop, client, monkeypatch):
    booking = booking_create(actor=resident(), slot=shop["slot"])
    deliver(client, event("checkout.session.completed", session(paying(booking))))
    booking_cancel(actor=shop["org_staff"], booking=booking, reason="停业", refund_amount=None)
    refund = Refund.objects.get()

    def refuses(**_):
        raise gateway.GatewayError("charge already refunded", code="gateway_refused")

    monkeypatch.setattr(gateway, "refund_create", refuses)
    from marketplace.payments.services.refunds import refund_send

    refund_send(refund_id=refund.pk)
    refund.refresh_from_db()
    assert refund.status == "failed" and refund.settled_at
    refund_send(refund_id=refund.pk)  # payments_retry does not send it again
    assert Refund.objects.get().status == "failed"
