"""Reads for a project page's donations and a donation's receipt. Amounts stay integers
of fen here; pages show them through yuan_of."""

from django.db.models import Count, F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Page

from marketplace.payments.models import (
    Donation,
    DonationStatus,
    Payment,
    PaymentStatus,
    Refund,
    RefundStatus,
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
