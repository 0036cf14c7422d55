"""Reads for the residents' booking pages (upcoming slots of offerings, a resident's
bookings, and what a resident may still do with one: pay, cancel, and the refund that
would follow), for a project page's donations and for a donation's receipt. Amounts stay
integers of fen here; pages show them through yuan_of."""

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Paginator
from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Page

from marketplace.core.errors import NotFound
from marketplace.payments import gateway
from marketplace.payments.models import (
    PLACE_HOLDING,
    Booking,
    BookingSlot,
    BookingStatus,
    Donation,
    DonationStatus,
    Payment,
    PaymentStatus,
    Refund,
    RefundStatus,
)
from marketplace.payments.money import fen_of, yuan_of

SLOTS_SHOWN = 12  # upcoming slots listed per offering on a provider's page


def offering_list_with_slots(*, offerings: QuerySet, user) -> list:
    """The offerings, each with its next SLOTS_SHOWN slots (`upcoming_slots`, each with
    `my_booking_id`: the user's booking holding a place of it, or None), `is_free`,
    `price_yuan` and `payment_unavailable` (priced while online payment is off).
    Two queries, however many offerings and slots."""
    slots = BookingSlot.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at", "pk")
    if user.is_authenticated:
        mine = Booking.objects.filter(
            slot=OuterRef("pk"), resident=user, status__in=PLACE_HOLDING
        ).values("pk")[:1]
        slots = slots.annotate(my_booking_id=Subquery(mine))
    else:
        slots = slots.annotate(my_booking_id=Value(None, output_field=IntegerField()))
    offerings = list(
        offerings.prefetch_related(
            Prefetch("slots", queryset=slots[:SLOTS_SHOWN], to_attr="upcoming_slots")
        )
    )
    payments_on = gateway.enabled()
    for offering in offerings:
        fen = fen_of(offering.price) if offering.price else 0
        offering.is_free = fen == 0
        offering.price_yuan = yuan_of(fen)
        offering.payment_unavailable = not offering.is_free and not payments_on
    return offerings


def booking_list(*, user) -> QuerySet[Booking]:
    """The user's own bookings, newest first, with `paid` and `refunded` (fen) summed
    from their payments."""
    if not user.is_authenticated:
        return Booking.objects.none()
    return (
        Booking.objects.filter(resident=user)
        .select_related("slot__offering__organization")
        .annotate(
            paid=Coalesce(
                Sum("payments__amount", filter=Q(payments__status=PaymentStatus.PAID)), 0
            ),
            refunded=Coalesce(Sum("payments__amount_refunded"), 0),
        )
        .order_by("-created_at", "-pk")
    )


def booking_get(*, user, pk: int) -> Booking:
    """The user's own booking with its payments and their refunds; 404 for anyone else's."""
    if not user.is_authenticated:
        raise NotFound
    payments = Payment.objects.prefetch_related("refunds").order_by("created_at", "pk")
    booking = (
        Booking.objects.filter(resident=user, pk=pk)
        .select_related("slot__offering__organization")
        .prefetch_related(Prefetch("payments", queryset=payments))
        .first()
    )
    if booking is None:
        raise NotFound
    return booking


@dataclass(frozen=True)
class BookingTerms:
    """What a resident may do with their booking now, and the amounts (fen) involved."""

    active: bool  # holds a place (held or confirmed)
    cancel_hours: int
    cancel_deadline: datetime
    can_cancel: bool  # active and the free cancellation period is not over
    refund_on_cancel: int  # refunded in full if the resident cancels now
    paid: int
    refunded: int
    refund_pending: int
    can_pay: bool  # held, time to pay not over, not paid yet, payments on
    hold_over: bool  # held, but the time to pay ran out
    payments_off: bool  # held, but online payment is off


def booking_terms(booking: Booking, *, now: datetime | None = None) -> BookingTerms:
    """The terms of a booking from booking_get (its payments and refunds prefetched)."""
    now = now or timezone.now()
    offering = booking.slot.offering
    deadline = booking.slot.free_cancellation_until
    active = booking.status in PLACE_HOLDING
    payments = list(booking.payments.all())
    paid = [p for p in payments if p.status == PaymentStatus.PAID]
    pending = sum(
        r.amount for p in payments for r in p.refunds.all() if r.status == RefundStatus.PENDING
    )
    held = booking.status == BookingStatus.HELD
    hold_over = held and (booking.hold_expires_at is None or booking.hold_expires_at <= now)
    payments_on = gateway.enabled()
    return BookingTerms(
        active=active,
        cancel_hours=offering.cancel_hours,
        cancel_deadline=deadline,
        can_cancel=active and now <= deadline,
        refund_on_cancel=sum(p.refundable for p in paid),
        paid=sum(p.amount for p in paid),
        refunded=sum(p.amount_refunded for p in payments),
        refund_pending=pending,
        can_pay=held and not hold_over and not paid and payments_on,
        hold_over=hold_over,
        payments_off=held and not payments_on,
    )


def project_donations_received(project: Page):
    """The donations received for a project, newest first (what the donor list shows:
    `shown_name`, never `donor_name`, for an anonymous one)."""
    return (
        Donation.objects.filter(project_id=project.pk, status=DonationStatus.RECEIVED)
        .only("donor_name", "anonymous", "message", "amount", "received_at", "created_at")
        .order_by("-received_at", "-pk")
    )


def project_totals(project: Page) -> dict:
    """{"total": fen received, "count": donations received} for a project."""
    # What was paid less what goes back: refunds done or under way (a partial refund, a
    # second payment of one donation being returned) lower the total.
    going_back = (
        Refund.objects.filter(payment=OuterRef("pk"))
        .exclude(status__in=(RefundStatus.FAILED, RefundStatus.CANCELED))
        .values("payment")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    totals = (
        Payment.objects.filter(
            donation__project_id=project.pk,
            donation__status=DonationStatus.RECEIVED,
            status=PaymentStatus.PAID,
        )
        .annotate(back=Coalesce(Subquery(going_back), 0))
        .aggregate(total=Sum(F("amount") - F("back")), count=Count("donation", distinct=True))
    )
    return {"total": totals["total"] or 0, "count": totals["count"]}


def donation_by_receipt_key(receipt_key):
    return Donation.objects.select_related("project").filter(receipt_key=receipt_key).first()


def receipt_number(donation: Donation) -> str:
    """The number printed on a received donation's receipt: LL-D-<year>-<id, 6 digits>."""
    when = timezone.localtime(donation.received_at or donation.created_at)
    return f"LL-D-{when.year}-{donation.pk:06d}"


DONORS_PER_PAGE = 30


def project_page_summary(project: Page, *, page_number) -> dict:
    """What a project page shows besides its text: the total received, the progress
    towards the goal, one page of donors (newest first, anonymous ones unnamed) and
    whether it takes donations online now (`taking`)."""
    totals = project_totals(project)
    goal_fen = fen_of(project.goal) if project.goal else None
    donors = Paginator(project_donations_received(project), DONORS_PER_PAGE).get_page(page_number)
    payments_on = gateway.enabled()
    return {
        "payments_on": payments_on,
        "taking": payments_on and project.accepts_donations,
        "total": yuan_of(totals["total"]),
        "donation_count": totals["count"],
        "goal": yuan_of(goal_fen) if goal_fen else None,
        "percent": min(100, totals["total"] * 100 // goal_fen) if goal_fen else None,
        "page_obj": donors,
        # Only what the public may see: never the name of an anonymous donor.
        "donors": [
            {
                "name": d.shown_name,
                "amount": yuan_of(d.amount),
                "message": d.message,
                "when": d.received_at or d.created_at,
            }
            for d in donors
        ],
    }
