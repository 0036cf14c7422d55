"""After the award: contract with milestones, acceptance, payments, performance evaluation."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.core.errors import DomainError, NotPermitted
from marketplace.procurement import services
from marketplace.procurement.models import Award, Project
from tests.factories.procurement import score_all

MILESTONES = [
    {"title": "启动与需求评估", "deliverables": "需求评估报告", "payment_share": 30},
    {"title": "中期服务", "deliverables": "服务台账与中期报告", "payment_share": 40},
    {"title": "结项", "deliverables": "结项报告", "payment_share": 30},
]


def plan(days=(30, 180, 360)):
    today = timezone.localdate()
    return [
        {**m, "due_date": today + datetime.timedelta(days=d)}
        for m, d in zip(MILESTONES, days, strict=True)
    ]


@pytest.fixture
def awarded(world, tender):
    score_all(tender)
    award = services.project_award(actor=world["purchaser"], project=tender["project"])
    return {**tender, "award": award, "winner_admin": award.bid.organization.memberships.get().user}


def end_standstill(award):
    Award.objects.filter(pk=award.pk).update(
        standstill_ends_at=timezone.now() - datetime.timedelta(minutes=1)
    )


def test_no_contract_during_the_objection_period(world, awarded):
    with pytest.raises(DomainError, match="after the objection period"):
        services.contract_sign(
            actor=world["purchaser"], project=awarded["project"], milestones=plan()
        )


def test_shares_must_add_up(world, awarded):
    end_standstill(awarded["award"])
    bad = plan()
    bad[0]["payment_share"] = 20
    with pytest.raises(DomainError, match="add up to 100%; they add up to 90"):
        services.contract_sign(actor=world["purchaser"], project=awarded["project"], milestones=bad)


def test_milestones_accepted_returned_paid_then_evaluated(world, awarded):
    end_standstill(awarded["award"])
    contract = services.contract_sign(
        actor=world["purchaser"], project=awarded["project"], milestones=plan()
    )
    assert contract.amount == Decimal("180000.00")
    first, second, third = contract.milestones.all()
    undertaker = awarded["winner_admin"]
    with pytest.raises(NotPermitted):
        services.milestone_submit(actor=world["org_admin"], milestone=first, evidence="x")
    services.milestone_submit(actor=undertaker, milestone=first, evidence="评估报告已上传")
    with pytest.raises(DomainError, match="what must be reworked"):
        services.milestone_return(actor=world["purchaser"], milestone=first, reason=" ")
    services.milestone_return(actor=world["purchaser"], milestone=first, reason="缺少入户记录")
    services.milestone_submit(actor=undertaker, milestone=first, evidence="补充了入户记录")
    services.milestone_accept(actor=world["purchaser"], milestone=first)
    with pytest.raises(DomainError, match="at most 54000.00"):
        services.payment_record(
            actor=world["purchaser"],
            milestone=first,
            amount="54000.01",
            paid_on=timezone.localdate(),
        )
    services.payment_record(
        actor=world["purchaser"], milestone=first, amount="54000", paid_on=timezone.localdate()
    )
    with pytest.raises(DomainError, match="accepted milestones only"):
        services.payment_record(
            actor=world["purchaser"], milestone=second, amount="1", paid_on=timezone.localdate()
        )
    for milestone in (second, third):
        services.milestone_submit(actor=undertaker, milestone=milestone, evidence="已交付")
        services.milestone_accept(actor=world["purchaser"], milestone=milestone)
    project = Project.objects.get(pk=awarded["project"].pk)
    assert project.status == "completed"
    evaluation = services.performance_evaluate(
        actor=world["purchaser"],
        project=project,
        indicators=[
            {"name": "服务数量", "weight": 40, "score": 90},
            {"name": "服务质量", "weight": 60, "score": 80},
        ],
    )
    # indicators: 0.4 × 90 + 0.6 × 80 = 84; no resident has rated: the indicators alone.
    assert evaluation.indicator_score == Decimal("84.00")
    assert evaluation.satisfaction is None
    assert evaluation.total == Decimal("84.00")
    # 84 is "good" (良好): +2 on the undertaker's credit.
    assert awarded["award"].bid.organization.credit_events.get().kind == "performance_good"
    project.refresh_from_db()
    assert project.status == "evaluated"


def test_an_open_objection_blocks_the_contract(world, awarded):
    loser = awarded["bidders"]["乙"]
    services.objection_file(
        actor=loser.memberships.get().user,
        project=awarded["project"],
        organization=loser,
        text="评分有误",
    )
    end_standstill(awarded["award"])
    with pytest.raises(DomainError, match="Answer every objection"):
        services.contract_sign(
            actor=world["purchaser"], project=awarded["project"], milestones=plan()
        )
