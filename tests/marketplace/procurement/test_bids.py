"""Projects and sealed bids: nothing a bid says is readable anywhere before the opening."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection

from marketplace.core.errors import DomainError, NotPermitted
from marketplace.procurement import sealing, services
from marketplace.procurement.models import Bid, BidStatus, Project, ProjectStatus
from marketplace.procurement.services.bids import attachment_content
from tests.factories import OrganizationFactory, member_of
from tests.factories.procurement import FILES, PRICE, SECRET_FILE, SECRET_PLAN, later, submit

pytestmark = pytest.mark.clock_sweep


def everything_stored() -> str:
    """Every row of every table, as text: the whole database a leak could come from."""
    chunks = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            cursor.execute(f'SELECT * FROM "{table}"')
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def open_now(project):
    Project.objects.filter(pk=project.pk).update(
        bid_deadline=later(minutes=-2), opening_at=later(minutes=-1)
    )
    project.refresh_from_db()


def test_a_sealed_bid_is_nowhere_in_the_database(world, project):
    submit(world, project)
    stored = everything_stored()
    # Only markers too long to turn up by chance inside base64 ciphertext.
    for secret in (
        str(PRICE),
        "186420",
        SECRET_PLAN,
        "licence of the bidder",
        "登记证书",
        "张社工",
    ):
        assert secret not in stored, secret
    bid = Bid.objects.get()
    assert bid.price is None and bid.plan == "" and bid.team == []


def test_nobody_opens_before_the_time(world, project):
    submit(world, project)
    for actor in (world["purchaser"], world["admin"]):
        with pytest.raises(DomainError, match="sealed until"):
            services.tender_open(actor=actor, project=project)
    with pytest.raises(sealing.StillSealed):
        attachment_content(attachment=Bid.objects.get().attachments.first())
    assert Bid.objects.get().price is None


def test_opening_unseals_for_the_purchaser(world, project):
    submit(world, project)
    open_now(project)
    with pytest.raises(NotPermitted):
        services.tender_open(actor=world["org_admin"], project=project)
    project = services.tender_open(actor=world["purchaser"], project=project)
    assert project.status == ProjectStatus.EVALUATING
    bid = Bid.objects.get()
    assert bid.price == PRICE and bid.plan == SECRET_PLAN and bid.team == ["张社工"]
    name, content = attachment_content(attachment=bid.attachments.get(kind="registration"))
    assert (name, content) == ("登记证书.pdf", SECRET_FILE)


def test_a_key_from_another_project_does_not_open(world, project):
    submit(world, project)
    other_public, other_private = sealing.new_key_pair(project.pk + 1)
    with pytest.raises(sealing.StillSealed):
        sealing.private_key_for(
            project_id=project.pk, sealed_private_key=other_private, opening_at=later(days=-1)
        )


def test_no_bids_means_the_tender_fails(world, project):
    open_now(project)
    assert services.tender_open(actor=world["purchaser"], project=project).status == "failed"


def test_withdraw_and_resubmit_before_the_deadline(world, project):
    first = submit(world, project)
    with pytest.raises(DomainError, match="withdraw it"):
        submit(world, project)
    services.bid_withdraw(actor=world["org_admin"], bid=first)
    second = submit(world, project, price=Decimal("150000"))
    assert second.status == BidStatus.SUBMITTED
    open_now(project)
    services.tender_open(actor=world["purchaser"], project=project)
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.price == Decimal("150000.00") and first.price is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"price": Decimal("200000.01")}, "above the budget"),
        ({"price": 0}, "more than zero"),
        ({"price": "很多"}, "number of yuan"),
        ({"plan": "  "}, "Describe how"),
        ({"files": FILES[:1]}, "required documents are missing"),
    ],
)
def test_bad_bids_are_refused_and_nothing_is_stored(world, project, change, message):
    with pytest.raises(DomainError, match=message):
        submit(world, project, **change)
    assert not Bid.objects.exists()


def test_who_may_bid(world, project):
    unverified = OrganizationFactory(status="submitted")
    enterprise = OrganizationFactory(type="service_enterprise")
    for org, error in ((unverified, DomainError), (enterprise, DomainError)):
        with pytest.raises(error):
            submit(world, project, organization=org, actor=member_of(org, role="admin"))
    with pytest.raises(NotPermitted):
        submit(world, project, actor=world["other_staff"])
    assert not Bid.objects.exists()


def test_no_bid_after_the_deadline(world, project, client):
    from django.urls import reverse

    client.force_login(world["org_admin"])
    page = reverse("procurement:detail", args=[project.pk])
    assert client.get(page).context["can_bid"] is True
    Project.objects.filter(pk=project.pk).update(bid_deadline=later(minutes=-1))
    project.refresh_from_db()
    with pytest.raises(DomainError, match="deadline has passed"):
        submit(world, project)
    assert client.get(page).context["can_bid"] is False  # no "Submit a bid" button either


def test_points_must_add_up_to_one_hundred(world, project):
    draft = services.project_create(
        actor=world["purchaser"],
        purchaser=world["purchaser_org"],
        title="权重不对的项目",
        purpose="x",
        category=world["category"],
        budget=Decimal("1000"),
        funding_source="fiscal",
        service_starts=later(days=30).date(),
        service_ends=later(days=60).date(),
        eligible_types=["social_work_agency"],
        required_documents=[],
        price_weight=Decimal("30"),
        bid_deadline=later(days=5),
        opening_at=later(days=5),
        criteria=[{"name": "方案", "max_score": 60}],
    )
    with pytest.raises(DomainError, match="add up to 90"):
        services.project_publish(actor=world["purchaser"], project=draft)


def test_only_the_purchasers_staff_set_up_projects(world):
    with pytest.raises(NotPermitted):
        services.project_create(
            actor=world["org_admin"],
            purchaser=world["purchaser_org"],
            title="x",
            purpose="x",
            category=world["category"],
            budget=1,
            funding_source="fiscal",
            service_starts=later(days=1).date(),
            service_ends=later(days=2).date(),
            bid_deadline=later(days=1),
            opening_at=later(days=1),
        )
