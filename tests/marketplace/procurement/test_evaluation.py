"""The panel and the composite scoring method, on a worked example computed by hand.

Price weight 30; criteria “服务方案” (40 points) and “团队与经验” (30 points).

  bidder   price     evaluators' (plan, team)            means     technical
  甲       180 000   (35,25) (32,24) (38,26)             35, 25    60
  乙       200 000   (30,20) (28,22) (29,27)             29, 23    52
  丙       150 000   (25,18) (27,20) (26,22)             26, 20    46

  price score: 丙 30 (lowest); 甲 30 × 150000/180000 = 25; 乙 30 × 150000/200000 = 22.5
  total:       甲 85.00, 丙 76.00, 乙 74.50  →  ranking 甲, 丙, 乙
"""

from decimal import Decimal

import pytest

from marketplace.core.errors import DomainError, NotPermitted
from marketplace.procurement import services
from marketplace.procurement.scoring import evaluation_results
from tests.factories import OrganizationFactory, UserFactory, member_of
from tests.factories.procurement import score_all, sheet


def test_worked_example(tender):
    score_all(tender)
    results = evaluation_results(tender["project"])
    by_name = {r.bid.organization.name[0]: r for r in results}
    assert [r.bid.organization.name[0] for r in results] == ["甲", "丙", "乙"]
    assert by_name["丙"].price_score == Decimal(30)
    assert by_name["甲"].price_score == Decimal(25)
    assert by_name["乙"].price_score == Decimal("22.5")
    assert [by_name[n].technical for n in "甲乙丙"] == [Decimal(60), Decimal(52), Decimal(46)]
    assert [by_name[n].total for n in "甲丙乙"] == [Decimal(85), Decimal(76), Decimal("74.5")]
    assert [r.rank for r in results] == [1, 2, 3]
    assert len(by_name["甲"].sheets) == 3  # every evaluator's sheet is in the report


def test_tie_broken_by_the_stated_rule(tender):
    # 甲 and 丙 both total 80: 甲 25 + 55, 丙 30 + 50. Higher technical wins: 甲.
    tied = {"甲": [(30, 25)] * 3, "乙": [(10, 10)] * 3, "丙": [(30, 20)] * 3}
    score_all(tender, tied)
    results = evaluation_results(tender["project"])
    assert results[0].total == results[1].total == Decimal(80)
    assert [r.bid.organization.name[0] for r in results[:2]] == ["甲", "丙"]


def test_score_outside_the_range_is_refused(tender):
    person = tender["panel"][0]
    services.evaluator_declare(actor=person, project=tender["project"], no_conflict=True)
    scores = sheet(tender, 0)
    key = next(iter(scores))
    scores[key] = 41
    with pytest.raises(DomainError, match="from 0 to 40"):
        services.score_sheet_submit(actor=person, project=tender["project"], scores=scores)
    assert not person.panel_seats.get().scores.exists()


def test_incomplete_sheet_is_refused(tender):
    person = tender["panel"][0]
    services.evaluator_declare(actor=person, project=tender["project"], no_conflict=True)
    scores = sheet(tender, 0)
    scores.pop(next(iter(scores)))
    with pytest.raises(DomainError, match="every bid on every criterion"):
        services.score_sheet_submit(actor=person, project=tender["project"], scores=scores)


def test_a_sheet_is_final(tender):
    score_all(tender)
    with pytest.raises(DomainError, match="final"):
        services.score_sheet_submit(
            actor=tender["panel"][0], project=tender["project"], scores=sheet(tender, 0)
        )


def test_no_score_without_declaration(tender):
    with pytest.raises(DomainError, match="conflict of interest first"):
        services.score_sheet_submit(
            actor=tender["panel"][0], project=tender["project"], scores=sheet(tender, 0)
        )


def test_bidders_staff_cannot_sit_on_the_panel(world, tender):
    insider = member_of(tender["bidders"]["乙"], role="staff")
    with pytest.raises(DomainError, match="conflict of interest"):
        services.panel_appoint(actor=world["purchaser"], project=tender["project"], user=insider)
    with pytest.raises(NotPermitted):
        services.panel_appoint(
            actor=world["org_admin"], project=tender["project"], user=UserFactory()
        )


def test_outsiders_do_not_score(tender):
    with pytest.raises(NotPermitted):
        services.score_sheet_submit(
            actor=UserFactory(), project=tender["project"], scores=sheet(tender, 0)
        )


def test_award_goes_to_the_top_rank_with_the_report(world, tender):
    with pytest.raises(DomainError, match="score sheet first"):
        services.project_award(actor=world["purchaser"], project=tender["project"])
    score_all(tender)
    award = services.project_award(actor=world["purchaser"], project=tender["project"])
    assert award.bid.organization == tender["bidders"]["甲"]
    rows = award.report["rows"]
    assert [r["total"] for r in rows] == ["85.00", "76.00", "74.50"]
    assert len(rows[0]["sheets"]) == 3
    tender["project"].refresh_from_db()
    assert tender["project"].status == "awarded"


def test_objection_by_a_bidder_answered_by_the_purchaser(world, tender):
    score_all(tender)
    services.project_award(actor=world["purchaser"], project=tender["project"])
    loser = tender["bidders"]["乙"]
    admin = loser.memberships.get().user
    with pytest.raises(DomainError, match="what you object to"):
        services.objection_file(
            actor=admin, project=tender["project"], organization=loser, text=" "
        )
    objection = services.objection_file(
        actor=admin, project=tender["project"], organization=loser, text="团队评分有误"
    )
    outsider = OrganizationFactory()
    with pytest.raises(DomainError, match="Only a bidder"):
        services.objection_file(
            actor=member_of(outsider), project=tender["project"], organization=outsider, text="x"
        )
    with pytest.raises(NotPermitted):
        services.objection_answer(actor=admin, objection=objection, answer="x", upheld=False)
    answered = services.objection_answer(
        actor=world["purchaser"], objection=objection, answer="经复核评分无误", upheld=False
    )
    assert answered.upheld is False and answered.answered_by == world["purchaser"]


def test_an_evaluator_must_declare_no_conflict(tender):
    person = tender["panel"][0]
    with pytest.raises(DomainError, match="no conflict of interest"):
        services.evaluator_declare(actor=person, project=tender["project"], no_conflict=False)
    assert person.panel_seats.get().declared_at is None
