"""Credit: residents' ratings feed the performance evaluation; late deliverables, the
evaluation's grade and overdue rectifications move the score, by the stated formula."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.core.errors import DomainError, NotPermitted
from marketplace.procurement import services as procurement
from marketplace.procurement.models import Milestone, Project
from marketplace.reviews import services
from marketplace.reviews.credit import credit_score
from marketplace.reviews.models import CreditEvent
from marketplace.reviews.selectors import (
    credit_get,
    credit_scores,
    credit_window_start,
    watch_list,
)
from tests.factories.reviews import accepted_milestone, resident_of


def test_the_formula_by_hand():
    # 80 + 10 × (4.2 − 3) + (−5 − 3) = 80 + 12 − 8 = 84
    assert credit_score(bayesian_rating=4.2, event_points=-8) == 84
    assert credit_score(bayesian_rating=1.0, event_points=-70) == 0  # 80 − 20 − 70, clamped
    assert credit_score(bayesian_rating=5.0, event_points=10) == 100  # clamped


def test_satisfaction_of_the_deliverables_enters_the_evaluation_and_credit(world):
    done = accepted_milestone(world)
    first, second = done["accepted"], done["pending"]
    org = done["organization"]
    # Four residents rate the first deliverable: 5, 4, 4, 2 → 3 of 4 satisfied = 75 %.
    for level in (5, 4, 4, 2):
        services.review_create(
            actor=resident_of(world["home"]),
            service_kind="milestone",
            service_id=first.pk,
            level=level,
        )
    undertaker = org.memberships.get().user
    # The second is delivered three days late.
    procurement.milestone_submit(actor=undertaker, milestone=second, evidence="结项报告")
    Milestone.objects.filter(pk=second.pk).update(
        due_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    procurement.milestone_accept(
        actor=world["purchaser"], milestone=Milestone.objects.get(pk=second.pk)
    )
    late = CreditEvent.objects.get(organization=org, kind="milestone_late")
    assert late.points == -3
    project = Project.objects.get(pk=first.contract.project_id)
    evaluation = procurement.performance_evaluate(
        actor=world["purchaser"],
        project=project,
        indicators=[{"name": "服务质量", "weight": 100, "score": 90}],
    )
    # total = 90 × 0.7 + 75 × 0.3 = 63 + 22.5 = 85.5 → good (+2)
    assert evaluation.satisfaction == Decimal("75.00")
    assert evaluation.total == Decimal("85.50")
    assert CreditEvent.objects.get(organization=org, kind="performance_good").points == 2
    credit = credit_get(organization=org)
    # Rating: the four reviews are the whole platform, so the prior mean is their mean
    # (15 / 4 = 3.75) and the Bayesian average equals it: 80 + 10 × 0.75 + (−3 + 2) = 86.5 → 86
    assert credit.rating.bayesian == pytest.approx(3.75)
    assert credit.event_points == -1
    assert credit.score == 86
    assert credit_scores(organization_ids=[org.pk]) == {org.pk: 86}
    assert not credit.watched


def test_old_events_fall_out_of_the_window(world):
    org = world["provider"]
    event = services.credit_event_record(
        organization_id=org.pk, kind="complaint_upheld", source=world["home"]
    )
    assert credit_get(organization=org).event_points == -8
    CreditEvent.objects.filter(pk=event.pk).update(
        occurred_at=credit_window_start() + datetime.timedelta(minutes=1)
    )
    assert credit_get(organization=org).event_points == -8  # just inside 24 months
    CreditEvent.objects.filter(pk=event.pk).update(
        occurred_at=credit_window_start() - datetime.timedelta(minutes=1)
    )
    credit = credit_get(organization=org)
    assert credit.event_points == 0
    assert [e.counts for e in credit.events] == [False]  # still in the history, marked


@pytest.mark.parametrize(
    "now,start",
    [
        ("2026-11-29 10:00", "2024-11-29 10:00"),
        ("2026-03-31 08:00", "2024-03-31 08:00"),
        ("2024-02-29 12:00", "2022-02-28 12:00"),
        ("2026-01-15 00:00", "2024-01-15 00:00"),
    ],
)
def test_the_window_is_24_calendar_months(now, start):
    parse = datetime.datetime.fromisoformat
    assert credit_window_start(parse(now)) == parse(start)


def test_an_event_is_recorded_once_per_source(world):
    org = world["provider"]
    first = services.credit_event_record(
        organization_id=org.pk, kind="complaint_upheld", source=world["home"]
    )
    again = services.credit_event_record(
        organization_id=org.pk, kind="complaint_upheld", source=world["home"]
    )
    assert first is not None and again is None
    assert CreditEvent.objects.count() == 1


def test_watch_list_by_score_and_by_staff_decision(world):
    org, other = world["provider"], world["purchaser_org"]
    for n in range(3):  # 80 − 24 = 56 < 60
        services.credit_event_record(
            organization_id=org.pk, kind="complaint_upheld", source=Milestone(pk=n + 1)
        )
    assert [row[0] for row in watch_list()] == [org]
    assert credit_get(organization=org).watched
    from tests.factories import OrganizationFactory

    third = OrganizationFactory(name="某家政公司")
    with pytest.raises(NotPermitted):
        services.watch_list_add(actor=world["purchaser"], organization=third, reason="投诉较多")
    with pytest.raises(DomainError, match="Say why"):
        services.watch_list_add(actor=world["admin"], organization=third, reason="")
    services.watch_list_add(actor=world["admin"], organization=third, reason="多次投诉正在调查")
    with pytest.raises(DomainError, match="already"):
        services.watch_list_add(actor=world["admin"], organization=third, reason="again")
    names = {row[0].name for row in watch_list()}
    assert names == {org.name, "某家政公司"}
    assert other.name not in names  # purchasers are not providers
    services.watch_list_lift(actor=world["admin"], organization=third, reason="调查结束")
    assert {row[0].name for row in watch_list()} == {org.name}
