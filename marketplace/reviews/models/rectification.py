"""Bad-review rectification (差评整改): the provider answers within a deadline."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from marketplace.core.models import TimeStampedModel
from marketplace.reviews.states import is_case_provider, is_reviewer


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Awaiting the provider's answer")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class RectificationCase(TimeStampedModel):
    """Opened by a 不满意 or 非常不满意 review; the provider states what was fixed."""

    review = models.OneToOneField(
        "reviews.Review",
        verbose_name=_("review"),
        on_delete=models.CASCADE,
        related_name="rectification",
    )
    status = FSMField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    due_at = models.DateTimeField(_("answer due"))
    answer = models.TextField(_("answer"), blank=True)
    fixed = models.TextField(_("what was fixed"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # Set when the deadline passed without an answer: staff were told, and it
    # counts against the provider's credit even if answered later.
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["status", "due_at"])]
        verbose_name = _("rectification case")
        verbose_name_plural = _("rectification cases")

    def __str__(self):
        return str(self.review)

    # The transition table; who may make each move is in states.py.
    @transition(
        field=status,
        source=CaseStatus.OPEN,
        target=CaseStatus.ANSWERED,
        permission=is_case_provider,
    )
    def answer_case(self):
        pass

    @transition(
        field=status, source=CaseStatus.ANSWERED, target=CaseStatus.CLOSED, permission=is_reviewer
    )
    def accept(self):
        pass

    # Closed by the system: the reviewer revised the rating, staff removed the review as
    # abusive, or an answered case went unacknowledged (see services/rectification.py).
    @transition(
        field=status, source=[CaseStatus.OPEN, CaseStatus.ANSWERED], target=CaseStatus.CLOSED
    )
    def close(self):
        pass
