"""Results and coverage figures against numbers worked out by hand."""

import datetime

import pytest
from django.utils import timezone

from marketplace.surveys import services
from marketplace.surveys.models import Survey
from marketplace.surveys.selectors import coverage, survey_results
from tests.factories import region_tree, staff_of

from .conftest import answers_for, draft_survey, open_survey, resident_of

# Five residents answer (satisfaction, 0–10 score, option, text).
ANSWERS = [
    (5, 10, 0, "路灯修好了"),
    (5, 8, 1, ""),
    (4, 7, 0, "希望多些活动"),
    (3, 6, 2, ""),
    (1, 0, 0, ""),
]


@pytest.fixture
def answered(world, survey):
    people = [world["resident"]] + [resident_of(world["home"]) for _ in range(4)]
    for _ in range(3):  # registered, but they do not answer
        resident_of(world["home"])
    for person, (level, score, option, text) in zip(people, ANSWERS, strict=True):
        services.response_submit(
            actor=person,
            survey=survey,
            answers=answers_for(survey, satisfaction=level, scale=score, choice=option, text=text),
        )
    return survey


def test_figures_by_hand(answered):
    results = survey_results(survey=answered)
    assert results.responses == 5
    assert results.residents == 8  # the world's resident, 4 who answered, 3 who did not
    assert results.response_rate == pytest.approx(5 / 8)  # 62.5%

    sat, scale, choice, text = results.questions
    assert [(r["label"], r["count"]) for r in sat.rows] == [
        ("Very satisfied", 2),
        ("Satisfied", 1),
        ("Fairly satisfied", 1),
        ("Dissatisfied", 0),
        ("Very dissatisfied", 1),
    ]
    assert sat.mean == pytest.approx((5 + 5 + 4 + 3 + 1) / 5)  # 3.6
    assert sat.satisfaction_rate == pytest.approx(3 / 5)  # two very satisfied + one satisfied
    assert sat.rows[0]["share"] == pytest.approx(0.4)

    assert scale.answered == 5
    assert [r["count"] for r in scale.rows] == [1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1]
    assert scale.mean == pytest.approx((10 + 8 + 7 + 6 + 0) / 5)  # 6.2
    assert scale.satisfaction_rate is None

    assert [(r["label"], r["count"]) for r in choice.rows] == [
        ("助餐", 3),
        ("日间照料", 1),
        ("儿童托管", 1),
    ]
    assert choice.mean is None

    assert text.texts == sorted(["路灯修好了", "希望多些活动"])  # no names, not in answer order
    assert text.answered == 2


def test_no_answers_and_no_residents(world):
    lonely = region_tree(streets=1, communities_per_street=1)["communities"][0]
    staff = staff_of(lonely)
    results = survey_results(survey=open_survey(staff, lonely))
    assert (results.responses, results.residents, results.response_rate) == (0, 0, None)
    assert all(q.mean is None and q.satisfaction_rate is None for q in results.questions)
    assert results.questions[0].rows[0]["share"] is None


def test_coverage_of_a_small_tree_by_hand(db):
    """Street 1: A ran two surveys (one still a draft does not count), B none.
    Street 2: C ran one last year only, D ran one this year."""
    tree = region_tree(streets=2, communities_per_street=2)
    a, b, c, d = tree["communities"]
    staff = staff_of(a, b, c, d)
    year = timezone.localdate().year

    first = open_survey(staff, a, title="A1")
    second = open_survey(staff, a, title="A2")

    draft_survey(staff, a, title="A3 draft")
    last_year = open_survey(staff, c, title="C old")
    Survey.objects.filter(pk=last_year.pk).update(
        opens_at=timezone.make_aware(datetime.datetime(year - 1, 6, 1))
    )
    fourth = open_survey(staff, d, title="D1")

    def answer(survey, community, levels):
        for level in levels:
            services.response_submit(
                actor=resident_of(community),
                survey=survey,
                answers=answers_for(survey, satisfaction=level),
            )

    answer(first, a, [5, 4, 2])  # 2 of 3 satisfied
    answer(second, a, [3])  # 0 of 1
    answer(last_year, c, [5, 5])  # not this year
    answer(fourth, d, [1, 4])  # 1 of 2

    district = coverage(region=tree["district"], year=year)
    rows = {row["community"].name: row for row in district.rows}
    assert [(r["surveys"], r["responses"]) for r in rows.values()] == [
        (2, 4),
        (0, 0),
        (0, 0),
        (1, 2),
    ]
    assert rows[a.name]["satisfaction_rate"] == pytest.approx(2 / 4)
    assert rows[b.name]["satisfaction_rate"] is None
    assert rows[d.name]["satisfaction_rate"] == pytest.approx(1 / 2)
    assert (district.communities, district.covered) == (4, 2)
    assert district.rate == pytest.approx(0.5)
    assert (district.surveys, district.responses) == (3, 6)
    assert district.satisfaction_rate == pytest.approx(3 / 6)

    street = coverage(region=tree["streets"][0], year=year)
    assert [r["community"] for r in street.rows] == [a, b]
    assert street.rate == pytest.approx(0.5)

    previous = coverage(region=tree["district"], year=year - 1)
    assert previous.covered == 1 and previous.responses == 2
    assert previous.satisfaction_rate == pytest.approx(1.0)


def test_coverage_runs_four_queries(world, survey, django_assert_num_queries):
    with django_assert_num_queries(4):
        report = coverage(region=world["district"], year=timezone.localdate().year)
        assert report.covered == 1
