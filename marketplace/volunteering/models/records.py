"""The volunteer-service record (志愿服务记录): what was served, final once approved.

Each row is written once, when organizers approve a sign-up's hours, and copies what
China's volunteer-service record rules ask a record to show (the service, the
organization that recorded it, place, date, content, hours, the recorder), so later
edits to the task cannot change a volunteer's history.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ServiceRecord(models.Model):
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer"),
        on_delete=models.PROTECT,
        related_name="service_records",
    )
    signup = models.OneToOneField(
        "volunteering.Signup",
        verbose_name=_("sign-up"),
        on_delete=models.PROTECT,
        related_name="service_record",
    )
    service_name = models.CharField(_("service"), max_length=120)
    recording_organization = models.CharField(_("recorded by organization"), max_length=120)
    place = models.CharField(_("place"), max_length=200)
    service_date = models.DateField(_("date"))
    content = models.TextField(_("content"))
    minutes = models.PositiveIntegerField(_("service minutes"))
    adjustment_reason = models.TextField(_("reason for adjusting the hours"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorder"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-service_date", "-id"]
        indexes = [models.Index(fields=["volunteer", "service_date"])]
        constraints = [models.CheckConstraint(condition=Q(minutes__gt=0), name="record_minutes")]
        verbose_name = _("volunteer-service record")
        verbose_name_plural = _("volunteer-service records")

    def __str__(self):
        return f"{self.volunteer} · {self.service_name} · {self.service_date}"

    @property
    def hours(self):
        return round(self.minutes / 60, 2)


class RecordExtract(models.Model):
    """An issued record extract (certificate). Anyone can check it by its code."""

    code = models.CharField(_("verification code"), max_length=24, unique=True)
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer"),
        on_delete=models.PROTECT,
        related_name="record_extracts",
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    records = models.ManyToManyField(ServiceRecord, related_name="extracts")
    total_minutes = models.PositiveIntegerField(_("total minutes"))
    digest = models.CharField(max_length=64)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("record extract")
        verbose_name_plural = _("record extracts")

    def __str__(self):
        return self.code

    @property
    def total_hours(self):
        return round(self.total_minutes / 60, 2)
