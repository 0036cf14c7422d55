"""Objections and milestones on the project page, by the people allowed to act."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from marketplace.procurement import services
from marketplace.procurement.models import Award, Objection, PaymentRecord
from tests.factories.procurement import score_all


@pytest.fixture
def signed(world, tender):
    TOTP.activate(world["purchaser"], "JBSWY3DPEHPK3PXP")
    score_all(tender)
    award = services.project_award(actor=world["purchaser"], project=tender["project"])
    return {**tender, "award": award}


def test_a_losing_bidder_objects_and_the_purchaser_answers(client, world, signed):
    project, loser = signed["project"], signed["bidders"]["乙"]
    client.force_login(loser.memberships.get().user)
    client.post(
        f"/procurement/{project.pk}/objections/",
        {"organization": loser.pk, "text": "价格分计算有误"},
    )
    objection = Objection.objects.get()
    client.force_login(world["purchaser"])
    page = client.get(f"/procurement/{project.pk}/").content.decode()
    assert "价格分计算有误" in page
    client.post(f"/procurement/objections/{objection.pk}/answer/", {"answer": "经核算无误"})
    objection.refresh_from_db()
    assert objection.answer == "经核算无误" and objection.upheld is False


def test_milestone_delivered_accepted_and_paid_on_the_page(client, world, signed):
    Award.objects.filter(pk=signed["award"].pk).update(
        standstill_ends_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    contract = services.contract_sign(
        actor=world["purchaser"],
        project=signed["project"],
        milestones=[
            {
                "title": "全程",
                "deliverables": "结项报告",
                "payment_share": 100,
                "due_date": timezone.localdate(),
            }
        ],
    )
    milestone = contract.milestones.get()
    winner = signed["award"].bid.organization.memberships.get().user
    url = f"/procurement/milestones/{milestone.pk}"
    client.force_login(winner)
    client.post(f"{url}/submit/", {"evidence": "结项报告已提交"})
    client.force_login(world["purchaser"])
    client.post(f"{url}/accept/")
    client.post(f"{url}/pay/", {"amount": "180000", "paid_on": "2026-99-01"})
    assert not PaymentRecord.objects.exists()  # a date that does not exist: refused
    client.post(f"{url}/pay/", {"amount": "180000", "paid_on": timezone.localdate().isoformat()})
    assert PaymentRecord.objects.get().amount == 180000
    signed["project"].refresh_from_db()
    assert signed["project"].status == "completed"


def test_performance_evaluation_page(client, world, signed):
    Award.objects.filter(pk=signed["award"].pk).update(
        standstill_ends_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    contract = services.contract_sign(
        actor=world["purchaser"],
        project=signed["project"],
        milestones=[
            {
                "title": "全程",
                "deliverables": "报告",
                "payment_share": 100,
                "due_date": timezone.localdate(),
            }
        ],
    )
    milestone = contract.milestones.get()
    services.milestone_submit(
        actor=contract.organization.memberships.get().user, milestone=milestone, evidence="x"
    )
    services.milestone_accept(actor=world["purchaser"], milestone=milestone)
    client.force_login(world["purchaser"])
    data = {
        "i-TOTAL_FORMS": "3",
        "i-INITIAL_FORMS": "0",
        "i-MIN_NUM_FORMS": "1",
        "i-MAX_NUM_FORMS": "1000",
        "i-0-name": "服务数量",
        "i-0-weight": "50",
        "i-0-score": "90",
        "i-1-name": "服务质量",
        "i-1-weight": "50",
        "i-1-score": "80",
        "satisfaction": "",
    }
    response = client.post(f"/procurement/{signed['project'].pk}/performance/", data)
    assert response.status_code == 302
    page = client.get(f"/procurement/{signed['project'].pk}/").content.decode()
    assert "85.00" in page  # 0.5 × 90 + 0.5 × 80, no ratings yet


def test_profile_shows_bids_only_once_opened(client, world, project):
    from tests.factories.procurement import submit

    submit(world, project)
    profile = client.get(f"/providers/{world['provider'].pk}/").content.decode()
    assert project.title not in profile
    Project = type(project)
    Project.objects.filter(pk=project.pk).update(
        bid_deadline=timezone.now() - datetime.timedelta(minutes=2),
        opening_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    services.tender_open(actor=world["purchaser"], project=project)
    profile = client.get(f"/providers/{world['provider'].pk}/").content.decode()
    assert project.title in profile and "186420.50" in profile


def test_purchaser_cancels_with_a_reason(client, world, project):
    TOTP.activate(world["purchaser"], "JBSWY3DPEHPK3PXP")
    client.force_login(world["purchaser"])
    client.post(f"/procurement/{project.pk}/cancel/", {"reason": ""})
    project.refresh_from_db()
    assert project.status == "tendering"
    client.post(f"/procurement/{project.pk}/cancel/", {"reason": "预算调整"})
    project.refresh_from_db()
    assert project.status == "cancelled" and project.cancel_reason == "预算调整"
