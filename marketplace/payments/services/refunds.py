"""Refunds: recorded here first (with their idempotency key), sent to Stripe after the
commit, and counted as done only when Stripe's event says the refund succeeded."""

import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError
from marketplace.payments import gateway
from marketplace.payments.models import (
    REFUND_SETTLED,
    Payment,
    PaymentStatus,
    Refund,
    RefundReason,
    RefundStatus,
)
from marketplace.payments.money import yuan_of

log = logging.getLogger("linli.payments")


def refund_request(
    *,
    actor,
    payment: Payment,
    amount: int,
    reason: str,
    stripe_reason: str = RefundReason.REQUESTED_BY_CUSTOMER,
) -> Refund:
    """Record a refund of `amount` fen of a paid payment and send it after commit. The
    caller holds the transaction (and the lock of what the payment is for)."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.status != PaymentStatus.PAID:
        raise DomainError(_("Only a paid payment can be refunded."))
    if not isinstance(amount, int) or amount < 1:
        raise DomainError(_("A refund is at least 0.01 yuan."), field="refund_amount")
    if amount > payment.refundable:
        log.warning(
            "refund of %s refused: payment %s has %s left to refund",
            amount,
            payment.pk,
            payment.refundable,
        )
        raise DomainError(
            _("At most %(left)s yuan of this payment can still be refunded.")
            % {"left": yuan_of(payment.refundable)},
            field="refund_amount",
        )
    refund = Refund.objects.create(
        payment=payment,
        amount=amount,
        reason=str(reason)[:200],
        stripe_reason=stripe_reason,
        requested_by=actor if actor is not None and actor.is_authenticated else None,
    )
    audit_record(actor=actor, event="payments.refund.requested", target=refund, amount=amount)
    # Sent by a task after commit: with the database task queue (production) no request,
    # and no webhook answer to Stripe, waits on Stripe's refund API.
    transaction.on_commit(lambda: refund_send_task.enqueue(refund.pk))
    return refund


@task()
def refund_send_task(refund_id: int) -> None:
    refund_send(refund_id=refund_id)


def refund_send(*, refund_id: int) -> None:
    """Ask Stripe for a recorded refund (again, if a previous try's outcome is unknown:
    the same idempotency key makes it one refund). Failures are logged; payments_retry
    sends again."""
    refund = Refund.objects.select_related("payment").get(pk=refund_id)
    if refund.stripe_refund_id or refund.status in REFUND_SETTLED:
        return
    try:
        made = gateway.refund_create(
            payment_intent=refund.payment.payment_intent_id,
            amount=refund.amount,
            reason=refund.stripe_reason,
            metadata={"refund": str(refund.pk), "payment": str(refund.payment_id)},
            idempotency_key=f"linli-refund-{refund.idempotency_key}",
        )
    except gateway.GatewayError as error:
        if error.code != "gateway_refused":  # outcome unknown: payments_retry sends again
            log.warning("refund %s not sent: %s", refund.pk, error.__cause__ or error)
            return
        # Stripe refused it (already refunded, a charge it cannot refund): it will not
        # happen; staff see it failed and settle it with the resident another way.
        log.error("refund %s refused by Stripe: %s", refund.pk, error.__cause__ or error)
        with transaction.atomic():
            Payment.objects.select_for_update().get(pk=refund.payment_id)
            refund_settle(refund=Refund.objects.get(pk=refund.pk), status=RefundStatus.FAILED)
        return
    Refund.objects.filter(pk=refund.pk, stripe_refund_id=None).update(stripe_refund_id=made.id)


def refund_settle(*, refund: Refund, status: str) -> bool:
    """Apply a refund state from Stripe, only forward, so events in any order end the
    same: pending moves to any settled state; succeeded can still fail (Stripe reports
    that, rarely, for a card that cannot take the money back); failed and cancelled are
    final. Whether it changed. The caller holds the payment's lock."""
    if status == refund.status or refund.status in (RefundStatus.FAILED, RefundStatus.CANCELED):
        return False
    if refund.status == RefundStatus.SUCCEEDED:
        if status != RefundStatus.FAILED:
            return False
        Payment.objects.filter(pk=refund.payment_id).update(
            amount_refunded=F("amount_refunded") - refund.amount
        )
    if status not in RefundStatus.values:
        status = RefundStatus.PENDING  # requires_action and the like: still under way
        if refund.status == status:
            return False
    refund.status = status
    fields = ["status", "updated_at"]
    if status == RefundStatus.FAILED:
        log.error("refund %s of payment %s failed at Stripe", refund.pk, refund.payment_id)
    if status in REFUND_SETTLED:
        refund.settled_at = timezone.now()
        fields.append("settled_at")
    refund.save(update_fields=fields)
    if status == RefundStatus.SUCCEEDED:
        Payment.objects.filter(pk=refund.payment_id).update(
            amount_refunded=F("amount_refunded") + refund.amount
        )
    audit_record(actor=None, event=f"payments.refund.{status}", target=refund)
    return True
