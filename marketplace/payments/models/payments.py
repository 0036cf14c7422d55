"""Money that moves through Stripe: a payment per Checkout Session, and its refunds.

Amounts are integers of fen (CNY minor units), never floats."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from marketplace.core.models import TimeStampedModel


class PaymentStatus(models.TextChoices):
    OPEN = "open", _("awaiting payment")
    PAID = "paid", _("paid")
    EXPIRED = "expired", _("expired unpaid")
    FAILED = "failed", _("payment failed")


class Payment(TimeStampedModel):
    """One Checkout Session, for a booking or a donation. `status` moves only on signed
    Stripe events; the platform fee and the provider's share are fixed when it is made."""

    booking = models.ForeignKey(
        "payments.Booking",
        verbose_name=_("booking"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
    )
    donation = models.ForeignKey(
        "payments.Donation",
        verbose_name=_("donation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
    )
    amount = models.PositiveIntegerField(_("amount (fen)"))
    currency = models.CharField(_("currency"), max_length=3, default="cny")
    platform_fee = models.PositiveIntegerField(_("platform fee (fen)"))
    provider_share = models.PositiveIntegerField(_("provider's share (fen)"))
    amount_refunded = models.PositiveIntegerField(_("refunded (fen)"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.OPEN
    )
    # Sent with the create call: a retry of the same attempt makes no second session.
    idempotency_key = models.CharField(max_length=80, unique=True)
    checkout_session_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    checkout_url = models.URLField(max_length=2000, blank=True)
    # When the Checkout Session ends at Stripe: fixed at the first attempt, so a retry
    # sends the same parameters under the same idempotency key.
    session_expires_at = models.DateTimeField(null=True, blank=True)
    payment_intent_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(booking__isnull=False, donation__isnull=True)
                | Q(booking__isnull=True, donation__isnull=False),
                name="payment_for_one_thing",
            ),
            models.CheckConstraint(condition=Q(amount__gte=1), name="payment_amount_positive"),
            models.CheckConstraint(
                condition=Q(platform_fee__lte=F("amount"))
                & Q(provider_share=F("amount") - F("platform_fee")),
                name="payment_split_adds_up",
            ),
            models.CheckConstraint(
                condition=Q(amount_refunded__lte=F("amount")), name="payment_refunds_bounded"
            ),
        ]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self):
        return f"{self.checkout_session_id or self.idempotency_key}"

    @property
    def refundable(self) -> int:
        """What may still be refunded (fen): paid, less the refunds made or under way.
        Reads prefetched refunds when there are (no query per payment on lists)."""
        if self.status != PaymentStatus.PAID:
            return 0
        undone = (RefundStatus.FAILED, RefundStatus.CANCELED)
        return self.amount - sum(r.amount for r in self.refunds.all() if r.status not in undone)


class RefundStatus(models.TextChoices):
    PENDING = "pending", _("under way")
    SUCCEEDED = "succeeded", _("refunded")
    FAILED = "failed", _("failed")
    CANCELED = "canceled", _("cancelled")


# Stripe's refund states, from under way to settled: a later event never moves back.
REFUND_SETTLED = (RefundStatus.SUCCEEDED, RefundStatus.FAILED, RefundStatus.CANCELED)


class RefundReason(models.TextChoices):
    """Stripe's own refund reasons."""

    REQUESTED_BY_CUSTOMER = "requested_by_customer", _("requested by the resident")
    DUPLICATE = "duplicate", _("duplicate payment")
    FRAUDULENT = "fraudulent", _("fraudulent")


class Refund(TimeStampedModel):
    """Money going back. Made by Linli (then `requested_by` is set) or, in the Stripe
    Dashboard, learnt from its events. Counts as done only when Stripe says succeeded."""

    payment = models.ForeignKey(
        Payment, verbose_name=_("payment"), on_delete=models.PROTECT, related_name="refunds"
    )
    amount = models.PositiveIntegerField(_("amount (fen)"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    stripe_reason = models.CharField(
        max_length=24, choices=RefundReason.choices, default=RefundReason.REQUESTED_BY_CUSTOMER
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RefundStatus.choices, default=RefundStatus.PENDING
    )
    idempotency_key = models.CharField(max_length=80, unique=True, default=uuid.uuid4)
    stripe_refund_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=1), name="refund_amount_positive")
        ]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")

    def __str__(self):
        return f"{self.stripe_refund_id or self.idempotency_key}"
