from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, transition

from marketplace.core.fields import latitude_field, longitude_field
from marketplace.core.models import TimeStampedModel
from marketplace.hotline.states import is_request_resident, is_request_staff, is_resident_or_staff


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("request status", "Submitted")
    ACCEPTED = "accepted", pgettext_lazy("request status", "Accepted")
    RESOLVED = "resolved", pgettext_lazy("request status", "Resolved")
    CLOSED = "closed", pgettext_lazy("request status", "Closed")
    REJECTED = "rejected", pgettext_lazy("request status", "Not within remit")
    WITHDRAWN = "withdrawn", pgettext_lazy("request status", "Withdrawn")


S = RequestStatus
OPEN_STATUSES = [S.SUBMITTED, S.ACCEPTED]
# Finished requests a resident may rate the handling of (a refusal is handling too).
SERVED_STATUSES = [S.RESOLVED, S.CLOSED, S.REJECTED]


class EscalationReason(models.TextChoices):
    LATE_RESPONSE = "late_response", _("Not accepted in time")
    LATE_RESOLUTION = "late_resolution", _("Not resolved in time")


class Request(TimeStampedModel):
    """A resident's request (诉求, 接诉即办), routed to their home community's staff."""

    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="hotline_requests",
    )
    community = models.ForeignKey(
        "regions.Region",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="resident_requests",
        limit_choices_to={"level": "community"},
    )
    category = models.ForeignKey(
        "hotline.RequestCategory", verbose_name=_("category"), on_delete=models.PROTECT
    )
    text = models.TextField(_("what is the matter"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    latitude = latitude_field(null=True, blank=True)
    longitude = longitude_field(null=True, blank=True)
    about_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("complaint about"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        help_text=_("The service provider this request complains about, if any."),
    )
    status = FSMField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=S.SUBMITTED
    )
    respond_by = models.DateTimeField(_("accept by"))
    resolve_by = models.DateTimeField(_("resolve by"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolution = models.TextField(_("resolution"), blank=True)
    upheld = models.BooleanField(_("complaint upheld"), null=True, blank=True)
    reject_reason = models.TextField(_("why it is not within remit"), blank=True)
    escalated_at = models.DateTimeField(_("escalated to the street at"), null=True, blank=True)
    escalation_reason = models.CharField(
        _("escalation reason"), max_length=16, choices=EscalationReason.choices, blank=True
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "community"]),
            models.Index(fields=["resident", "-created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolve_by__gte=models.F("respond_by")),
                name="request_deadlines_order",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="request_text_not_blank"),
        ]
        verbose_name = _("resident request")
        verbose_name_plural = _("resident requests")

    def __str__(self):
        return Truncator(self.text).chars(40)

    @property
    def next_deadline(self):
        """The deadline the request is working to now: accept, then resolve."""
        if self.status == S.SUBMITTED:
            return self.respond_by
        if self.status == S.ACCEPTED:
            return self.resolve_by
        return None

    def is_overdue(self, now=None) -> bool:
        deadline = self.next_deadline
        return deadline is not None and (now or timezone.now()) > deadline

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    # The transition table. Sources and targets here; roles in states.py.
    @transition(field=status, source=S.SUBMITTED, target=S.ACCEPTED, permission=is_request_staff)
    def accept(self):
        pass

    @transition(field=status, source=S.ACCEPTED, target=S.RESOLVED, permission=is_request_staff)
    def resolve(self):
        pass

    @transition(field=status, source=S.RESOLVED, target=S.CLOSED, permission=is_resident_or_staff)
    def close(self):
        pass

    @transition(field=status, source=S.SUBMITTED, target=S.REJECTED, permission=is_request_staff)
    def reject(self):
        pass

    @transition(
        field=status, source=S.SUBMITTED, target=S.WITHDRAWN, permission=is_request_resident
    )
    def withdraw(self):
        pass


def photo_path(photo, filename: str) -> str:
    stamp = timezone.now()
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"hotline/{stamp:%Y/%m}/{photo.request_id}-{stamp:%d%H%M%S%f}.{extension}"


class RequestPhoto(models.Model):
    """A photo the resident attached when filing (a few at most, checked on upload)."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=photo_path)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("request photo")
        verbose_name_plural = _("request photos")

    def __str__(self):
        return self.image.name


class EventKind(models.TextChoices):
    FILED = "filed", _("Filed")
    ACCEPTED = "accepted", _("Accepted by community staff")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Not within remit")
    WITHDRAWN = "withdrawn", _("Withdrawn by the resident")
    ESCALATED = "escalated", _("Escalated to the street")


class RequestEvent(models.Model):
    """One step of a request's timeline, as the resident sees it: who, what, when, note."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what"), max_length=12, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("request event")
        verbose_name_plural = _("request events")

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"
