"""Residents answering a survey: once each, while it is open, every value in range.

The survey's row lock serializes answers to it (and orders them against closing); the
unique constraint on (survey, resident) backs the once-only rule in the database.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.models import ResidentProfile
from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.surveys.models import (
    Answer,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyStatus,
)
from marketplace.surveys.services.common import locked_survey

MAX_TEXT = 2000


@transaction.atomic
def response_submit(*, actor, survey: Survey, answers: dict) -> Response:
    """Record a resident's answers: `answers` maps a question id to its value (a number
    for scales and choices, text for free text; empty or absent for unanswered)."""
    survey = locked_survey(survey)
    _check_resident(actor, survey)
    _check_open(survey)
    if Response.objects.filter(survey=survey, resident=actor).exists():
        raise DomainError(_("You have already answered this survey."), code="already_answered")
    questions = list(survey.questions.all())
    unknown = set(answers) - {q.pk for q in questions}
    if unknown:
        raise DomainError(_("Some answers are for questions this survey does not ask."))
    rows = [row for q in questions if (row := _answer(q, answers.get(q.pk))) is not None]
    try:
        with transaction.atomic():
            response = Response.objects.create(survey=survey, resident=actor)
    except IntegrityError as error:  # the constraint backs the check above
        raise DomainError(
            _("You have already answered this survey."), code="already_answered"
        ) from error
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    # Who answered is audited; what they answered is not.
    audit_record(actor=actor, event="surveys.response.submitted", target=survey)
    return response


def _check_resident(actor, survey: Survey) -> None:
    community_id = (
        ResidentProfile.objects.filter(user_id=actor.pk)
        .values_list("community_id", flat=True)
        .first()
        if actor.is_authenticated
        else None
    )
    if community_id != survey.community_id:
        raise NotPermitted(
            _("Only residents registered in %(community)s can answer this survey.")
            % {"community": survey.community.name}
        )


def _check_open(survey: Survey) -> None:
    if survey.status != SurveyStatus.OPEN:
        raise DomainError(_("This survey is not taking answers."), code="not_open")
    if survey.closes_at is not None and survey.closes_at <= timezone.now():
        raise DomainError(_("The deadline for answers has passed."), code="not_open")


def _answer(question: Question, raw) -> Answer | None:
    """The answer row for `raw`, None if left empty (refused if it was required)."""
    empty = raw is None or (isinstance(raw, str) and not raw.strip())
    if empty:
        if question.required:
            raise DomainError(
                _("Please answer “%(question)s”.") % {"question": question.text},
                field=f"q{question.pk}",
                code="required",
            )
        return None
    if question.kind == QuestionKind.TEXT:
        text = str(raw).strip()
        if len(text) > MAX_TEXT:
            raise DomainError(
                _("The answer to “%(question)s” is longer than %(n)s characters.")
                % {"question": question.text, "n": MAX_TEXT},
                field=f"q{question.pk}",
            )
        return Answer(question=question, text=text)
    return Answer(question=question, value=_checked_value(question, raw))


def _checked_value(question: Question, raw) -> int:
    value = None
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    elif isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
        value = int(raw)
    if value is None or value not in question.allowed_values():
        raise DomainError(
            _("“%(value)s” is not one of the answers “%(question)s” allows.")
            % {"value": raw, "question": question.text},
            field=f"q{question.pk}",
            code="out_of_range",
        )
    return value
