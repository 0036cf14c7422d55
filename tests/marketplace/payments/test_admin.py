"""The payments back office: provider staff manage their slots and cancel their bookings
(with a full or partial refund); platform admins see payments and Stripe's events and
process an open event again. Every object is checked against the viewer's scope."""

import html
import re
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from marketplace.accounts.roles import MFA_REQUIRED_ROLES, ROLE_PERMISSIONS, Role
from marketplace.accounts.scope import scope_of
from marketplace.core.models import AuditEvent
from marketplace.payments.models import (
    BookingSlot,
    BookingStatus,
    EventStatus,
    PaymentStatus,
    Refund,
    RefundStatus,
    StripeEvent,
)
from marketplace.payments.services.bookings import booking_create, slot_create
from tests.factories import OfferingFactory, OrganizationFactory, member_of

from .conftest import deliver, event, new_slot, paying, resident, session, stripe_refund

pytestmark = pytest.mark.usefixtures("payments_on")

# What provider staff need to open the slot and booking screens (roles.ROLE_PERMISSIONS).
PROVIDER_GRANTS = frozenset(
    {
        "payments.view_bookingslot",
        "payments.add_bookingslot",
        "payments.change_bookingslot",
        "payments.view_booking",
    }
)
TOTP_SECRET = "JBSWY3DPEHPK3PXP"


def test_roles_grant_provider_staff_the_payment_screens():
    for role in (Role.ORG_ADMIN, Role.ORG_STAFF):
        assert PROVIDER_GRANTS <= ROLE_PERMISSIONS[role], role
    for role in (Role.COMMUNITY_STAFF, Role.PURCHASER_STAFF, Role.RESIDENT):
        assert not {p for p in ROLE_PERMISSIONS[role] if p.startswith("payments.")}


# --- helpers ----------------------------------------------------------------------------
def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def in_site_language(text, **values):
    with override(settings.LANGUAGE_CODE):
        return gettext(text) % values if values else gettext(text)


def page(response) -> str:
    return html.unescape(response.content.decode())


def message_texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def login(client, user):
    """Sign in; platform admins and purchaser staff with the TOTP RequireMfaMiddleware asks for."""
    needs_mfa = scope_of(user).roles & MFA_REQUIRED_ROLES
    if needs_mfa and not Authenticator.objects.filter(user=user).exists():
        TOTP.activate(user, TOTP_SECRET)
    client.force_login(user)
    return client


def pay(booking, *, intent="pi_test"):
    """The booking paid through a signed checkout.session.completed."""
    payment = paying(booking)
    paid = event("checkout.session.completed", session(payment, intent=intent))
    assert deliver(Client(), paid).status_code == 200
    booking.refresh_from_db()
    payment.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED and payment.status == PaymentStatus.PAID
    return payment


def slot_url(view, slot=None):
    return f"/admin/bookingslot/{view}/" + (f"{slot.pk}/" if slot else "")


def booking_url(view, booking):
    return f"/admin/booking/{view}/{booking.pk}/"


@pytest.fixture
def rival(shop):
    """Another verified organization with its own offering, slot, staff and booking."""
    organization = OrganizationFactory(name="隔壁便民服务社")
    offering = OfferingFactory(organization=organization, title="隔壁上门理发", price="40.00")
    staff = member_of(organization, role="staff")
    start = timezone.now() + timedelta(days=4)
    slot = slot_create(
        actor=staff,
        offering=offering,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        capacity=3,
    )
    return {
        "organization": organization,
        "offering": offering,
        "staff": staff,
        "slot": slot,
        "booking": booking_create(actor=resident(), slot=slot),
    }


@pytest.fixture
def paid(shop):
    booking = booking_create(actor=resident(), slot=shop["slot"])
    return booking, pay(booking)


# --- slots ------------------------------------------------------------------------------
def test_provider_staff_create_a_slot(client, shop):
    login(client, shop["org_staff"])
    assert client.get(slot_url("new")).status_code == 200
    start = timezone.now() + timedelta(days=7)
    response = client.post(
        slot_url("new"),
        {
            "offering": shop["offering"].pk,
            "starts_at": local(start),
            "ends_at": local(start + timedelta(hours=2)),
            "capacity": 5,
        },
    )
    assert response.status_code == 302, page(response)[:3000]
    slot = BookingSlot.objects.get(capacity=5)
    assert slot.offering == shop["offering"] and slot.taken == 0
    audit = AuditEvent.objects.get(event="payments.slot.created", target_id=str(slot.pk))
    assert audit.actor == shop["org_staff"]


def test_a_slot_in_the_past_is_refused_with_the_services_message(client, shop):
    login(client, shop["org_staff"])
    start = timezone.now() - timedelta(days=1)
    response = client.post(
        slot_url("new"),
        {
            "offering": shop["offering"].pk,
            "starts_at": local(start),
            "ends_at": local(start + timedelta(hours=2)),
            "capacity": 5,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["starts_at"] == [
        in_site_language("A slot starts in the future.")
    ]
    assert not BookingSlot.objects.filter(capacity=5).exists()


def test_no_slot_for_another_organizations_offering(client, shop, rival):
    login(client, shop["org_staff"])
    start = timezone.now() + timedelta(days=7)
    response = client.post(
        slot_url("new"),
        {
            "offering": rival["offering"].pk,
            "starts_at": local(start),
            "ends_at": local(start + timedelta(hours=2)),
            "capacity": 9,
        },
    )
    assert response.status_code == 200
    assert "offering" in response.context["form"].errors
    assert not BookingSlot.objects.filter(capacity=9).exists()
    offered = response.context["form"].fields["offering"].queryset
    assert list(offered) == [shop["offering"]]


def test_slots_list_only_the_organizations_own_upcoming_first(client, shop, rival):
    later = new_slot(shop, capacity=4, days=10)
    past = new_slot(shop, capacity=6, days=1)
    BookingSlot.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=2),
    )
    login(client, shop["org_staff"])
    listing = client.get("/admin/bookingslot/").content.decode()
    rows = [slot_url("edit", s) for s in (shop["slot"], later, past)]
    positions = [listing.find(r) for r in rows]
    assert -1 not in positions and positions == sorted(positions), positions
    assert slot_url("edit", rival["slot"]) not in listing
    assert rival["offering"].title not in listing
    upcoming = client.get("/admin/bookingslot/?period=upcoming").content.decode()
    assert slot_url("edit", past) not in upcoming and slot_url("edit", later) in upcoming


def test_admin_sees_every_slot(client, shop, rival):
    login(client, shop["admin"])
    listing = client.get("/admin/bookingslot/").content.decode()
    assert slot_url("edit", shop["slot"]) in listing and slot_url("edit", rival["slot"]) in listing


def test_the_bookings_of_a_slot(client, shop):
    booking = booking_create(actor=resident(), slot=shop["slot"])
    login(client, shop["org_admin"])
    response = client.get(slot_url("inspect", shop["slot"]))
    assert response.status_code == 200
    assert booking_url("inspect", booking) in response.content.decode()
    assert str(booking.resident) in page(response)


def edit(client, slot, **changes):
    values = {
        "starts_at": local(slot.starts_at),
        "ends_at": local(slot.ends_at),
        "capacity": slot.capacity,
        **changes,
    }
    return client.post(slot_url("edit", slot), values)


def test_capacity_cannot_go_below_the_places_taken(client, shop):
    slot = shop["slot"]
    for _ in range(2):
        booking_create(actor=resident(), slot=slot)
    login(client, shop["org_staff"])
    response = edit(client, slot, capacity=1)
    assert response.status_code == 200
    assert response.context["form"].errors["capacity"] == [
        in_site_language(
            "%(taken)s places are already taken: the slot needs at least that many.", taken=2
        )
    ]
    slot.refresh_from_db()
    assert slot.capacity == 2 and slot.taken == 2
    assert not AuditEvent.objects.filter(event="payments.slot.updated").exists()

    assert edit(client, slot, capacity=5).status_code == 302
    slot.refresh_from_db()
    assert slot.capacity == 5 and slot.taken == 2
    audit = AuditEvent.objects.get(event="payments.slot.updated")
    assert audit.actor == shop["org_staff"] and audit.data["capacity"] == ["2", "5"]


def test_the_time_stays_once_a_place_is_taken(client, shop):
    slot = shop["slot"]
    login(client, shop["org_staff"])
    later = slot.starts_at + timedelta(days=1)
    booking_create(actor=resident(), slot=slot)
    response = edit(client, slot, starts_at=local(later), ends_at=local(later + timedelta(hours=2)))
    assert response.status_code == 200
    assert "starts_at" in response.context["form"].errors
    assert BookingSlot.objects.get(pk=slot.pk).starts_at == slot.starts_at


def test_an_empty_slot_can_move(client, shop):
    slot = new_slot(shop, capacity=3, days=5)
    login(client, shop["org_staff"])
    later = (slot.starts_at + timedelta(days=1)).replace(second=0, microsecond=0)
    response = edit(client, slot, starts_at=local(later), ends_at=local(later + timedelta(hours=1)))
    assert response.status_code == 302, page(response)[:3000]
    slot.refresh_from_db()
    assert slot.starts_at == later


def test_slots_are_never_deleted(client, shop):
    login(client, shop["admin"])
    assert client.post(slot_url("delete", shop["slot"])).status_code == 404
    assert BookingSlot.objects.filter(pk=shop["slot"].pk).exists()


# --- bookings ---------------------------------------------------------------------------
def test_bookings_list_only_the_organizations_own(client, shop, rival):
    mine = booking_create(actor=resident(), slot=shop["slot"])
    login(client, shop["org_staff"])
    listing = client.get("/admin/booking/").content.decode()
    assert booking_url("inspect", mine) in listing
    assert booking_url("inspect", rival["booking"]) not in listing


def test_bookings_filter_by_status_and_slot_date(client, shop):
    held = booking_create(actor=resident(), slot=shop["slot"])
    later_slot = new_slot(shop, days=20)
    later = booking_create(actor=resident(), slot=later_slot)
    login(client, shop["org_staff"])
    day = timezone.localdate(later_slot.starts_at).isoformat()
    by_date = client.get(f"/admin/booking/?slot_date_from={day}&slot_date_to={day}")
    assert booking_url("inspect", later) in by_date.content.decode()
    assert booking_url("inspect", held) not in by_date.content.decode()
    confirmed = client.get("/admin/booking/?status=confirmed").content.decode()
    assert booking_url("inspect", held) not in confirmed


def test_another_organizations_staff_get_404_by_url(client, shop, rival):
    booking = booking_create(actor=resident(), slot=shop["slot"])
    login(client, rival["staff"])
    for url in (
        slot_url("edit", shop["slot"]),
        slot_url("inspect", shop["slot"]),
        slot_url("history", shop["slot"]),
        booking_url("inspect", booking),
        booking_url("cancel", booking),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(booking_url("cancel", booking), {"reason": "越权取消", "refund": "full"})
    assert response.status_code == 404
    assert edit(client, shop["slot"], capacity=9).status_code == 404
    booking.refresh_from_db()
    assert booking.status == BookingStatus.HELD
    assert BookingSlot.objects.get(pk=shop["slot"].pk).capacity == 2


def cancel(client, booking, **data):
    return client.post(booking_url("cancel", booking), data)


def test_cancel_with_a_partial_refund(client, shop, paid, django_capture_on_commit_callbacks):
    booking, payment = paid
    login(client, shop["org_staff"])
    form_page = page(client.get(booking_url("cancel", booking)))
    assert "128.00" in form_page and 'name="refund_amount"' in form_page
    with django_capture_on_commit_callbacks(execute=True):  # refund_send: fails, port closed
        response = cancel(
            client, booking, reason="服务人员临时生病", refund="partial", refund_amount="30.00"
        )
    assert response.status_code == 302, page(response)[:3000]
    assert response["Location"] == booking_url("inspect", booking)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and booking.cancel_reason == "服务人员临时生病"
    assert BookingSlot.objects.get(pk=booking.slot_id).taken == 0
    refund = Refund.objects.get()
    assert refund.payment == payment and refund.amount == 3000
    assert refund.status == RefundStatus.PENDING and refund.requested_by == shop["org_staff"]
    cancelled = AuditEvent.objects.get(event="payments.booking.cancelled")
    assert cancelled.actor == shop["org_staff"]
    payment.refresh_from_db()
    assert payment.refundable == 9800 and payment.amount_refunded == 0
    shown = page(client.get(booking_url("inspect", booking)))
    assert "30.00" in shown and "98.00" in shown
    with override(settings.LANGUAGE_CODE):
        assert str(RefundStatus.PENDING.label) in shown
        assert str(PaymentStatus.PAID.label) in shown


def test_cancel_with_a_full_refund(client, paid, shop):
    booking, payment = paid
    login(client, shop["org_admin"])
    assert cancel(client, booking, reason="场地维修", refund="full").status_code == 302
    assert Refund.objects.get().amount == 12800
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_cancel_without_a_refund(client, paid, shop):
    booking, payment = paid
    login(client, shop["org_admin"])
    assert cancel(client, booking, reason="居民未到场", refund="none").status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and not Refund.objects.exists()


def test_refund_above_what_is_refundable_is_refused(client, paid, shop):
    booking, payment = paid
    login(client, shop["org_staff"])
    response = cancel(client, booking, reason="服务调整", refund="partial", refund_amount="200.00")
    assert response.status_code == 200
    assert response.context["form"].errors["refund_amount"] == [
        in_site_language(
            "At most %(left)s yuan of this payment can still be refunded.", left="128.00"
        )
    ]
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED and booking.cancel_reason == ""
    assert BookingSlot.objects.get(pk=booking.slot_id).taken == 1
    assert not Refund.objects.exists()
    assert not AuditEvent.objects.filter(event="payments.booking.cancelled").exists()


def test_a_reason_and_an_amount_are_required(client, paid, shop):
    booking, _payment = paid
    login(client, shop["org_staff"])
    response = cancel(client, booking, reason="  ", refund="partial")
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"reason", "refund_amount"}
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED and not Refund.objects.exists()


def test_an_unpaid_booking_is_cancelled_without_refund_choices(client, shop):
    booking = booking_create(actor=resident(), slot=shop["slot"])
    login(client, shop["org_staff"])
    assert 'name="refund"' not in page(client.get(booking_url("cancel", booking)))
    assert cancel(client, booking, reason="名额调整").status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and not Refund.objects.exists()
    # A cancelled booking offers no second cancellation.
    again = cancel(client, booking, reason="再次取消")
    assert again.status_code == 200
    assert 'name="reason"' not in page(again)
    assert in_site_language("This booking is no longer active.") in page(again)
    booking.refresh_from_db()
    assert booking.cancel_reason == "名额调整"


# --- payments and Stripe events (platform admins) ---------------------------------------
def test_admin_sees_payments_with_their_money(client, paid, shop):
    _booking, payment = paid
    login(client, shop["admin"])
    listing = page(client.get("/admin/payment/"))
    assert payment.checkout_session_id in listing and "pi_test" in listing
    assert "128.00" in listing
    paid_only = page(client.get("/admin/payment/?status=expired"))
    assert payment.checkout_session_id not in paid_only
    inspect = client.get(f"/admin/payment/inspect/{payment.pk}/")
    assert inspect.status_code == 200


def test_admin_sees_events_with_the_payload_pretty_printed(client, paid, shop):
    login(client, shop["admin"])
    row = StripeEvent.objects.get()
    assert row.type in client.get("/admin/stripeevent/").content.decode()
    shown = page(client.get(f"/admin/stripeevent/inspect/{row.pk}/"))
    assert '\n  "type": "checkout.session.completed"' in shown
    assert f"/admin/stripeevent/retry/{row.pk}/" not in shown  # handled: nothing to retry


@pytest.fixture
def unmatched(shop):
    stranger = event(
        "refund.updated", stripe_refund("re_x", amount=100, status="succeeded", intent="pi_nobody")
    )
    deliver(Client(), stranger)
    return StripeEvent.objects.get(event_id=stranger["id"])


def test_events_needing_attention_are_one_click_away(client, paid, unmatched, shop):
    from marketplace.backoffice.payments.hooks import AttentionMenuItem

    login(client, shop["admin"])
    handled = StripeEvent.objects.exclude(pk=unmatched.pk).get()
    listing = client.get("/admin/stripeevent/?attention=true").content.decode()
    assert f"/admin/stripeevent/inspect/{unmatched.pk}/" in listing
    assert f"/admin/stripeevent/inspect/{handled.pk}/" not in listing

    item = AttentionMenuItem("x", "", icon_name="warning")
    request = RequestFactory().get("/admin/")
    request.user = shop["admin"]
    with override("en"):
        component = item.render_component(request)
    assert component.label == "Events needing attention (1)"
    assert component.url == "/admin/stripeevent/?attention=true"
    request.user = shop["org_admin"]
    assert not item.is_shown(request)


def test_admin_retries_a_failed_event(client, shop, monkeypatch):
    from marketplace.payments.services import events

    booking = booking_create(actor=resident(), slot=shop["slot"])
    payment = paying(booking)

    def broken(session):
        raise RuntimeError("database hiccup")

    with monkeypatch.context() as patch:
        patch.setitem(events.HANDLERS, "checkout.session.completed", broken)
        assert (
            deliver(Client(), event("checkout.session.completed", session(payment))).status_code
            == 500
        )
        row = StripeEvent.objects.get()
        assert row.status == EventStatus.FAILED
        login(client, shop["admin"])
        # Still broken: the retry says so and the event stays failed.
        response = client.post(f"/admin/stripeevent/retry/{row.pk}/")
        assert response.status_code == 302
        row.refresh_from_db()
        assert row.status == EventStatus.FAILED and row.attempts == 2
        assert any("database hiccup" in text for text in message_texts(response))

    shown = page(client.get(f"/admin/stripeevent/inspect/{row.pk}/"))
    assert f"/admin/stripeevent/retry/{row.pk}/" in shown
    response = client.post(f"/admin/stripeevent/retry/{row.pk}/")
    assert response["Location"] == f"/admin/stripeevent/inspect/{row.pk}/"
    row.refresh_from_db()
    assert row.status == EventStatus.HANDLED and row.attempts == 3
    with override(settings.LANGUAGE_CODE):
        handled = gettext("Processed again: the event is now “%(status)s”.") % {
            "status": EventStatus.HANDLED.label
        }
    assert any(text.startswith(handled) for text in message_texts(response))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    retried = AuditEvent.objects.filter(event="payments.stripe_event.retried")
    assert retried.count() == 2 and {a.actor for a in retried} == {shop["admin"]}


def test_only_platform_admins_retry(client, shop, unmatched):
    for user in (shop["org_admin"], shop["staff"]):
        client.force_login(user)
        response = client.post(f"/admin/stripeevent/retry/{unmatched.pk}/")
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    unmatched.refresh_from_db()
    assert unmatched.attempts == 1


def test_admin_sets_aside_a_reviewed_event(client, shop, unmatched):
    login(client, shop["admin"])
    shown = page(client.get(f"/admin/stripeevent/inspect/{unmatched.pk}/"))
    assert f"/admin/stripeevent/dismiss/{unmatched.pk}/" in shown
    client.post(f"/admin/stripeevent/dismiss/{unmatched.pk}/", {"note": "  "})
    unmatched.refresh_from_db()
    assert unmatched.status == EventStatus.UNMATCHED  # a reason is required
    client.post(f"/admin/stripeevent/dismiss/{unmatched.pk}/", {"note": "测试账户的退款，已核实"})
    unmatched.refresh_from_db()
    assert unmatched.status == EventStatus.DISMISSED and "已核实" in unmatched.note
    assert (
        AuditEvent.objects.filter(event="payments.stripe_event.dismissed").get().actor
        == (shop["admin"])
    )
    client.post(f"/admin/stripeevent/retry/{unmatched.pk}/")
    unmatched.refresh_from_db()
    assert unmatched.status == EventStatus.DISMISSED  # never processed again
    for user in (shop["org_admin"], shop["staff"]):
        client.force_login(user)
        client.post(f"/admin/stripeevent/dismiss/{unmatched.pk}/", {"note": "x"})
    assert AuditEvent.objects.filter(event="payments.stripe_event.dismissed").count() == 1


# --- who may open what ------------------------------------------------------------------
LISTS = ["/admin/bookingslot/", "/admin/bookingslot/new/", "/admin/booking/"]
ADMIN_LISTS = ["/admin/payment/", "/admin/stripeevent/"]


def test_residents_and_community_staff_cannot_open_payments(client, paid, shop):
    booking, payment = paid
    row = StripeEvent.objects.get()
    objects = [
        slot_url("edit", booking.slot),
        slot_url("inspect", booking.slot),
        booking_url("inspect", booking),
        booking_url("cancel", booking),
        f"/admin/payment/inspect/{payment.pk}/",
        f"/admin/stripeevent/inspect/{row.pk}/",
    ]
    login_url = reverse("account_login")
    for role in ("resident", "staff", "purchaser"):
        user = shop[role]
        login(client, user)
        for url in LISTS + ADMIN_LISTS:
            response = client.get(url)
            assert response.status_code == 302, (role, url)
            expected = login_url if role == "resident" else reverse("wagtailadmin_home")
            assert response["Location"].split("?")[0] == expected, (role, url)
        for url in objects:
            assert client.get(url).status_code in (302, 404), (role, url)
    response = cancel(client, booking, reason="x", refund="full")
    assert response.status_code in (302, 404)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_provider_staff_cannot_open_payments_or_events(client, paid, shop):
    booking, payment = paid
    login(client, shop["org_admin"])
    for url in ADMIN_LISTS:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert client.get(f"/admin/payment/inspect/{payment.pk}/").status_code == 404
    assert "/admin/payment/inspect/" not in page(client.get(booking_url("inspect", booking)))


# --- query counts -----------------------------------------------------------------------
def counted(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


def bookings(shop, n):
    slot = new_slot(shop, capacity=60, days=6)
    made = [booking_create(actor=resident(), slot=slot) for _ in range(n)]
    return slot, made


def grow_payments(shop, n):
    _slot, made = bookings(shop, n)
    for booking in made:
        pay(booking, intent=f"pi_{booking.pk}")


def grow_events(shop, n):
    for i in range(n):
        deliver(
            Client(),
            event("refund.updated", stripe_refund(f"re_{i}_{n}", amount=1, status="pending")),
        )


def grow_slots(shop, n):
    for i in range(n):
        new_slot(shop, capacity=3, days=5 + i)


def grow_bookings(shop, n):
    bookings(shop, n)


CASES = {
    "slots": ("/admin/bookingslot/", "org_staff", grow_slots, 19, "edit"),
    "bookings": ("/admin/booking/", "org_staff", grow_bookings, 19, "inspect"),
    "payments": ("/admin/payment/", "admin", grow_payments, 18, "inspect"),
    "events": ("/admin/stripeevent/", "admin", grow_events, 18, "inspect"),
}


@pytest.mark.parametrize(
    ("url", "viewer", "grow", "most", "row_view"), CASES.values(), ids=CASES.keys()
)
def test_lists_run_the_same_queries_for_3_rows_as_for_a_full_page(
    client, shop, url, viewer, grow, most, row_view, django_assert_max_num_queries
):
    login(client, shop[viewer])
    grow(shop, 3)
    client.get(url)  # warm the caches
    few = counted(client, url)
    grow(shop, 22)  # more than a page (20)
    with django_assert_max_num_queries(most):
        response = client.get(url)
    assert response.status_code == 200
    rows = set(re.findall(rf'href="({url}{row_view}/\d+/)"', response.content.decode()))
    assert len(rows) == 20  # a full page: the count covers the rows
    assert counted(client, url) == few


def test_slot_and_booking_pages_run_bounded_queries(client, shop, django_assert_max_num_queries):
    slot, made = bookings(shop, 30)
    login(client, shop["org_staff"])
    client.get(slot_url("inspect", slot))
    with django_assert_max_num_queries(20):
        assert client.get(slot_url("inspect", slot)).status_code == 200
    with django_assert_max_num_queries(21):
        assert client.get(booking_url("cancel", made[0])).status_code == 200
