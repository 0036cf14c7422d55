"""Donations (慈善捐赠) to a community project page."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.core.models import TimeStampedModel


class DonationStatus(models.TextChoices):
    PENDING = "pending", _("awaiting payment")
    RECEIVED = "received", _("received")
    EXPIRED = "expired", _("not paid")
    REFUNDED = "refunded", _("refunded")


class Donation(TimeStampedModel):
    """A gift to a project (a CMS page), received only when Stripe's signed webhook says
    the payment succeeded. The receipt is reached by `receipt_key`, not by the id."""

    project = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="donations",
    )
    donor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("donor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="donations",
    )
    donor_name = models.CharField(_("name shown"), max_length=60)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    message = models.CharField(_("message"), max_length=200, blank=True)
    amount = models.PositiveIntegerField(_("amount (fen)"))
    status = models.CharField(
        _("status"), max_length=12, choices=DonationStatus.choices, default=DonationStatus.PENDING
    )
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    receipt_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["project", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=1), name="donation_amount_positive"
            )
        ]
        verbose_name = _("donation")
        verbose_name_plural = _("donations")

    def __str__(self):
        return f"#{self.pk} {self.donor_name}"

    @property
    def shown_name(self) -> str:
        return str(_("Anonymous donor")) if self.anonymous else self.donor_name
