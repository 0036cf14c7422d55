from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.core.models import TimeStampedModel
from marketplace.procurement.models.projects import DocumentKind


class BidStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Bid(TimeStampedModel):
    """An organization's bid. Until the opening, only that it exists is readable:

    the price, plan, team and attachments live in `sealed_payload` and BidAttachment,
    encrypted for the project's key (see procurement.sealing). At opening, the tender
    service decrypts them into `price`, `plan` and `team`, which are empty before.
    """

    project = models.ForeignKey(
        "procurement.Project", on_delete=models.PROTECT, related_name="bids"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("bidder"),
        on_delete=models.PROTECT,
        related_name="bids",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=BidStatus.choices)
    submitted_at = models.DateTimeField(_("submitted at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    wrapped_key = models.TextField(editable=False)
    sealed_payload = models.TextField(editable=False)
    # Filled at opening, never before.
    price = models.DecimalField(
        _("price (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True, editable=False
    )
    plan = models.TextField(_("service plan"), blank=True, editable=False)
    team = models.JSONField(_("team"), default=list, blank=True, editable=False)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organization"],
                condition=Q(status="submitted"),
                name="one_live_bid_per_organization",
            )
        ]
        verbose_name = _("bid")
        verbose_name_plural = _("bids")

    def __str__(self):
        return f"{self.organization} → {self.project}"

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None


class BidAttachment(models.Model):
    """A document of a bid, stored encrypted with the bid; its kind is public, its name
    and content are not."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    sealed_content = models.TextField(editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("bid attachment")
        verbose_name_plural = _("bid attachments")

    def __str__(self):
        return f"{self.bid} · {self.get_kind_display()}"
