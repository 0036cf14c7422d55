"""Creating, editing, opening and closing surveys, and setting their questions."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from marketplace.accounts.models import User
from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError
from marketplace.core.transitions import transition_apply
from marketplace.core.validation import validated
from marketplace.notifications.services import notify
from marketplace.regions.models import RegionLevel
from marketplace.surveys.models import (
    MAX_OPTIONS_PER_QUESTION,
    Question,
    QuestionKind,
    Survey,
    SurveyStatus,
)
from marketplace.surveys.services.common import locked_survey, require_manager

SURVEY_FIELDS = ("title", "introduction", "closes_at")


@transaction.atomic
def survey_create(*, actor, community, questions=(), **fields) -> Survey:
    """A draft survey of the actor's community, optionally with its questions."""
    if community.level != RegionLevel.COMMUNITY:
        raise DomainError(_("A survey belongs to one community."), field="community")
    survey = Survey(community=community, **{k: v for k, v in fields.items() if k in SURVEY_FIELDS})
    require_manager(actor, survey)
    survey.created_by = actor
    _check_deadline(survey.closes_at)
    validated(survey)
    survey.save()
    _replace_questions(survey, questions)
    audit_record(
        actor=actor, event="surveys.survey.created", target=survey, questions=len(questions)
    )
    return survey


@transaction.atomic
def survey_update(
    *, actor, survey: Survey, questions: list[dict] | None = None, **fields
) -> Survey:
    """Change the title, introduction or deadline of a draft or open survey and, given
    `questions`, replace the questions of a draft."""
    survey = locked_survey(survey)
    require_manager(actor, survey)
    if survey.status == SurveyStatus.CLOSED:
        raise DomainError(_("A closed survey cannot be changed."))
    if questions is not None:
        _check_draft(survey)
        _replace_questions(survey, questions)
    changed = [name for name in SURVEY_FIELDS if name in fields]
    for name in changed:
        setattr(survey, name, fields[name])
    if "closes_at" in changed:
        _check_deadline(survey.closes_at)
    validated(survey)
    survey.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=actor,
        event="surveys.survey.updated",
        target=survey,
        fields=changed,
        questions=None if questions is None else len(questions),
    )
    return survey


@transaction.atomic
def survey_questions_set(*, actor, survey: Survey, questions: list[dict]) -> list[Question]:
    """Replace the questions of a draft survey with `questions`, in that order.

    Each is a dict of text, kind, required and, for a single choice, options.
    """
    survey = locked_survey(survey)
    require_manager(actor, survey)
    _check_draft(survey)
    created = _replace_questions(survey, questions)
    audit_record(actor=actor, event="surveys.questions.set", target=survey, questions=len(created))
    return created


@transaction.atomic
def survey_open(*, actor, survey: Survey) -> Survey:
    """Start taking answers and tell every resident of the community."""
    survey = locked_survey(survey)
    if not survey.questions.exists():
        raise DomainError(_("Add at least one question before opening the survey."))
    if survey.closes_at is not None and survey.closes_at <= timezone.now():
        raise DomainError(
            _("The deadline for answers has passed; set a later one first."), field="closes_at"
        )
    survey.opens_at = timezone.now()
    transition_apply(
        obj=survey,
        name="open",
        actor=actor,
        event="surveys.survey.opened",
        fields=("opens_at",),
    )
    _notify_residents(survey)
    return survey


@transaction.atomic
def survey_close(*, actor, survey: Survey) -> Survey:
    """Stop taking answers; the results stay for staff."""
    survey = locked_survey(survey)
    survey.closed_at = timezone.now()
    transition_apply(
        obj=survey,
        name="close",
        actor=actor,
        event="surveys.survey.closed",
        fields=("closed_at",),
    )
    return survey


def _check_draft(survey: Survey) -> None:
    if survey.status != SurveyStatus.DRAFT:
        raise DomainError(
            _("Questions can only be changed while the survey is a draft."), code="not_draft"
        )


def _check_deadline(closes_at) -> None:
    if closes_at is not None and closes_at <= timezone.now():
        raise DomainError(_("The deadline for answers must be in the future."), field="closes_at")


def _replace_questions(survey: Survey, questions) -> list[Question]:
    rows = [_question(survey, position, values) for position, values in enumerate(questions, 1)]
    survey.questions.all().delete()
    return Question.objects.bulk_create(rows)


def _question(survey: Survey, position: int, values: dict) -> Question:
    text = (values.get("text") or "").strip()
    kind = values.get("kind")
    options = [str(o).strip() for o in values.get("options") or () if str(o).strip()]
    label = {"n": position}
    if not text:
        raise DomainError(_("Question %(n)s has no text.") % label, field="questions")
    if kind not in QuestionKind.values:
        raise DomainError(_("Question %(n)s has no valid kind.") % label, field="questions")
    if kind == QuestionKind.CHOICE:
        if not 2 <= len(options) <= MAX_OPTIONS_PER_QUESTION:
            raise DomainError(
                _("Question %(n)s needs between 2 and %(max)s options.")
                % {**label, "max": MAX_OPTIONS_PER_QUESTION},
                field="questions",
            )
        if len(set(options)) != len(options):
            raise DomainError(_("Question %(n)s lists an option twice.") % label, field="questions")
    elif options:
        raise DomainError(
            _("Only a single-choice question has options (question %(n)s).") % label,
            field="questions",
        )
    question = Question(
        survey=survey,
        position=position,
        text=text,
        kind=kind,
        options=options,
        required=bool(values.get("required", True)),
    )
    return validated(question, exclude=["survey"])


def _notify_residents(survey: Survey) -> None:
    """One notification per resident of the community; their emails go after commit."""
    residents = User.objects.filter(resident_profile__community_id=survey.community_id)
    with translation.override(None):  # a link without a language prefix: the reader's own
        url = reverse("surveys:answer", args=[survey.pk])
    notify(
        users=list(residents),
        kind="surveys.survey.opened",
        data={"survey": survey.title, "community": survey.community.name},
        url=url,
    )
