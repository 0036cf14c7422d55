"""One resident's answers to one survey. Results are only ever shown as aggregates."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.surveys.models.surveys import ANSWER_VALUE_RANGE, Question, Survey


class Response(models.Model):
    """A resident answered a survey: once, backed by a unique constraint."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="survey_responses",
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "resident"], name="survey_one_response_per_resident"
            )
        ]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self):
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    """The answer to one question: a number (level, 0–10, option index) or a text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.PositiveSmallIntegerField(_("value"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["question__position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="survey_one_answer_per_question"
            ),
            models.CheckConstraint(condition=ANSWER_VALUE_RANGE, name="survey_answer_value_range"),
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return f"{self.question_id}: {self.value if self.value is not None else self.text}"
