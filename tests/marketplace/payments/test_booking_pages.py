"""The residents' booking pages: book, pay, come back from paying, list, cancel."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from marketplace.core.models import AuditEvent
from marketplace.payments import gateway
from marketplace.payments.models import (
    Booking,
    BookingStatus,
    Payment,
    PaymentStatus,
    Refund,
)
from marketplace.payments.services.bookings import (
    booking_create,
    booking_release_expired,
    slot_create,
)
from tests.factories import OfferingFactory, UserFactory

from .conftest import deliver, event, new_slot, paying, session


def en(name, *args):
    with override("en"):
        return reverse(name, args=args)


@pytest.fixture
def free(shop):
    """A free offering of the same provider, with a slot of two places in three days."""
    offering = OfferingFactory(organization=shop["provider"], price=None, cancel_hours=24)
    free_shop = {**shop, "offering": offering}
    return {**free_shop, "slot": new_slot(free_shop)}


def provider_page(client, shop):
    return client.get(en("organizations:detail", shop["provider"].pk)).content.decode()


def book(client, slot):
    return client.post(en("payments:book", slot.pk))


def page(client, name, booking, **query):
    response = client.get(en(name, booking.pk), query)
    assert response.status_code == 200
    return response.content.decode()


# --- the provider's page -----------------------------------------------------------------
@pytest.mark.usefixtures("payments_on")
def test_the_provider_page_lists_upcoming_slots_with_a_book_button(client, shop, free):
    client.force_login(shop["resident"])
    html = provider_page(client, shop)
    assert "Upcoming times" in html and "2 places left" in html
    assert "¥128.00" in html and "Free" in html
    for slot in (shop["slot"], free["slot"]):
        assert f'action="{en("payments:book", slot.pk)}"' in html
    assert "Online payment is not available" not in html


def test_anonymous_visitors_get_a_sign_in_link_instead(client, shop, free):
    html = provider_page(client, shop)
    assert "Sign in to book" in html and 'action="/en/bookings/' not in html


def test_with_payments_off_a_priced_offering_says_so_and_has_no_book_button(client, shop, free):
    assert not gateway.enabled()
    client.force_login(shop["resident"])
    html = provider_page(client, shop)
    assert "Online payment is not available on this site yet" in html
    assert f'action="{en("payments:book", shop["slot"].pk)}"' not in html
    assert f'action="{en("payments:book", free["slot"].pk)}"' in html


def test_with_payments_off_booking_a_priced_slot_is_refused_with_a_message(client, shop, free):
    client.force_login(shop["resident"])
    response = book(client, shop["slot"])
    assert response.status_code == 302
    assert response["Location"].endswith(f"#offering-{shop['offering'].pk}")
    html = client.get(response["Location"]).content.decode()
    assert "Online payment is not available on this site yet." in html
    assert not Booking.objects.exists()
    response = book(client, free["slot"])  # a free one still books
    assert Booking.objects.get().status == BookingStatus.CONFIRMED


def test_the_provider_page_query_count_does_not_grow_with_slots(
    client, shop, free, django_assert_max_num_queries
):
    client.force_login(shop["resident"])
    provider_page(client, shop)
    with CaptureQueriesContext(connection) as few:
        provider_page(client, shop)
    for days in range(4, 10):
        new_slot(shop, days=days)
        new_slot(free, days=days)
    OfferingFactory(organization=shop["provider"], price=None)
    booking_create(actor=shop["resident"], slot=free["slot"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = provider_page(client, shop)
    assert html.count('action="/en/bookings/slots/') == 6  # the new free slots
    assert "Your booking" in html and html.count("<tr>") == 2 * (1 + 7)


# --- booking -----------------------------------------------------------------------------
def test_booking_a_free_slot_confirms_it(client, free):
    client.force_login(free["resident"])
    response = book(client, free["slot"])
    booking = Booking.objects.get()
    assert response.status_code == 302 and response["Location"] == en("payments:detail", booking.pk)
    html = client.get(response["Location"]).content.decode()
    assert "Your booking is confirmed." in html and "Free" in html
    assert "Pay ¥" not in html
    assert booking.status == BookingStatus.CONFIRMED and booking.resident == free["resident"]


@pytest.mark.usefixtures("payments_on")
def test_booking_a_priced_slot_holds_it_until_paid(client, shop):
    client.force_login(shop["resident"])
    response = book(client, shop["slot"])
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.HELD and booking.amount == 12800
    html = client.get(response["Location"]).content.decode()
    until = timezone.localtime(booking.hold_expires_at).strftime("%H:%M")
    assert f"Your place is held until {until}: pay now to confirm it." in html
    assert f'action="{en("payments:pay", booking.pk)}"' in html and "Pay ¥128.00 now" in html


def test_booking_twice_or_a_full_slot_is_a_message_not_an_error(client, free):
    slot = new_slot(free, capacity=1)
    client.force_login(free["resident"])
    book(client, slot)
    again = book(client, slot)
    assert again.status_code == 302
    assert "You have already booked this time." in client.get(again["Location"]).content.decode()
    client.force_login(UserFactory())
    full = book(client, slot)
    assert "This time is fully booked." in client.get(full["Location"]).content.decode()
    assert Booking.objects.count() == 1


def test_booking_needs_post_a_login_and_a_real_slot(client, free):
    url = en("payments:book", free["slot"].pk)
    anonymous = client.post(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    client.force_login(free["resident"])
    assert client.get(url).status_code == 302  # back to the offering, nothing booked
    assert not Booking.objects.exists()
    assert client.post(en("payments:book", 999999)).status_code == 404


def test_csrf_is_checked(free):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(free["resident"])
    assert browser.post(en("payments:book", free["slot"].pk)).status_code == 403
    assert not Booking.objects.exists()


# --- paying ------------------------------------------------------------------------------
@pytest.mark.stripe
def test_pay_redirects_to_the_checkout_session(client, shop, stripe_mock, monkeypatch):
    sent = {}
    create = gateway.checkout_session_create

    def recording(**kwargs):
        sent.update(kwargs)
        return create(**kwargs)

    monkeypatch.setattr(gateway, "checkout_session_create", recording)
    client.force_login(shop["resident"])
    booking = booking_create(actor=shop["resident"], slot=shop["slot"])
    response = client.post(en("payments:pay", booking.pk))
    payment = Payment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == payment.checkout_url
    assert response["Location"].startswith("https://checkout.stripe.com/")
    back = f"http://testserver{en('payments:return', booking.pk)}"
    assert sent["success_url"] == back + "?session_id={CHECKOUT_SESSION_ID}"
    assert sent["cancel_url"] == f"http://testserver{en('payments:detail', booking.pk)}"
    assert sent["amount"] == 12800


def test_pay_when_stripe_does_not_answer_shows_the_message(client, shop, payments_on):
    payments_on.STRIPE_API_BASE = "http://127.0.0.1:9"
    client.force_login(shop["resident"])
    booking = booking_create(actor=shop["resident"], slot=shop["slot"])
    response = client.post(en("payments:pay", booking.pk), follow=True)
    assert response.redirect_chain[-1][0] == en("payments:detail", booking.pk)
    assert "The payment service did not answer." in response.content.decode()


@pytest.mark.usefixtures("payments_on")
def test_pay_for_a_booking_whose_hold_ran_out_is_a_message(client, shop):
    client.force_login(shop["resident"])
    booking = booking_create(actor=shop["resident"], slot=shop["slot"])
    Booking.objects.filter(pk=booking.pk).update(hold_expires_at=timezone.now())
    html = page(client, "payments:detail", booking)
    assert "Pay ¥" not in html and "The time to pay for this booking is over" in html
    response = client.post(en("payments:pay", booking.pk), follow=True)
    assert "The time to pay for this booking is over" in response.content.decode()
    assert not Payment.objects.exists()
    assert client.get(en("payments:pay", booking.pk)).status_code == 405


@pytest.mark.usefixtures("payments_on")
def test_the_return_page_changes_nothing_and_waits_for_the_webhook(client, shop):
    client.force_login(shop["resident"])
    booking = booking_create(actor=shop["resident"], slot=shop["slot"])
    payment = paying(booking)
    audits = AuditEvent.objects.count()
    for _ in range(2):
        html = page(client, "payments:return", booking, session_id=payment.checkout_session_id)
    assert "is being confirmed" in html
    assert "Waiting for confirmation from the payment service" in html
    assert f'data-status-url="{en("payments:status", booking.pk)}"' in html
    booking.refresh_from_db()
    payment.refresh_from_db()
    assert booking.status == BookingStatus.HELD and payment.status == PaymentStatus.OPEN
    assert AuditEvent.objects.count() == audits
    status = client.get(en("payments:status", booking.pk)).json()
    assert status["status"] == "held" and status["waiting"] is True

    deliver(client, event("checkout.session.completed", session(payment)))
    html = page(client, "payments:return", booking, session_id=payment.checkout_session_id)
    assert "Your booking is confirmed." in html and "Waiting for confirmation" not in html
    assert client.get(en("payments:status", booking.pk)).json()["waiting"] is False


@pytest.mark.usefixtures("payments_on")
def test_the_return_page_of_a_released_booking_stops_waiting(client, shop):
    client.force_login(shop["resident"])
    booking = booking_create(actor=shop["resident"], slot=shop["slot"])
    booking_release_expired(now=timezone.now() + timedelta(hours=1))
    html = page(client, "payments:return", booking)
    assert "was not paid in time and its place was released" in html
    assert "data-status-url" not in html and "you get your place back if one is free" in html
    assert "Pay ¥" not in page(client, "payments:detail", booking)


@pytest.mark.usefixtures("payments_on")
def test_other_peoples_bookings_are_not_found(client, shop):
    booking = booking_create(actor=shop["resident"], slot=shop["slot"])
    client.force_login(UserFactory())
    for name in ("payments:detail", "payments:return", "payments:status"):
        assert client.get(en(name, booking.pk)).status_code == 404
    for name in ("payments:pay", "payments:cancel"):
        assert client.post(en(name, booking.pk)).status_code == 404
    assert client.get(en("payments:detail", 999999)).status_code == 404
    booking.refresh_from_db()
    assert booking.status == BookingStatus.HELD and not Payment.objects.exists()
    client.logout()
    assert client.get(en("payments:detail", booking.pk)).status_code == 302  # to log in


# --- cancelling --------------------------------------------------------------------------
def test_a_free_booking_is_cancelled_before_the_deadline(client, free):
    client.force_login(free["resident"])
    booking = booking_create(actor=free["resident"], slot=free["slot"])
    html = page(client, "payments:detail", booking)
    assert "Free cancellation until 24 hours before the start" in html
    assert f'action="{en("payments:cancel", booking.pk)}"' in html
    response = client.post(en("payments:cancel", booking.pk), {"reason": "临时有事"}, follow=True)
    html = response.content.decode()
    assert "Your booking is cancelled." in html and "refund" not in html.lower()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and booking.cancel_reason == "临时有事"
    assert free["slot"].__class__.objects.get(pk=free["slot"].pk).taken == 0


@pytest.mark.usefixtures("payments_on")
def test_a_paid_booking_cancelled_in_time_is_refunded_in_full(client, shop):
    client.force_login(shop["resident"])
    booking = booking_create(actor=shop["resident"], slot=shop["slot"])
    payment = paying(booking)
    deliver(client, event("checkout.session.completed", session(payment)))
    html = page(client, "payments:detail", booking)
    assert "If you cancel now, the ¥128.00 you paid is refunded in full." in html
    assert "Paid" in html and "¥128.00" in html
    response = client.post(en("payments:cancel", booking.pk), follow=True)  # no reason
    assert "A refund of ¥128.00 is on its way to you." in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    refund = Refund.objects.get()
    assert refund.payment == payment and refund.amount == 12800 and refund.status == "pending"
    html = page(client, "payments:detail", booking)
    assert "Refund under way" in html and "Cancel this booking" not in html


def test_after_the_deadline_the_policy_replaces_the_button(client, free):
    soon = new_slot(free, days=0.5)  # starts in 12 hours: free cancellation ended at -12 h
    client.force_login(free["resident"])
    booking = booking_create(actor=free["resident"], slot=soon)
    html = page(client, "payments:detail", booking)
    assert "Free cancellation until 24 hours before the start" in html
    assert "can no longer be cancelled here" in html
    assert f'action="{en("payments:cancel", booking.pk)}"' not in html
    response = client.post(en("payments:cancel", booking.pk), follow=True)
    assert "Free cancellation ended 24 hours before the start" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_a_too_long_reason_is_a_message_and_get_is_not_allowed(client, free):
    client.force_login(free["resident"])
    booking = booking_create(actor=free["resident"], slot=free["slot"])
    response = client.post(en("payments:cancel", booking.pk), {"reason": "长" * 201}, follow=True)
    assert response.status_code == 200 and "at most 200 characters" in response.content.decode()
    assert client.get(en("payments:cancel", booking.pk)).status_code == 405
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


# --- my bookings -------------------------------------------------------------------------
def make_bookings(shop, free, person, n):
    """n bookings of `person`: free and confirmed, or priced with a paid payment."""
    made = []
    for i in range(n):
        priced = i % 2
        start = timezone.now() + timedelta(days=5, hours=i)
        slot = slot_create(
            actor=shop["org_staff"],
            offering=(shop if priced else free)["offering"],
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            capacity=1,
        )
        booking = booking_create(actor=person, slot=slot)
        if priced:  # paid: as the webhook leaves it
            Payment.objects.filter(pk=paying(booking).pk).update(status=PaymentStatus.PAID)
            Booking.objects.filter(pk=booking.pk).update(status=BookingStatus.CONFIRMED)
        made.append(booking)
    return made


def list_page(client, query=""):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(en("payments:mine") + query)
    assert response.status_code == 200
    return len(queries.captured_queries), response.content.decode()


@pytest.mark.usefixtures("payments_on")
def test_my_bookings_lists_my_own_newest_first_with_bounded_queries(
    client, shop, free, django_assert_max_num_queries
):
    person = shop["resident"]
    client.force_login(person)
    make_bookings(shop, free, UserFactory(), 2)  # someone else's
    mine = make_bookings(shop, free, person, 3)
    list_page(client)  # warm the caches
    few, html = list_page(client)
    links = re.findall(r'href="/en/bookings/(\d+)/"', html)
    assert links == [str(b.pk) for b in reversed(mine)]
    assert "¥128.00" in html and "Paid ¥128.00" in html and "Free" in html
    make_bookings(shop, free, person, 25)
    with django_assert_max_num_queries(few):
        many, html = list_page(client)
    assert len(re.findall(r'href="/en/bookings/\d+/"', html)) == 20  # a page
    assert "Page 1 of 2" in html
    _, html = list_page(client, "?page=2")
    assert len(re.findall(r'href="/en/bookings/\d+/"', html)) == 8


def test_english_rendering(client, free):
    client.force_login(free["resident"])
    booking = booking_create(actor=free["resident"], slot=free["slot"])
    html = page(client, "payments:detail", booking)
    assert '<html lang="en"' in html and "Booking number" in html and "Cancelling" in html
    html = client.get("/en/bookings/").content.decode()
    assert "My bookings" in html and "confirmed" in html


def test_my_account_links_to_my_bookings(client, world):
    client.force_login(world["resident"])
    assert 'href="/en/bookings/"' in client.get("/en/me/").content.decode()
