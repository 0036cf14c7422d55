"""Satisfaction surveys (满意度调查) a community runs among its residents."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, transition

from marketplace.core.models import TimeStampedModel
from marketplace.surveys.states import is_survey_manager


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("survey status", "Draft")
    OPEN = "open", pgettext_lazy("survey status", "Open")
    CLOSED = "closed", pgettext_lazy("survey status", "Closed")


S = SurveyStatus


class Survey(TimeStampedModel):
    """One survey of one community. Questions change only while it is a draft; residents
    answer while it is open; the results are aggregates for staff."""

    community = models.ForeignKey(
        "regions.Region",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="surveys",
        limit_choices_to={"level": "community"},
    )
    title = models.CharField(_("title"), max_length=120)
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Why the community asks, and how the answers will be used."),
    )
    status = FSMField(_("status"), max_length=8, choices=SurveyStatus.choices, default=S.DRAFT)
    opens_at = models.DateTimeField(_("opened at"), null=True, blank=True, editable=False)
    closes_at = models.DateTimeField(
        _("answers accepted until"),
        null=True,
        blank=True,
        help_text=_("Leave empty to take answers until staff close the survey."),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["community", "status"]),
            models.Index(fields=["opens_at"]),
        ]
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")

    def __str__(self):
        return self.title

    # The transition table. Sources and targets here; roles in states.py.
    @transition(field=status, source=S.DRAFT, target=S.OPEN, permission=is_survey_manager)
    def open(self):
        pass

    @transition(field=status, source=S.OPEN, target=S.CLOSED, permission=is_survey_manager)
    def close(self):
        pass


class QuestionKind(models.TextChoices):
    SATISFACTION = "satisfaction", _("Five-point satisfaction scale")
    SCALE_10 = "scale10", _("Scale from 0 to 10")
    CHOICE = "choice", _("Single choice")
    TEXT = "text", _("Free text")


class SatisfactionLevel(models.IntegerChoices):
    """The five levels of the national 好差评 scale, best first."""

    VERY_SATISFIED = 5, _("Very satisfied")
    SATISFIED = 4, _("Satisfied")
    FAIRLY_SATISFIED = 3, _("Fairly satisfied")
    DISSATISFIED = 2, _("Dissatisfied")
    VERY_DISSATISFIED = 1, _("Very dissatisfied")


SATISFIED_LEVELS = (SatisfactionLevel.VERY_SATISFIED, SatisfactionLevel.SATISFIED)
SCALE_10_RANGE = range(0, 11)
MAX_OPTIONS_PER_QUESTION = 10


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind of answer"), max_length=12, choices=QuestionKind.choices)
    options = models.JSONField(
        _("options"), default=list, blank=True, help_text=_("For a single-choice question.")
    )
    required = models.BooleanField(_("answer required"), default=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "position"], name="survey_question_position_unique"
            )
        ]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text

    def allowed_values(self) -> list[int]:
        """The numbers an answer may hold: levels, 0–10, or option indexes."""
        if self.kind == QuestionKind.SATISFACTION:
            return list(SatisfactionLevel.values)
        if self.kind == QuestionKind.SCALE_10:
            return list(SCALE_10_RANGE)
        if self.kind == QuestionKind.CHOICE:
            return list(range(len(self.options)))
        return []

    def value_choices(self) -> list[tuple[int, str]]:
        """(value, label) pairs for the answer form, in the order people read them."""
        if self.kind == QuestionKind.SATISFACTION:
            return [(level.value, level.label) for level in SatisfactionLevel]
        if self.kind == QuestionKind.SCALE_10:
            return [(n, str(n)) for n in SCALE_10_RANGE]
        if self.kind == QuestionKind.CHOICE:
            return list(enumerate(self.options))
        return []


# Referenced by the Answer check constraint below and by migrations.
ANSWER_VALUE_RANGE = Q(value__isnull=True) | Q(
    value__gte=0, value__lte=max(MAX_OPTIONS_PER_QUESTION, 10)
)
