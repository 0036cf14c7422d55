"""Donations to a community project: made pending here, received only on Stripe's
signed webhook; anonymous donors never named in public."""

import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from cms.models import CommunityPage, ProjectPage
from marketplace.core.errors import DomainError
from marketplace.core.models import AuditEvent
from marketplace.payments import gateway
from marketplace.payments.models import Donation, DonationStatus, Payment, PaymentStatus
from marketplace.payments.services.checkout import _open_payment
from marketplace.payments.services.donations import donation_create
from tests.factories import UserFactory
from tests.site import build_site

from .conftest import deliver, event, session


def url_of(page, language="en") -> str:
    """The page's path in a language (Wagtail's page.url follows the active one)."""
    with translation.override(language):
        return page.url


@pytest.fixture
def project(world):
    return project_page(world)


def project_page(world, **fields) -> ProjectPage:
    build_site(communities=[world["home"]])
    section = CommunityPage.objects.get(community=world["home"])
    page = ProjectPage(
        title="社区花园改造",
        slug="garden",
        intro="一起把空地变成花园。",
        goal=Decimal("1000"),
        **fields,
    )
    return section.add_child(instance=page)


def give(project, *, actor=None, amount_fen=5000, **fields) -> Donation:
    fields = {"donor_name": "王阿姨", "anonymous": False, "message": "", **fields}
    return donation_create(
        actor=actor or UserFactory(), project=project, amount_fen=amount_fen, **fields
    )


def paying_donation(donation) -> Payment:
    """The donation's open payment as donation_checkout leaves it once Stripe made the
    session (the session id made up)."""
    payment = _open_payment(donation.payments, donation=donation, amount=donation.amount)
    payment.checkout_session_id = f"cs_test_{uuid.uuid4().hex[:24]}"
    payment.save(update_fields=["checkout_session_id"])
    return payment


def stripe_says(client, donation, type_="checkout.session.completed", **fields):
    payment = paying_donation(donation)
    intent = f"pi_{uuid.uuid4().hex[:24]}"
    response = deliver(client, event(type_, session(payment, intent=intent, **fields)))
    assert response.status_code == 200 and response.json()["status"] == "handled"
    donation.refresh_from_db()
    return payment


# --- donation_create -----------------------------------------------------------------------
@pytest.mark.usefixtures("payments_on")
def test_a_donation_is_pending_and_audited(world, project):
    donation = give(project, actor=world["resident"], amount_fen=8800, message=" 加油 ")
    assert donation.status == DonationStatus.PENDING and donation.amount == 8800
    assert donation.donor == world["resident"] and donation.message == "加油"
    assert donation.project_id == project.pk
    assert AuditEvent.objects.filter(
        event="payments.donation.created", target_id=str(donation.pk)
    ).exists()


@pytest.mark.usefixtures("payments_on")
def test_a_signed_in_donor_without_a_name_given_is_named_after_their_account(world, project):
    donation = give(project, actor=world["resident"], donor_name="")
    assert donation.donor_name == world["resident"].name


@pytest.mark.usefixtures("payments_on")
def test_an_anonymous_visitor_may_give_anonymously_and_the_record_keeps_the_name(world, project):
    donation = give(project, actor=world["anonymous"], donor_name="李先生", anonymous=True)
    assert donation.donor is None and donation.donor_name == "李先生"
    assert donation.shown_name != "李先生"
    signed_in = give(project, actor=world["resident"], donor_name="", anonymous=True)
    assert signed_in.donor == world["resident"]


@pytest.mark.usefixtures("payments_on")
@pytest.mark.parametrize(
    "fields, field",
    [
        ({"amount_fen": 399}, "amount"),  # below what Stripe can charge
        ({"amount_fen": 0}, "amount"),
        ({"amount_fen": 5_000_001}, "amount"),
        ({"amount_fen": Decimal("50.00")}, "amount"),
        ({"donor_name": "  "}, "donor_name"),
        ({"donor_name": "名" * 61}, "donor_name"),
        ({"message": "话" * 201}, "message"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_made(world, project, fields, field):
    actor = fields.pop("actor", world["anonymous"])
    with pytest.raises(DomainError) as refused:
        give(project, actor=actor, **fields)
    assert refused.value.field == field
    assert not Donation.objects.exists()


@pytest.mark.usefixtures("payments_on")
def test_the_limits_themselves_are_accepted(world, project):
    assert give(project, amount_fen=400).amount == 400
    assert give(project, amount_fen=5_000_000, message="话" * 200).amount == 5_000_000


@pytest.mark.usefixtures("payments_on")
def test_only_a_live_open_project_takes_donations(world, project):
    project.is_open = False
    project.save_revision().publish()
    with pytest.raises(DomainError) as refused:
        give(project)
    assert refused.value.code == "project_closed"
    project.is_open = True
    project.save_revision().publish()
    project.unpublish()
    with pytest.raises(DomainError):
        give(project)
    with pytest.raises(DomainError):
        give(project.get_parent())  # a community page is not a project
    assert not Donation.objects.exists()


def test_no_donation_while_payments_are_off(world, project):
    with pytest.raises(gateway.PaymentsOff):
        give(project)
    assert not Donation.objects.exists()


# --- the project page ----------------------------------------------------------------------
@pytest.mark.usefixtures("payments_on")
def test_the_total_counts_only_received_donations(client, world, project):
    received = give(project, amount_fen=5000)
    stripe_says(client, received)
    assert received.status == DonationStatus.RECEIVED and received.received_at
    give(project, amount_fen=70000)  # still pending
    expired = give(project, amount_fen=30000)
    stripe_says(client, expired, "checkout.session.expired", status="expired")
    assert expired.status == DonationStatus.EXPIRED
    html = client.get(url_of(project)).content.decode()
    assert "¥50.00" in html and "of a goal of ¥1000.00" in html and "1 donation" in html
    assert 'value="5"' in html and "5% of the goal" in html  # 50 of 1000 yuan
    assert "¥700.00" not in html and "¥300.00" not in html


@pytest.mark.usefixtures("payments_on")
def test_anonymous_donors_are_never_named_on_the_page(client, world, project):
    secret = give(project, donor_name="张秘密", anonymous=True, message="祝花园早日建成")
    stripe_says(client, secret)
    named = give(project, donor_name="王阿姨", message="加油")
    stripe_says(client, named)
    html = client.get(url_of(project)).content.decode()
    assert "张秘密" not in html
    assert "Anonymous donor" in html and "祝花园早日建成" in html
    assert "王阿姨" in html and html.index("王阿姨") < html.index("Anonymous donor")  # newest first


@pytest.mark.usefixtures("payments_on")
def test_the_donor_list_costs_the_same_for_many_donors(
    client, world, project, django_assert_max_num_queries
):
    stripe_says(client, give(project, donor_name="捐赠人0", amount_fen=1000))
    with CaptureQueriesContext(connection) as one:
        client.get(url_of(project))
    baseline = len(one.captured_queries)
    for n in range(1, 12):
        stripe_says(client, give(project, donor_name=f"捐赠人{n}", amount_fen=1000 + n))
    # Wagtail's routing and the site's chrome, then the total, the count and one page.
    with django_assert_max_num_queries(baseline):
        html = client.get(url_of(project)).content.decode()
    assert baseline <= 14
    assert "捐赠人11" in html and "捐赠人0" in html and "12 donations" in html


# --- donating through the page ---------------------------------------------------------------
def donate_url(project) -> str:
    return f"/en/donations/donate/{project.pk}/"


@pytest.mark.stripe
def test_donating_goes_to_a_stripe_checkout_session(client, world, project, stripe_mock):
    client.force_login(world["resident"])
    answer = client.post(
        donate_url(project), {"preset": "50", "donor_name": "王阿姨", "message": "加油"}
    )
    assert answer.status_code == 302
    donation = Donation.objects.get()
    payment = donation.payments.get()
    assert answer["Location"] == payment.checkout_url
    assert answer["Location"].startswith("https://checkout.stripe.com/")
    assert payment.checkout_session_id and payment.status == PaymentStatus.OPEN
    assert donation.amount == 5000 and donation.status == DonationStatus.PENDING
    assert donation.donor == world["resident"]


@pytest.mark.usefixtures("payments_on")
@pytest.mark.parametrize(
    "data, error",
    [
        ({"donor_name": "王阿姨"}, "Choose or enter an amount."),
        ({"amount": "12.345", "donor_name": "王阿姨"}, "decimal places"),
        ({"amount": "0.50", "donor_name": "王阿姨"}, "between 4 and 50,000 yuan"),
        ({"amount": "50001", "donor_name": "王阿姨"}, "between 4 and 50,000 yuan"),
        ({"amount": "20"}, "or donate anonymously"),
    ],
)
def test_bad_input_shows_the_form_again_and_makes_nothing(client, world, project, data, error):
    answer = client.post(donate_url(project), data)
    assert answer.status_code == 200
    assert error in answer.content.decode()
    assert not Donation.objects.exists() and not Payment.objects.exists()


@pytest.mark.usefixtures("payments_on")
def test_a_typed_amount_wins_over_a_preset(client, world, project, settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # Stripe down: the form says so
    answer = client.post(
        donate_url(project), {"preset": "100", "amount": "66.60", "anonymous": "on"}
    )
    assert answer.status_code == 200
    assert "The payment service did not answer" in answer.content.decode()
    donation = Donation.objects.get()
    assert donation.amount == 6660 and donation.anonymous and donation.donor is None


def test_donating_to_an_unknown_page_is_404(client, world, project):
    assert client.post("/en/donations/donate/999999/", {"preset": "20"}).status_code == 404


# --- the receipt -----------------------------------------------------------------------------
def receipt_url(donation) -> str:
    return f"/en/donations/receipt/{donation.receipt_key}/"


@pytest.mark.usefixtures("payments_on")
def test_the_receipt_of_a_pending_donation_waits_and_changes_nothing(client, world, project):
    donation = give(project, amount_fen=2000)
    payment = paying_donation(donation)
    for _ in range(3):
        answer = client.get(receipt_url(donation))
    html = answer.content.decode()
    assert answer.status_code == 200 and "no-cache" in answer["Cache-Control"]
    assert "Your payment is being confirmed" in html and 'http-equiv="refresh"' in html
    assert "LL-D-" not in html and "社区花园改造" in html and "¥20.00" in html
    donation.refresh_from_db()
    payment.refresh_from_db()
    assert donation.status == DonationStatus.PENDING and payment.status == PaymentStatus.OPEN


@pytest.mark.usefixtures("payments_on")
def test_the_receipt_of_a_received_donation_has_a_number(client, world, project):
    donation = give(project, donor_name="张秘密", anonymous=True)
    stripe_says(client, donation)
    html = client.get(receipt_url(donation)).content.decode()
    year = timezone.localtime(donation.received_at).year  # the year in Beijing
    assert f"LL-D-{year}-{donation.pk:06d}" in html and "Print this receipt" in html
    assert 'http-equiv="refresh"' not in html
    assert "Anonymous donor" in html and "张秘密" not in html


def test_an_unknown_receipt_is_404(client, world):
    assert client.get(f"/en/donations/receipt/{uuid.uuid4()}/").status_code == 404
    assert client.get("/en/donations/receipt/not-a-key/").status_code == 404


@pytest.mark.usefixtures("payments_on")
def test_a_donation_paid_twice_is_refunded_once_and_refunds_lower_the_total(client, project):
    from marketplace.payments.models import Refund
    from marketplace.payments.selectors import project_totals

    donation = give(project, amount_fen=5000)
    stripe_says(client, donation)
    second = Payment.objects.create(
        donation=donation,
        amount=5000,
        platform_fee=0,
        provider_share=5000,
        idempotency_key="again",
        checkout_session_id="cs_test_again",
    )
    deliver(client, event("checkout.session.completed", session(second, intent="pi_again")))
    (duplicate,) = Refund.objects.all()
    assert duplicate.payment == second and duplicate.stripe_reason == "duplicate"
    donation.refresh_from_db()
    assert donation.status == DonationStatus.RECEIVED

    first = donation.payments.exclude(pk=second.pk).get()
    partial = {
        "id": "re_part",
        "object": "refund",
        "amount": 2000,
        "currency": "cny",
        "payment_intent": first.payment_intent_id,
        "status": "succeeded",
        "metadata": {},
    }
    deliver(client, event("refund.updated", partial))  # made in the Stripe Dashboard
    assert project_totals(project) == {"total": 3000, "count": 1}


@pytest.mark.usefixtures("payments_on")
def test_a_donation_whose_payment_never_came_expires(client, project):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    stuck = give(project, amount_fen=5000)  # Stripe never made its session
    paying_now = give(project, amount_fen=6000)
    payment = paying_donation(paying_now)
    Payment.objects.filter(pk=payment.pk).update(
        session_expires_at=timezone.now() + timedelta(hours=3)
    )
    Donation.objects.update(created_at=timezone.now() - timedelta(hours=2))
    call_command("release_unpaid", verbosity=0)
    stuck.refresh_from_db()
    paying_now.refresh_from_db()
    assert stuck.status == DonationStatus.EXPIRED
    assert paying_now.status == DonationStatus.PENDING  # its session is still open
