"""Reads the survey pages share: lists, single surveys by role, results and coverage."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from marketplace.accounts.models import ResidentProfile
from marketplace.accounts.scope import of_own_communities
from marketplace.core.errors import NotFound
from marketplace.core.selectors import object_or_not_found
from marketplace.regions.models import Region, RegionLevel
from marketplace.regions.selectors import communities_managed_by
from marketplace.surveys.models import (
    SATISFIED_LEVELS,
    Answer,
    Question,
    QuestionKind,
    Response,
    SatisfactionLevel,
    Survey,
    SurveyStatus,
)
from marketplace.surveys.states import acts_for_region_or_above, is_survey_manager, may_see_results

# Enough to check scope on a community's ancestors without a query per level.
WITH_REGION_PATH = ("community__parent__parent__parent__parent",)


def resident_community_id(user) -> int | None:
    if not user.is_authenticated:
        return None
    return ResidentProfile.objects.filter(user=user).values_list("community_id", flat=True).first()


def _counted(queryset: QuerySet[Survey]) -> QuerySet[Survey]:
    """Annotate `response_count` and `question_count` as subqueries (no join fan-out)."""

    def count_of(model, link):
        rows = model.objects.filter(**{link: OuterRef("pk")}).values(link)
        return Coalesce(
            Subquery(rows.annotate(n=Count("pk")).values("n")), 0, output_field=IntegerField()
        )

    return queryset.annotate(
        response_count=count_of(Response, "survey"), question_count=count_of(Question, "survey")
    )


def survey_list_for_resident(*, user) -> QuerySet[Survey]:
    """The open surveys of the user's home community, each with `answered` for them."""
    community_id = resident_community_id(user)
    if community_id is None:
        return Survey.objects.none()
    mine = Response.objects.filter(survey=OuterRef("pk"), resident=user)
    return (
        Survey.objects.filter(community_id=community_id, status=SurveyStatus.OPEN)
        .select_related("community")
        .annotate(answered=Exists(mine))
        .order_by("closes_at", "-opens_at", "-id")
    )


def survey_list_managed(*, user) -> QuerySet[Survey]:
    """The surveys of the communities the user is staff of (all, for a platform admin)."""
    surveys = Survey.objects.filter(of_own_communities(user))
    return _counted(surveys.select_related("community", "community__parent")).order_by(
        "community__name", "-created_at", "-id"
    )


def communities_managed(*, user) -> QuerySet[Region]:
    """The communities the user may create surveys for."""
    return communities_managed_by(user).order_by("name")


def survey_get_managed(*, user, pk: int) -> Survey:
    survey = object_or_not_found(Survey.objects.select_related("community"), pk=pk)
    if not is_survey_manager(survey, user):
        raise NotFound
    return survey


def survey_get_for_answer(*, user, pk: int) -> Survey:
    """Residents of the community see an open or closed survey; its staff also a draft."""
    survey = object_or_not_found(Survey.objects.select_related("community"), pk=pk)
    if is_survey_manager(survey, user):
        return survey
    if survey.status == SurveyStatus.DRAFT or resident_community_id(user) != survey.community_id:
        raise NotFound
    return survey


def survey_get_results(*, user, pk: int) -> Survey:
    survey = object_or_not_found(Survey.objects.select_related(*WITH_REGION_PATH), pk=pk)
    if not may_see_results(survey, user):
        raise NotFound
    return survey


def response_of(*, user, survey: Survey) -> Response | None:
    if not user.is_authenticated:
        return None
    return Response.objects.filter(survey=survey, resident=user).first()


# --- results ------------------------------------------------------------------


@dataclass
class QuestionResult:
    question: Question
    rows: list[dict] = field(default_factory=list)  # {"label", "count", "share"}
    answered: int = 0
    mean: float | None = None
    satisfaction_rate: float | None = None  # the share of the top two levels
    texts: list[str] = field(default_factory=list)

    @property
    def charted(self) -> bool:
        return self.question.kind != QuestionKind.TEXT


@dataclass
class SurveyResults:
    survey: Survey
    responses: int
    residents: int
    questions: list[QuestionResult]

    @property
    def response_rate(self) -> float | None:
        return self.responses / self.residents if self.residents else None


def survey_results(*, survey: Survey) -> SurveyResults:
    """Counts per level or option, means and rates; free texts without names. Five queries,
    however many questions and answers."""
    questions = list(survey.questions.all())
    counts: dict[tuple[int, int], int] = {
        (row["question_id"], row["value"]): row["n"]
        for row in Answer.objects.filter(question__survey=survey, value__isnull=False)
        .values("question_id", "value")
        .annotate(n=Count("pk"))
    }
    texts: dict[int, list[str]] = {}
    # Sorted by text, not by submission, so the order says nothing about who wrote what.
    for question_id, text in (
        Answer.objects.filter(question__survey=survey)
        .exclude(text="")
        .order_by("question_id", "text")
        .values_list("question_id", "text")
    ):
        texts.setdefault(question_id, []).append(text)
    return SurveyResults(
        survey=survey,
        responses=survey.responses.count(),
        residents=ResidentProfile.objects.filter(community_id=survey.community_id).count(),
        questions=[_question_result(q, counts, texts.get(q.pk, [])) for q in questions],
    )


def _question_result(question: Question, counts: dict, texts: list[str]) -> QuestionResult:
    result = QuestionResult(question=question, texts=texts)
    if question.kind == QuestionKind.TEXT:
        result.answered = len(texts)
        return result
    tally = [(label, counts.get((question.pk, value), 0)) for value, label in _choices(question)]
    result.answered = total = sum(n for _label, n in tally)
    result.rows = [
        {"label": str(label), "count": n, "share": n / total if total else None}
        for label, n in tally
    ]
    if total and question.kind != QuestionKind.CHOICE:
        values = question.allowed_values()
        result.mean = sum(v * counts.get((question.pk, v), 0) for v in values) / total
    if total and question.kind == QuestionKind.SATISFACTION:
        top = sum(counts.get((question.pk, level), 0) for level in SATISFIED_LEVELS)
        result.satisfaction_rate = top / total
    return result


def _choices(question: Question):
    if question.kind == QuestionKind.SATISFACTION:
        return [(level.value, level.label) for level in SatisfactionLevel]
    return question.value_choices()


# --- district coverage -----------------------------------------------------------


def coverage_region_get(*, user, pk: int) -> Region:
    region = object_or_not_found(
        Region.objects.select_related("parent", "parent__parent", "parent__parent__parent"),
        pk=pk,
        level__in=[RegionLevel.STREET, RegionLevel.DISTRICT],
    )
    if not acts_for_region_or_above(user, region):
        raise NotFound
    return region


@dataclass
class Coverage:
    region: Region
    year: int
    rows: list[dict]  # per community: community, surveys, responses, answers, satisfied

    @property
    def communities(self) -> int:
        return len(self.rows)

    @property
    def covered(self) -> int:
        return sum(1 for row in self.rows if row["surveys"])

    @property
    def rate(self) -> float | None:
        return self.covered / self.communities if self.communities else None

    @property
    def surveys(self) -> int:
        return sum(row["surveys"] for row in self.rows)

    @property
    def responses(self) -> int:
        return sum(row["responses"] for row in self.rows)

    @property
    def satisfaction_rate(self) -> float | None:
        answers = sum(row["answers"] for row in self.rows)
        return sum(row["satisfied"] for row in self.rows) / answers if answers else None


def communities_under(region: Region) -> QuerySet[Region]:
    below = Q()
    for depth in range(1, 5):
        below |= Q(**{"__".join(["parent"] * depth): region})
    return Region.objects.filter(below, level=RegionLevel.COMMUNITY)


def coverage(*, region: Region, year: int) -> Coverage:
    """Which communities under a street or district ran (opened) a survey in `year`, with
    surveys, responses and the satisfaction rate of their five-point answers. Four queries,
    however many communities."""
    communities = list(
        communities_under(region).select_related("parent").order_by("parent__name", "name")
    )
    in_year = _year_window(year)
    ran = Survey.objects.filter(
        community__in=communities_under(region), opens_at__gte=in_year[0], opens_at__lt=in_year[1]
    )
    surveys = dict(
        ran.values("community_id").annotate(n=Count("pk")).values_list("community_id", "n")
    )
    responses = dict(
        Response.objects.filter(survey__in=ran)
        .values("survey__community_id")
        .annotate(n=Count("pk"))
        .values_list("survey__community_id", "n")
    )
    satisfaction = {
        row["question__survey__community_id"]: row
        for row in Answer.objects.filter(
            question__survey__in=ran, question__kind=QuestionKind.SATISFACTION
        )
        .values("question__survey__community_id")
        .annotate(answers=Count("pk"), satisfied=Count("pk", filter=Q(value__in=SATISFIED_LEVELS)))
    }
    rows = []
    for community in communities:
        sat = satisfaction.get(community.pk, {"answers": 0, "satisfied": 0})
        rows.append(
            {
                "community": community,
                "surveys": surveys.get(community.pk, 0),
                "responses": responses.get(community.pk, 0),
                "answers": sat["answers"],
                "satisfied": sat["satisfied"],
                "satisfaction_rate": sat["satisfied"] / sat["answers"] if sat["answers"] else None,
            }
        )
    return Coverage(region=region, year=year, rows=rows)


def _year_window(year: int) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return datetime(year, 1, 1, tzinfo=zone), datetime(year + 1, 1, 1, tzinfo=zone)
