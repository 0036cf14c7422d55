"""The one place Linli talks to Stripe (the official `stripe` package).

Every create call carries an idempotency key stored with our row beforehand, so a retry
(ours or the client's) never makes a second session or refund. STRIPE_API_BASE points
the client at stripe-mock in tests. Webhook signatures are verified with the package's
own scheme on the raw body."""

import stripe
from django.conf import settings
from django.utils.translation import gettext as _

from marketplace.core.errors import DomainError

# Stripe's errors that mean "the outcome is unknown, try again with the same key".
TRANSIENT = (stripe.APIConnectionError, stripe.APIError, stripe.RateLimitError)
WEBHOOK_TOLERANCE_S = 300  # an event signed longer ago than this is refused (a replay)


class PaymentsOff(DomainError):
    def __init__(self):
        super().__init__(
            _("Online payment is not available on this site yet."), code="payments_off"
        )


class GatewayError(DomainError):
    """Stripe did not do what was asked; nothing was charged or refunded by this call."""


def enabled() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def client() -> stripe.StripeClient:
    if not enabled():
        raise PaymentsOff()
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    connect, read = settings.STRIPE_TIMEOUT
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses=base,
        http_client=stripe.RequestsClient(timeout=(connect, read)),
        max_network_retries=settings.STRIPE_MAX_RETRIES,
    )


def _call(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except TRANSIENT as error:
        raise GatewayError(
            _("The payment service did not answer. Please try again in a moment."),
            code="gateway_unavailable",
        ) from error
    except stripe.StripeError as error:
        raise GatewayError(
            _("The payment service refused the request: %(reason)s")
            % {"reason": error.user_message or error.__class__.__name__},
            code="gateway_refused",
        ) from error


def checkout_session_create(
    *,
    name: str,
    amount: int,
    currency: str,
    metadata: dict[str, str],
    success_url: str,
    cancel_url: str,
    expires_at: int,
    idempotency_key: str,
):
    """A Checkout Session for one item of `amount` minor units; metadata also goes on
    the PaymentIntent, so its events name our objects too."""
    params = {
        "mode": "payment",
        "currency": currency,
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": currency,
                    "unit_amount": amount,
                    "product_data": {"name": name},
                },
            }
        ],
        "metadata": metadata,
        "payment_intent_data": {"metadata": metadata},
        "client_reference_id": metadata.get("payment", ""),
        "success_url": success_url,
        "cancel_url": cancel_url,
        "expires_at": expires_at,
        # Charge in CNY as priced: with Adaptive Pricing Stripe may present and report
        # the customer's currency, which the webhook's amount check would refuse.
        "adaptive_pricing": {"enabled": False},
    }
    return _call(
        client().v1.checkout.sessions.create,
        params=params,
        options={"idempotency_key": idempotency_key},
    )


def checkout_session_expire(session_id: str, *, idempotency_key: str):
    return _call(
        client().v1.checkout.sessions.expire,
        session_id,
        options={"idempotency_key": idempotency_key},
    )


def refund_create(
    *, payment_intent: str, amount: int, reason: str, metadata: dict, idempotency_key: str
):
    return _call(
        client().v1.refunds.create,
        params={
            "payment_intent": payment_intent,
            "amount": amount,
            "reason": reason,
            "metadata": metadata,
        },
        options={"idempotency_key": idempotency_key},
    )


def checkout_sessions(*, created_from: int, created_before: int):
    """Every Checkout Session created in [created_from, created_before), page after page,
    each with its PaymentIntent and that one's latest charge (for the refunded amount).
    A failure on any page raises GatewayError."""
    params = {
        "created": {"gte": created_from, "lt": created_before},
        "limit": 100,
        "expand": ["data.payment_intent.latest_charge"],
    }
    pages = _call(client().v1.checkout.sessions.list, params=params).auto_paging_iter()
    while True:
        try:
            yield _call(next, pages)
        except StopIteration:
            return


def event_verify(payload: bytes, signature: str | None) -> stripe.Event:
    """The event in a webhook request, if its Stripe-Signature is valid and recent;
    raises ValueError (or stripe.SignatureVerificationError, a subclass of neither:
    callers catch both) otherwise."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise ValueError("STRIPE_WEBHOOK_SECRET is not set")
    return stripe.Webhook.construct_event(
        payload, signature or "", settings.STRIPE_WEBHOOK_SECRET, tolerance=WEBHOOK_TOLERANCE_S
    )
