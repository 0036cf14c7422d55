"""Reconciliation of Stripe's Checkout Sessions with Linli's payments."""

import io
from datetime import datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django.utils.translation import override
from stripe import APIConnectionError

from marketplace.payments import gateway
from marketplace.payments import reconcile as rec
from marketplace.payments.models import Payment
from marketplace.payments.reconcile import Kind, compare, reconcile
from marketplace.payments.services.bookings import booking_create

from .conftest import paying, resident, session


# --- compare(), with plain dicts ---------------------------------------------------------------
def stripe(sid="cs_1", *, paid=True, status=None, amount=12800, currency="cny", **extra):
    return {
        "id": sid,
        "payment_status": "paid" if paid else "unpaid",
        "status": status or ("complete" if paid else "open"),
        "amount_total": amount,
        "currency": currency,
        "metadata": {},
        **extra,
    }


def linli(pk=1, sid="cs_1", *, status="paid", amount=12800, currency="cny", refunded=0):
    return {
        "id": pk,
        "checkout_session_id": sid,
        "status": status,
        "amount": amount,
        "currency": currency,
        "amount_refunded": refunded,
    }


def kinds(sessions, payments):
    return [m.kind for m in compare(sessions, payments)]


def test_agreeing_sides_have_no_mismatch():
    assert (
        compare([stripe(), stripe("cs_2", paid=False)], [linli(), linli(2, "cs_2", status="open")])
        == []
    )
    expired = stripe("cs_3", paid=False, status="expired")
    assert compare([expired], [linli(3, "cs_3", status="expired")]) == []
    assert compare([stripe(currency="CNY")], [linli()]) == []


def test_paid_at_stripe_but_not_in_linli():
    for status in ("open", "expired", "failed"):
        (found,) = compare([stripe()], [linli(status=status)])
        assert found.kind == Kind.PAID_AT_STRIPE_ONLY
        assert (found.session_id, found.payment_id) == ("cs_1", 1)
        assert "paid/complete 12800 CNY" in found.stripe and status in found.linli


def test_paid_in_linli_but_not_at_stripe():
    assert kinds([stripe(paid=False)], [linli()]) == [Kind.PAID_IN_LINLI_ONLY]
    unknown = stripe(payment_status=None, status=None)
    assert kinds([unknown], [linli()]) == [Kind.PAID_IN_LINLI_ONLY]


def test_amount_or_currency_differ():
    assert kinds([stripe(amount=12700)], [linli()]) == [Kind.AMOUNT_DIFFERS]
    assert kinds([stripe(currency="usd")], [linli()]) == [Kind.AMOUNT_DIFFERS]
    assert kinds([stripe(amount=None, currency=None)], [linli()]) == [Kind.AMOUNT_DIFFERS]
    both = kinds([stripe(paid=False, amount=1)], [linli()])
    assert both == [Kind.PAID_IN_LINLI_ONLY, Kind.AMOUNT_DIFFERS]


def test_a_session_unknown_to_linli():
    (found,) = compare([stripe("cs_stranger")], [])
    assert found.kind == Kind.UNKNOWN_SESSION and found.payment_id is None
    assert found.linli == "unknown"


def test_a_linli_payment_stripe_did_not_list():
    (found,) = compare([], [linli(7, "cs_7", status="open")])
    assert found.kind == Kind.NOT_LISTED and found.session_id == "cs_7"
    assert found.stripe == "not listed"
    # Paid without a session id (paid on the intent's event): it reached Stripe too.
    assert kinds([], [linli(8, None)]) == [Kind.NOT_LISTED]
    # Never reached Stripe (the session was never made): nothing to compare.
    assert kinds([], [linli(9, None, status="open")]) == []


def test_a_session_found_by_its_metadata_when_linli_missed_its_id():
    named = stripe("cs_late", metadata={"payment": "4"})
    assert compare([named], [linli(4, None)]) == []
    assert kinds([named], [linli(4, None, status="open")]) == [Kind.PAID_AT_STRIPE_ONLY]


def test_expired_at_stripe_still_open_in_linli():
    expired = stripe(paid=False, status="expired")
    assert kinds([expired], [linli(status="open")]) == [Kind.OPEN_IN_LINLI]


def test_refunded_amounts_differ_when_the_session_carries_them():
    charge = {"latest_charge": {"object": "charge", "amount_refunded": 2800}}
    expanded = stripe(payment_intent={"id": "pi_1", **charge})
    assert compare([expanded], [linli(refunded=2800)]) == []
    (found,) = compare([expanded], [linli(refunded=0)])
    assert found.kind == Kind.REFUND_DIFFERS and "refunded 2800" in found.stripe
    assert kinds([stripe(amount_refunded=100)], [linli()]) == [Kind.REFUND_DIFFERS]
    # A listed session names its intent only by id: nothing to compare.
    assert compare([stripe(payment_intent="pi_1")], [linli(refunded=2800)]) == []


# --- reconcile(): what is fetched ----------------------------------------------------------------
@pytest.fixture
def listed(monkeypatch, payments_on):
    """Stripe's sessions, filtered by creation time as Stripe does."""
    sessions = []

    def checkout_sessions(*, created_from, created_before):
        return iter([s for s in sessions if created_from <= s["created"] < created_before])

    monkeypatch.setattr(gateway, "checkout_sessions", checkout_sessions)
    return sessions


def at_stripe(payment, created: datetime, **fields):
    return {**session(payment, **fields), "created": int(created.timestamp())}


def made_at(payment, when: datetime):
    Payment.objects.filter(pk=payment.pk).update(created_at=when)


@pytest.fixture
def period():
    start = timezone.make_aware(datetime(2026, 11, 1))
    return start, start + timedelta(days=1)


def held_payment(shop):
    return paying(booking_create(actor=resident(), slot=shop["slot"]))


def test_reconcile_compares_the_periods_sessions_and_payments(shop, listed, period):
    start, end = period
    mine = held_payment(shop)
    made_at(mine, start + timedelta(hours=3))
    listed.append(at_stripe(mine, start + timedelta(hours=3)))  # paid at Stripe, open here
    listed.append({**at_stripe(mine, start - timedelta(hours=5)), "id": "cs_before"})
    report = reconcile(start=start, end=end, progress=list)
    assert (report.sessions, report.payments) == (1, 1)
    assert [m.kind for m in report.mismatches] == [Kind.PAID_AT_STRIPE_ONLY]


def test_a_payment_made_before_the_period_is_found_by_its_session(shop, listed, period):
    start, end = period
    early = held_payment(shop)
    made_at(early, start - timedelta(seconds=2))
    listed.append(at_stripe(early, start + timedelta(seconds=1), payment_status="unpaid"))
    report = reconcile(start=start, end=end)
    assert (report.sessions, report.payments, report.mismatches) == (1, 1, [])


def test_a_payment_whose_session_falls_in_the_next_period_is_left_to_it(shop, listed, period):
    start, end = period
    late = held_payment(shop)
    made_at(late, end - timedelta(seconds=1))
    listed.append(at_stripe(late, end + timedelta(seconds=2), payment_status="unpaid"))
    report = reconcile(start=start, end=end)
    assert (report.sessions, report.payments, report.mismatches) == (0, 0, [])
    lost = held_payment(shop)
    made_at(lost, end - timedelta(seconds=1))
    report = reconcile(start=start, end=end)
    assert [(m.kind, m.payment_id) for m in report.mismatches] == [(Kind.NOT_LISTED, lost.pk)]


def test_a_page_that_fails_midway_is_a_gateway_error(db, payments_on, monkeypatch, period):
    class Listing:
        """The stripe client's listing: the first page answers, the next one fails."""

        def auto_paging_iter(self):
            yield {"id": "cs_1", "created": 0}
            raise APIConnectionError("connection reset")

    class Client:
        def __init__(self):
            self.v1 = self
            self.checkout = self
            self.sessions = self

        def list(self, **_):
            return Listing()

    monkeypatch.setattr(gateway, "client", Client)
    with pytest.raises(gateway.GatewayError):
        reconcile(start=period[0], end=period[1])
    with override("en"), pytest.raises(CommandError, match="did not answer") as refused:
        call_command("payments_reconcile", "--no-progress")
    assert refused.value.returncode == 2


def test_reconcile_needs_payments_on(db, period):
    with pytest.raises(gateway.PaymentsOff):
        reconcile(start=period[0], end=period[1])


# --- the command ---------------------------------------------------------------------------------
def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("payments_reconcile", *args, stdout=out, stderr=err)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, out.getvalue(), err.getvalue()


def test_the_command_refuses_clearly_when_payments_are_off(db):
    with pytest.raises(CommandError, match="Payments are off") as refused:
        call_command("payments_reconcile")
    assert refused.value.returncode == 2


def test_the_command_refuses_bad_dates(payments_on):
    with pytest.raises(CommandError, match="after"):
        call_command("payments_reconcile", "--from", "2026-11-02", "--to", "2026-11-01")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("payments_reconcile", "--from", "1.11.2026")


def test_the_command_reads_days_in_the_sites_time_zone(shop, listed, monkeypatch):
    windows = []
    real = rec.reconcile

    def spy(*, start, end, progress):
        windows.append((start, end))
        return real(start=start, end=end, progress=progress)

    monkeypatch.setattr(
        "marketplace.payments.management.commands.payments_reconcile.reconcile", spy
    )
    status, out, _ = run("--from", "2026-11-01", "--to", "2026-11-03", "--no-progress")
    assert status == 0 and "0 sessions at Stripe, 0 payments in Linli, 0 mismatches" in out
    start, end = windows[0]
    assert timezone.localtime(start).isoformat() == "2026-11-01T00:00:00+08:00"
    assert timezone.localtime(end).isoformat() == "2026-11-04T00:00:00+08:00"
    run()  # yesterday
    yesterday = timezone.localdate() - timedelta(days=1)
    assert timezone.localtime(windows[1][0]).date() == yesterday
    assert windows[1][1] - windows[1][0] == timedelta(days=1)


def test_the_command_prints_each_mismatch_and_exits_1(shop, listed):
    payment = held_payment(shop)
    listed.append(at_stripe(payment, timezone.now()))
    today = timezone.localdate().isoformat()
    status, out, _ = run("--from", today, "--to", today, "--no-progress")
    assert status == 1
    assert "paid at Stripe, not paid in Linli" in out and payment.checkout_session_id in out
    assert out.strip().endswith("1 sessions at Stripe, 1 payments in Linli, 1 mismatches")


@pytest.mark.stripe
def test_the_command_against_stripe_mock(db, stripe_mock):
    """stripe-mock lists one fixture session, whatever the period: Linli does not know it."""
    status, out, err = run()
    assert status == 1
    assert "session unknown to Linli" in out and "cs_test_" in out
    assert "1 sessions at Stripe, 0 payments in Linli, 1 mismatches" in out
    assert "session" in err  # the progress bar
