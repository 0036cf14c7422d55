"""Procurement scenes for tests: a published project, bids, a scored tender."""

import datetime
from decimal import Decimal

from django.utils import timezone

from marketplace.procurement import services
from marketplace.procurement.models import Criterion, Project
from tests.factories import OrganizationFactory, UserFactory, member_of


def later(**delta):
    return timezone.now() + datetime.timedelta(**delta)


SECRET_PLAN = "以社区食堂为枢纽的分级助餐方案-XQ7"
SECRET_FILE = b"%PDF-1.4 licence of the bidder 93817"
PRICE = Decimal("186420.50")


def published_project(world):
    """A published tender of the world's purchaser: 30 price points, two criteria."""
    project = services.project_create(
        actor=world["purchaser"],
        purchaser=world["purchaser_org"],
        title="杏花街道老年助餐服务项目",
        purpose="为辖区高龄、独居老人提供助餐服务。",
        category=world["category"],
        budget=Decimal("200000"),
        funding_source="fiscal",
        service_starts=(later(days=40)).date(),
        service_ends=(later(days=400)).date(),
        eligible_types=["social_work_agency", "social_organization"],
        required_documents=["registration", "plan"],
        price_weight=Decimal("30"),
        bid_deadline=later(days=10),
        opening_at=later(days=10, hours=1),
        criteria=[
            {"name": "服务方案", "max_score": 40},
            {"name": "团队与经验", "max_score": 30},
        ],
        communities=[world["home"]],
    )
    return services.project_publish(actor=world["purchaser"], project=project)


FILES = [("registration", "登记证书.pdf", SECRET_FILE), ("plan", "方案.pdf", b"plan pages")]


def submit(world, project, organization=None, actor=None, **overrides):
    values = {"price": PRICE, "plan": SECRET_PLAN, "team": ["张社工"], "files": FILES}
    values.update(overrides)
    return services.bid_submit(
        actor=actor or world["org_admin"],
        project=project,
        organization=organization or world["provider"],
        **values,
    )


SHEETS = {  # bidder → three evaluators' (plan, team)
    "甲": [(35, 25), (32, 24), (38, 26)],
    "乙": [(30, 20), (28, 22), (29, 27)],
    "丙": [(25, 18), (27, 20), (26, 22)],
}
PRICES = {"甲": 180000, "乙": 200000, "丙": 150000}


def opened_tender(world):
    """Three bids (甲 乙 丙 at the prices above), a panel of three, opened."""
    project = services.project_create(
        actor=world["purchaser"],
        purchaser=world["purchaser_org"],
        title="望江街道社区心理服务项目",
        purpose="x",
        category=world["category"],
        budget=Decimal("250000"),
        funding_source="fiscal",
        service_starts=later(days=40).date(),
        service_ends=later(days=400).date(),
        eligible_types=["social_work_agency"],
        required_documents=["registration", "plan"],
        price_weight=Decimal("30"),
        tie_break="technical",
        bid_deadline=later(days=10),
        opening_at=later(days=10, hours=1),
        criteria=[{"name": "服务方案", "max_score": 40}, {"name": "团队与经验", "max_score": 30}],
    )
    project = services.project_publish(actor=world["purchaser"], project=project)
    bidders = {}
    for name, price in PRICES.items():
        org = OrganizationFactory(name=f"{name}社工服务中心")
        admin = member_of(org, role="admin")
        services.bid_submit(
            actor=admin, project=project, organization=org, price=price, plan="方案", files=FILES
        )
        bidders[name] = org
    panel = [UserFactory(name=f"评审专家{i}") for i in range(1, 4)]
    for person in panel:
        services.panel_appoint(actor=world["purchaser"], project=project, user=person)
    Project.objects.filter(pk=project.pk).update(
        bid_deadline=later(minutes=-2), opening_at=later(minutes=-1)
    )
    project.refresh_from_db()
    services.tender_open(actor=world["purchaser"], project=project)
    return {"project": project, "bidders": bidders, "panel": panel}


def sheet(tender, index, sheets=SHEETS):
    plan, team = Criterion.objects.filter(project=tender["project"]).order_by("sort_order")
    scores = {}
    for name, org in tender["bidders"].items():
        bid = org.bids.get()
        scores[(bid.pk, plan.pk)], scores[(bid.pk, team.pk)] = sheets[name][index]
    return scores


def score_all(tender, sheets=SHEETS):
    for index, person in enumerate(tender["panel"]):
        services.evaluator_declare(
            actor=person,
            project=tender["project"],
            no_conflict=True,
            statement="与各投标人无利害关系",
        )
        services.score_sheet_submit(
            actor=person, project=tender["project"], scores=sheet(tender, index, sheets)
        )
