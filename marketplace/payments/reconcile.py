"""Reconciliation: Stripe's Checkout Sessions of a period against Linli's payments.

`compare` is the pure part (plain dicts in, mismatches out); `reconcile` fetches both
sides for [start, end) and compares them. It only reads: a mismatch is for staff to
look into (a missed webhook is fixed by Stripe resending it or `payments_retry`).

Which rows are compared: every session Stripe lists as created in the period, and every
Linli payment created in it, plus the payments of the listed sessions whatever their
own creation time. A payment is created a moment before its session, so one made just
before `end` may have its session in the next period: sessions of [end, end + SLACK)
are fetched too, only to leave such payments to the next period's run.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from marketplace.payments import gateway
from marketplace.payments.models import Payment, PaymentStatus

SLACK = timedelta(minutes=10)
CHUNK = 500  # session ids per database query
PAYMENT_FIELDS = ("id", "checkout_session_id", "status", "amount", "currency", "amount_refunded")


class Kind(StrEnum):
    PAID_AT_STRIPE_ONLY = "paid_at_stripe_only"
    PAID_IN_LINLI_ONLY = "paid_in_linli_only"
    AMOUNT_DIFFERS = "amount_differs"
    REFUND_DIFFERS = "refund_differs"
    OPEN_IN_LINLI = "open_in_linli"
    UNKNOWN_SESSION = "unknown_session"
    NOT_LISTED = "not_listed_at_stripe"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    Kind.PAID_AT_STRIPE_ONLY: "paid at Stripe, not paid in Linli",
    Kind.PAID_IN_LINLI_ONLY: "paid in Linli, not paid at Stripe",
    Kind.AMOUNT_DIFFERS: "amount or currency differ",
    Kind.REFUND_DIFFERS: "refunded amounts differ",
    Kind.OPEN_IN_LINLI: "expired at Stripe, still open in Linli",
    Kind.UNKNOWN_SESSION: "session unknown to Linli",
    Kind.NOT_LISTED: "Linli payment not listed by Stripe",
}


@dataclass(frozen=True)
class Mismatch:
    kind: Kind
    session_id: str
    payment_id: int | None
    stripe: str  # what Stripe says
    linli: str  # what Linli says


@dataclass(frozen=True)
class Report:
    sessions: int
    payments: int
    mismatches: list[Mismatch]


# --- the comparison ------------------------------------------------------------------------
def compare(sessions: Iterable[Mapping], payments: Iterable[Mapping]) -> list[Mismatch]:
    """Mismatches between Stripe's sessions and Linli's payments (dicts with the keys
    of PAYMENT_FIELDS), in the order of the sessions, then the payments left over."""
    payments = list(payments)
    by_session = {p["checkout_session_id"]: p for p in payments if p["checkout_session_id"]}
    without_session = {str(p["id"]): p for p in payments if not p["checkout_session_id"]}
    matched, found = set(), []
    for session in sessions:
        named = (session.get("metadata") or {}).get("payment")
        payment = by_session.get(session["id"]) or without_session.get(str(named))
        if payment is None:
            found.append(_row(Kind.UNKNOWN_SESSION, session, None))
            continue
        matched.add(payment["id"])
        found.extend(_compare_pair(session, payment))
    for payment in payments:
        reached_stripe = payment["checkout_session_id"] or payment["status"] == PaymentStatus.PAID
        if payment["id"] not in matched and reached_stripe:
            found.append(_row(Kind.NOT_LISTED, None, payment))
    return found


def _compare_pair(session: Mapping, payment: Mapping) -> list[Mismatch]:
    found = []
    stripe_paid = session.get("payment_status") == "paid"
    linli_paid = payment["status"] == PaymentStatus.PAID
    if stripe_paid and not linli_paid:
        found.append(_row(Kind.PAID_AT_STRIPE_ONLY, session, payment))
    elif linli_paid and not stripe_paid:
        found.append(_row(Kind.PAID_IN_LINLI_ONLY, session, payment))
    elif session.get("status") == "expired" and payment["status"] == PaymentStatus.OPEN:
        found.append(_row(Kind.OPEN_IN_LINLI, session, payment))
    currency = (session.get("currency") or "").lower()
    if (session.get("amount_total"), currency) != (payment["amount"], payment["currency"]):
        found.append(_row(Kind.AMOUNT_DIFFERS, session, payment))
    refunded = stripe_refunded(session)
    if refunded is not None and refunded != payment["amount_refunded"]:
        found.append(_row(Kind.REFUND_DIFFERS, session, payment))
    return found


def stripe_refunded(session: Mapping) -> int | None:
    """What Stripe says was refunded of a session's payment, when the session carries it:
    a listed session does not, unless its payment intent's latest charge was expanded
    (`data.payment_intent.latest_charge`)."""
    if isinstance(session.get("amount_refunded"), int):
        return session["amount_refunded"]
    intent = session.get("payment_intent")
    charge = intent.get("latest_charge") if isinstance(intent, Mapping) else None
    refunded = charge.get("amount_refunded") if isinstance(charge, Mapping) else None
    return refunded if isinstance(refunded, int) else None


def _row(kind: Kind, session: Mapping | None, payment: Mapping | None) -> Mismatch:
    return Mismatch(
        kind=kind,
        session_id=(session or {}).get("id") or (payment or {}).get("checkout_session_id") or "",
        payment_id=payment["id"] if payment else None,
        stripe=_stripe_says(session) if session else "not listed",
        linli=_linli_says(payment) if payment else "unknown",
    )


def _stripe_says(session: Mapping) -> str:
    text = (
        f"{session.get('payment_status') or '?'}/{session.get('status') or '?'} "
        f"{_money(session.get('amount_total'), session.get('currency'))}"
    )
    refunded = stripe_refunded(session)
    return text + (f" refunded {refunded}" if refunded is not None else "")


def _linli_says(payment: Mapping) -> str:
    text = f"{payment['status']} {_money(payment['amount'], payment['currency'])}"
    return text + (f" refunded {payment['amount_refunded']}" if payment["amount_refunded"] else "")


def _money(amount, currency) -> str:
    return f"{'?' if amount is None else amount} {(currency or '?').upper()}"


# --- fetching both sides ---------------------------------------------------------------------
def reconcile(
    *,
    start: datetime,
    end: datetime,
    progress: Callable[[Iterator], Iterable] | None = None,
) -> Report:
    """Compare the Checkout Sessions Stripe lists as created in [start, end) (aware
    datetimes) with Linli's payments of the period. `progress` wraps the paging
    iterator (a progress bar). Raises PaymentsOff, or GatewayError if Stripe fails."""
    if not gateway.enabled():
        raise gateway.PaymentsOff()
    listed = _sessions(start, end)
    sessions = _drain(progress(listed) if progress else listed)
    window = list(
        Payment.objects.filter(created_at__gte=start, created_at__lt=end).values(*PAYMENT_FIELDS)
    )
    known = {p["id"] for p in window}
    payments = window + [p for p in _payments_of(s["id"] for s in sessions) if p["id"] not in known]
    later = _later_session_ids(end, payments, {s["id"] for s in sessions})
    payments = [p for p in payments if p["checkout_session_id"] not in later]
    return Report(
        sessions=len(sessions), payments=len(payments), mismatches=compare(sessions, payments)
    )


def _sessions(start: datetime, end: datetime) -> Iterator:
    return gateway.checkout_sessions(
        created_from=int(start.timestamp()), created_before=int(end.timestamp())
    )


def _drain(pages: Iterable) -> list[dict]:
    return [_plain(s) for s in pages]


def _later_session_ids(end: datetime, payments: list[dict], listed: set[str]) -> set[str]:
    """The sessions, among those of payments made just before `end` that Stripe did not
    list, that were created after `end` (they belong to the next period)."""
    edge = {
        p["checkout_session_id"]
        for p in payments
        if p["checkout_session_id"] and p["checkout_session_id"] not in listed
    }
    if not edge:
        return set()
    return {s["id"] for s in _drain(_sessions(end, end + SLACK)) if s["id"] in edge}


def _payments_of(session_ids: Iterable[str]) -> list[dict]:
    ids, found = list(session_ids), []
    for i in range(0, len(ids), CHUNK):
        chunk = Payment.objects.filter(checkout_session_id__in=ids[i : i + CHUNK])
        found.extend(chunk.values(*PAYMENT_FIELDS))
    return found


def _plain(session) -> dict:
    return session.to_dict() if hasattr(session, "to_dict") else dict(session)
