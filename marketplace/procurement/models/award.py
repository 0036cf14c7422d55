from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Award(models.Model):
    """The award decision, with the evaluation report as it stood when it was made."""

    project = models.OneToOneField(
        "procurement.Project", on_delete=models.PROTECT, related_name="award"
    )
    bid = models.OneToOneField(
        "procurement.Bid", verbose_name=_("winning bid"), on_delete=models.PROTECT, related_name="+"
    )
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    awarded_at = models.DateTimeField(_("awarded at"), auto_now_add=True)
    standstill_ends_at = models.DateTimeField(_("objections accepted until"))
    report = models.JSONField(_("evaluation report"))

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self):
        return f"{self.project} → {self.bid.organization}"


class Objection(models.Model):
    """A bidder's objection (质疑) to the award, and the purchaser's answer."""

    project = models.ForeignKey(
        "procurement.Project", on_delete=models.PROTECT, related_name="objections"
    )
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("objecting bidder"), on_delete=models.PROTECT
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("objection"))
    filed_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    upheld = models.BooleanField(_("upheld"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["filed_at", "id"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self):
        return f"{self.organization} · {self.project}"


class Clarification(models.Model):
    """A bidder's question about the tender and the purchaser's answer, published to
    every bidder alike (the asker's name is not shown)."""

    project = models.ForeignKey(
        "procurement.Project", on_delete=models.CASCADE, related_name="clarifications"
    )
    question = models.TextField(_("question"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "id"]
        verbose_name = _("clarification")
        verbose_name_plural = _("clarifications")

    def __str__(self):
        return self.question[:60]
