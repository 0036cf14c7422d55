"""Purchaser staff set up a project on the site, then publish it."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from marketplace.procurement.models import Project
from tests.factories.procurement import later


@pytest.fixture
def purchaser_client(client, world):
    TOTP.activate(world["purchaser"], "JBSWY3DPEHPK3PXP")
    client.force_login(world["purchaser"])
    return client


def form_data(world, **overrides):
    data = {
        "purchaser": world["purchaser_org"].pk,
        "title": "杏花街道社区助残服务项目",
        "purpose": "为辖区残疾人提供康复和就业支持。",
        "category": world["category"].pk,
        "budget": "150000",
        "funding_source": "fiscal",
        "service_starts": later(days=40).date().isoformat(),
        "service_ends": later(days=400).date().isoformat(),
        "eligible_types": ["social_work_agency"],
        "required_documents": ["plan"],
        "price_weight": "30",
        "tie_break": "technical",
        "bid_deadline": later(days=10).strftime("%Y-%m-%dT%H:%M"),
        "opening_at": later(days=11).strftime("%Y-%m-%dT%H:%M"),
        "standstill_days": "7",
        "c-TOTAL_FORMS": "3",
        "c-INITIAL_FORMS": "0",
        "c-MIN_NUM_FORMS": "1",
        "c-MAX_NUM_FORMS": "1000",
        "c-0-name": "服务方案",
        "c-0-max_score": "40",
        "c-1-name": "团队",
        "c-1-max_score": "30",
    }
    data.update(overrides)
    return data


def test_set_up_then_publish(purchaser_client, world):
    response = purchaser_client.post("/procurement/new/", form_data(world))
    project = Project.objects.get(title="杏花街道社区助残服务项目")
    assert response["Location"] == f"/procurement/{project.pk}/"
    assert [c.name for c in project.criteria.all()] == ["服务方案", "团队"]
    purchaser_client.post(f"/procurement/{project.pk}/publish/")
    project.refresh_from_db()
    assert project.status == "tendering" and project.tender_key.public_key


def test_opening_before_the_deadline_is_refused(purchaser_client, world):
    data = form_data(world, opening_at=later(days=5).strftime("%Y-%m-%dT%H:%M"))
    response = purchaser_client.post("/procurement/new/", data)
    assert response.status_code == 200
    assert "opening_at" in response.context["form"].errors
    assert not Project.objects.exists()


@pytest.mark.parametrize("role", ["org_admin", "staff", "resident"])
def test_only_purchaser_staff_set_up_projects(client, world, role):
    client.force_login(world[role])
    assert client.get("/procurement/new/").status_code == 403
    assert client.post("/procurement/new/", form_data(world)).status_code == 403
    assert not Project.objects.exists()
