"""Survey services: every transition, every refusal, and nothing changed on refusal."""

import datetime

import pytest
from django.utils import timezone

from marketplace.core.errors import DomainError, NotPermitted
from marketplace.core.models import AuditEvent
from marketplace.notifications.models import Notification
from marketplace.surveys import services
from marketplace.surveys.models import Answer, Question, Response, Survey, SurveyStatus
from tests.factories import staff_of

from .conftest import QUESTIONS, answers_for, draft_survey, open_survey, resident_of

pytestmark = pytest.mark.clock_sweep


def state(survey):
    """Everything a refused call must leave as it was."""
    survey = Survey.objects.get(pk=survey.pk)
    return (
        survey.status,
        survey.title,
        survey.opens_at,
        survey.closed_at,
        list(survey.questions.values_list("text", "kind", "options", "required", "position")),
        Response.objects.filter(survey=survey).count(),
        Answer.objects.filter(response__survey=survey).count(),
        Notification.objects.count(),
        AuditEvent.objects.count(),
    )


def test_create_a_draft_with_ordered_questions(world):
    survey = draft_survey(world["staff"], world["home"])
    assert survey.status == SurveyStatus.DRAFT
    assert list(survey.questions.values_list("position", "kind")) == [
        (1, "satisfaction"),
        (2, "scale10"),
        (3, "choice"),
        (4, "text"),
    ]
    assert AuditEvent.objects.filter(event="surveys.survey.created").count() == 1


@pytest.mark.parametrize("who", ["other_staff", "resident", "anonymous", "purchaser"])
def test_only_the_communitys_staff_create(world, who):
    with pytest.raises(NotPermitted):
        draft_survey(world[who], world["home"])
    assert not Survey.objects.exists()


def test_platform_admin_may_run_any_community(world):
    survey = open_survey(world["admin"], world["home"])
    assert survey.status == SurveyStatus.OPEN
    assert services.survey_close(actor=world["admin"], survey=survey).status == "closed"


def test_street_staff_cannot_run_a_community_survey(world):
    street_staff = staff_of(world["streets"][0])
    survey = draft_survey(world["staff"], world["home"])
    before = state(survey)
    with pytest.raises(NotPermitted):
        services.survey_open(actor=street_staff, survey=survey)
    assert state(survey) == before


def test_a_survey_belongs_to_a_community_not_a_street(world):
    with pytest.raises(DomainError, match="one community"):
        draft_survey(world["admin"], world["streets"][0])


@pytest.mark.parametrize(
    "question, message",
    [
        ({"text": "", "kind": "satisfaction"}, "no text"),
        ({"text": "选择", "kind": "choice", "options": ["唯一"]}, "between 2 and 10"),
        ({"text": "选择", "kind": "choice", "options": ["甲", "甲"]}, "twice"),
        ({"text": "满意吗", "kind": "satisfaction", "options": ["甲"]}, "Only a single-choice"),
        ({"text": "满意吗", "kind": "stars"}, "no valid kind"),
    ],
)
def test_bad_questions_are_refused(world, question, message):
    survey = draft_survey(world["staff"], world["home"])
    before = state(survey)
    with pytest.raises(DomainError, match=message):
        services.survey_questions_set(
            actor=world["staff"], survey=survey, questions=[QUESTIONS[0], question]
        )
    assert state(survey) == before


def test_questions_replaced_while_draft(world):
    survey = draft_survey(world["staff"], world["home"])
    services.survey_questions_set(
        actor=world["staff"], survey=survey, questions=[QUESTIONS[3], QUESTIONS[0]]
    )
    assert list(survey.questions.values_list("kind", flat=True)) == ["text", "satisfaction"]


def test_open_tells_every_resident_of_the_community_once(world):
    neighbours = [resident_of(world["home"]) for _ in range(3)]
    resident_of(world["other"])
    survey = draft_survey(world["staff"], world["home"])
    survey = services.survey_open(actor=world["staff"], survey=survey)
    assert survey.status == SurveyStatus.OPEN and survey.opens_at is not None
    told = Notification.objects.filter(kind="surveys.survey.opened")
    assert sorted(told.values_list("user_id", flat=True)) == sorted(
        u.pk for u in [world["resident"], *neighbours]
    )
    assert told.first().url == f"/surveys/{survey.pk}/"
    event = AuditEvent.objects.get(event="surveys.survey.opened")
    assert event.actor == world["staff"] and event.data["source"] == "draft"


def test_open_needs_a_question_and_a_future_deadline(world):
    empty = draft_survey(world["staff"], world["home"], questions=[])
    before = state(empty)
    with pytest.raises(DomainError, match="at least one question"):
        services.survey_open(actor=world["staff"], survey=empty)
    assert state(empty) == before

    survey = draft_survey(world["staff"], world["home"])
    Survey.objects.filter(pk=survey.pk).update(
        closes_at=timezone.now() - datetime.timedelta(hours=1)
    )
    before = state(survey)
    with pytest.raises(DomainError, match="deadline"):
        services.survey_open(actor=world["staff"], survey=survey)
    assert state(survey) == before


def test_create_refuses_a_past_deadline(world):
    with pytest.raises(DomainError, match="future"):
        draft_survey(
            world["staff"], world["home"], closes_at=timezone.now() - datetime.timedelta(days=1)
        )
    assert not Survey.objects.exists()


def test_close_then_no_transition_back(world, survey):
    closed = services.survey_close(actor=world["staff"], survey=survey)
    assert closed.status == SurveyStatus.CLOSED and closed.closed_at is not None
    before = state(survey)
    for name in ("survey_open", "survey_close"):
        with pytest.raises(DomainError, match="not possible"):
            getattr(services, name)(actor=world["staff"], survey=survey)
    with pytest.raises(DomainError, match="closed survey"):
        services.survey_update(actor=world["staff"], survey=survey, title="改")
    assert state(survey) == before


def test_close_a_draft_is_refused(world):
    survey = draft_survey(world["staff"], world["home"])
    with pytest.raises(DomainError, match="not possible"):
        services.survey_close(actor=world["staff"], survey=survey)
    assert Survey.objects.get(pk=survey.pk).status == SurveyStatus.DRAFT


def test_other_staff_cannot_close(world, survey):
    before = state(survey)
    with pytest.raises(NotPermitted):
        services.survey_close(actor=world["other_staff"], survey=survey)
    assert state(survey) == before


def test_questions_of_an_open_survey_cannot_change(world, survey):
    before = state(survey)
    with pytest.raises(DomainError, match="only be changed while the survey is a draft"):
        services.survey_questions_set(actor=world["staff"], survey=survey, questions=QUESTIONS[:1])
    with pytest.raises(DomainError, match="only be changed while the survey is a draft"):
        services.survey_update(
            actor=world["staff"], survey=survey, title="新标题", questions=QUESTIONS[:1]
        )
    assert state(survey) == before


def test_an_open_survey_may_get_a_new_title_and_deadline(world, survey):
    later = timezone.now() + datetime.timedelta(days=10)
    services.survey_update(actor=world["staff"], survey=survey, title="新标题", closes_at=later)
    survey.refresh_from_db()
    assert (survey.title, survey.closes_at) == ("新标题", later)
    assert Question.objects.filter(survey=survey).count() == 4


# --- answering -----------------------------------------------------------------


def test_a_resident_answers_once(world, survey):
    response = services.response_submit(
        actor=world["resident"], survey=survey, answers=answers_for(survey)
    )
    assert response.resident == world["resident"]
    values = {a.question.kind: (a.value, a.text) for a in response.answers.all()}
    assert values == {
        "satisfaction": (5, ""),
        "scale10": (9, ""),
        "choice": (0, ""),
        "text": (None, "很好"),
    }
    event = AuditEvent.objects.get(event="surveys.response.submitted")
    assert event.actor == world["resident"] and event.data == {}  # who, never what

    before = state(survey)
    with pytest.raises(DomainError, match="already answered"):
        services.response_submit(
            actor=world["resident"], survey=survey, answers=answers_for(survey, satisfaction=1)
        )
    assert state(survey) == before
    assert Answer.objects.get(response=response, question__kind="satisfaction").value == 5


def test_optional_questions_may_be_left_empty(world, survey):
    answers = answers_for(survey)
    q = {question.kind: question.pk for question in survey.questions.all()}
    answers[q["choice"]] = None
    answers[q["text"]] = "   "
    response = services.response_submit(actor=world["resident"], survey=survey, answers=answers)
    assert response.answers.count() == 2


@pytest.mark.parametrize("who", ["other_resident", "staff", "volunteer", "anonymous"])
def test_only_residents_of_the_community_answer(world, survey, who):
    actor = resident_of(world["other"]) if who == "other_resident" else world[who]
    before = state(survey)
    with pytest.raises(NotPermitted, match="Only residents registered in"):
        services.response_submit(actor=actor, survey=survey, answers=answers_for(survey))
    assert state(survey) == before


def test_not_open_is_refused(world):
    draft = draft_survey(world["staff"], world["home"])
    before = state(draft)
    with pytest.raises(DomainError, match="not taking answers"):
        services.response_submit(actor=world["resident"], survey=draft, answers=answers_for(draft))
    assert state(draft) == before

    closed = open_survey(world["staff"], world["home"])
    services.survey_close(actor=world["staff"], survey=closed)
    before = state(closed)
    with pytest.raises(DomainError, match="not taking answers"):
        services.response_submit(
            actor=world["resident"], survey=closed, answers=answers_for(closed)
        )
    assert state(closed) == before


def test_past_the_deadline_is_refused(world, survey):
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now())
    before = state(survey)
    with pytest.raises(DomainError, match="deadline"):
        services.response_submit(
            actor=world["resident"], survey=survey, answers=answers_for(survey)
        )
    assert state(survey) == before


@pytest.mark.parametrize(
    "change",
    [
        {"satisfaction": 6},
        {"satisfaction": 0},
        {"scale": 11},
        {"scale": -1},
        {"scale": "7.5"},
        {"choice": 3},
        {"choice": True},
        {"satisfaction": "很满意"},
    ],
)
def test_values_outside_the_range_are_refused(world, survey, change):
    before = state(survey)
    with pytest.raises(DomainError, match="is not one of the answers") as refused:
        services.response_submit(
            actor=world["resident"], survey=survey, answers=answers_for(survey, **change)
        )
    assert refused.value.code == "out_of_range" and refused.value.field.startswith("q")
    assert state(survey) == before


def test_a_missing_required_answer_is_refused(world, survey):
    answers = answers_for(survey)
    scale = survey.questions.get(kind="scale10")
    del answers[scale.pk]
    before = state(survey)
    with pytest.raises(DomainError, match="Please answer") as refused:
        services.response_submit(actor=world["resident"], survey=survey, answers=answers)
    assert refused.value.field == f"q{scale.pk}"
    assert state(survey) == before


def test_answers_to_another_surveys_questions_are_refused(world, survey):
    other = open_survey(world["staff"], world["home"], title="另一份调查")
    answers = answers_for(survey) | {other.questions.first().pk: 5}
    before = state(survey)
    with pytest.raises(DomainError, match="does not ask"):
        services.response_submit(actor=world["resident"], survey=survey, answers=answers)
    assert state(survey) == before


def test_the_database_refuses_a_second_response(world, survey):
    from django.db import IntegrityError, transaction

    Response.objects.create(survey=survey, resident=world["resident"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(survey=survey, resident=world["resident"])
