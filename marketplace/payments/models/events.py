"""Every Stripe event received, stored once (by its id) before it is acted on."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    HANDLED = "handled", _("handled")
    IGNORED = "ignored", _("not a type Linli acts on")
    FAILED = "failed", _("handler failed: will be retried")
    UNMATCHED = "unmatched", _("for an object Linli does not know: kept for review")
    REFUSED = "refused", _("does not match Linli's records: kept for review")
    DISMISSED = "dismissed", _("reviewed and set aside by staff")


# Events staff should look at (the back office lists them under "needs attention").
ATTENTION = (EventStatus.UNMATCHED, EventStatus.REFUSED, EventStatus.FAILED)

# Events whose work is still to do (retried by payments_retry_events, and an unmatched
# one again when the payment it is about becomes known).
OUTSTANDING = (EventStatus.RECEIVED, EventStatus.FAILED, EventStatus.UNMATCHED)


class StripeEvent(models.Model):
    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(_("type"), max_length=80)
    # The object the event is about, for finding events of one payment.
    object_id = models.CharField(max_length=255, blank=True, db_index=True)
    payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    payload = models.JSONField()
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.RECEIVED
    )
    note = models.TextField(_("note"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created = models.DateTimeField(_("created at Stripe"))
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["status", "received_at"])]
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self):
        return f"{self.event_id} {self.type}"
