"""Stripe's webhook endpoint: verify the signature on the raw body, store the event by
its id, act on it once, answer quickly. Unsigned, badly signed or stale requests get
400 and change nothing; a handler failure answers 500 so Stripe sends it again (and
`payments_retry` retries it too)."""

import json
import logging

import stripe
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.payments import gateway
from marketplace.payments.services.events import event_process, event_receive

log = logging.getLogger("linli.payments")


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        gateway.event_verify(request.body, request.headers.get("Stripe-Signature"))
    except (ValueError, stripe.SignatureVerificationError) as error:
        log.warning("Stripe webhook refused: %s", error)
        return HttpResponseBadRequest("invalid signature or payload")
    row = event_receive(payload=json.loads(request.body))  # verified JSON, as sent
    try:
        status = event_process(event_pk=row.pk)
    except Exception:  # noqa: BLE001 - logged with its traceback by event_process
        return HttpResponse("handler failed; will be retried", status=500)
    return JsonResponse({"event": row.event_id, "status": status})
