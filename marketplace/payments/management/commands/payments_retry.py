from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from marketplace.payments.models import OUTSTANDING, REFUND_SETTLED, Refund, StripeEvent
from marketplace.payments.services.events import event_process
from marketplace.payments.services.refunds import refund_send

MAX_ATTEMPTS = 20  # an event failing this often is left for staff


class Command(BaseCommand):
    help = (
        "Handle again the Stripe events that failed or waited for their payment, and send "
        "the refunds Stripe has not confirmed receiving. Safe to repeat (cron: every minute)."
    )

    def handle(self, *args, **options):
        handled = failed = 0
        waiting = StripeEvent.objects.filter(status__in=OUTSTANDING, attempts__lt=MAX_ATTEMPTS)
        for pk in waiting.order_by("created", "pk").values_list("pk", flat=True):
            try:
                event_process(event_pk=pk)
                handled += 1
            except Exception:  # noqa: BLE001 - recorded on the event, logged
                failed += 1
        # A refund whose send failed or was interrupted (not one just being sent).
        unsent = Refund.objects.filter(
            stripe_refund_id=None, created_at__lt=timezone.now() - timedelta(seconds=30)
        ).exclude(status__in=REFUND_SETTLED)
        refunds = 0
        for pk in unsent.values_list("pk", flat=True):
            refund_send(refund_id=pk)
            refunds += 1
        if options["verbosity"]:
            self.stdout.write(
                f"events: {handled} processed, {failed} failed; refunds sent again: {refunds}"
            )
