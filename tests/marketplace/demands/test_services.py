import pytest
from django.db import transaction
from django.utils.translation import gettext

from marketplace.core.errors import DomainError, NotPermitted
from marketplace.core.models import AuditEvent
from marketplace.demands import services
from marketplace.demands.models import Demand, DemandStatus, ResponseStatus
from tests.factories import DemandFactory


def _draft(world, **kwargs):
    fields = DemandFactory.build(category=world["category"], community=world["home"]).__dict__
    values = {k: fields[k] for k in services.DEMAND_FIELDS if k not in ("category", "community")}
    return services.demand_create(
        actor=world["staff"],
        community=world["home"],
        category=world["category"],
        **{**values, **kwargs},
    )


def test_staff_posts_a_draft_for_their_own_community(world):
    demand = _draft(world)
    assert demand.status == DemandStatus.DRAFT
    assert AuditEvent.objects.filter(event="demands.demand.created", actor=world["staff"]).exists()


def test_staff_cannot_post_for_another_community(world):
    with pytest.raises(NotPermitted):
        services.demand_create(
            actor=world["other_staff"],
            community=world["home"],
            category=world["category"],
            title="x",
            kind="volunteer",
            description="x",
            beneficiaries_count=1,
            place="x",
            starts_at=_draft(world).starts_at,
            ends_at=_draft(world).ends_at,
        )


def test_full_lifecycle_with_the_right_roles(world):
    demand = _draft(world)
    services.demand_publish(actor=world["staff"], demand=demand)
    response = services.response_submit(
        actor=world["org_staff"], demand=demand, organization=world["provider"], message="我们可以"
    )
    other = services.response_submit(
        actor=world["social_worker"], demand=demand, message="我也可以"
    )
    services.response_accept(actor=world["staff"], response=response)
    services.demand_start(actor=world["org_admin"], demand=demand)
    services.demand_deliver(actor=world["org_staff"], demand=demand)
    services.demand_close(actor=world["staff"], demand=demand)
    demand.refresh_from_db()
    other.refresh_from_db()
    assert demand.status == DemandStatus.CLOSED
    assert demand.accepted_response_id == response.pk
    assert other.status == ResponseStatus.DECLINED
    events = list(
        AuditEvent.objects.filter(target_id=str(demand.pk)).values_list("event", flat=True)
    )
    for event in ("published", "matched", "started", "delivered", "closed"):
        assert f"demands.demand.{event}" in events


@pytest.mark.parametrize("actor", ["other_staff", "org_admin", "resident", "purchaser"])
def test_only_the_communitys_staff_may_publish(world, actor):
    demand = _draft(world)
    with pytest.raises(NotPermitted):
        services.demand_publish(actor=world[actor], demand=demand)
    demand.refresh_from_db()
    assert demand.status == DemandStatus.DRAFT


def test_forbidden_transition_is_refused_and_changes_nothing(world):
    demand = _draft(world)
    with pytest.raises(DomainError) as error:
        services.demand_close(actor=world["staff"], demand=demand)
    assert "草稿" in str(error.value.message) or "Draft" in str(error.value.message)
    demand.refresh_from_db()
    assert demand.status == DemandStatus.DRAFT
    assert not AuditEvent.objects.filter(event="demands.demand.closed").exists()


def test_a_provider_not_chosen_cannot_start_the_service(world):
    demand = _draft(world)
    services.demand_publish(actor=world["staff"], demand=demand)
    chosen = services.response_submit(actor=world["social_worker"], demand=demand, message="我来")
    services.response_accept(actor=world["staff"], response=chosen)
    with pytest.raises(NotPermitted):
        services.demand_start(actor=world["org_admin"], demand=demand)
    services.demand_start(actor=world["social_worker"], demand=demand)
    assert Demand.objects.get(pk=demand.pk).status == DemandStatus.IN_PROGRESS


def test_responses_are_refused_unless_open_or_twice(world):
    demand = _draft(world)
    with pytest.raises(DomainError):
        services.response_submit(actor=world["social_worker"], demand=demand, message="早了")
    services.demand_publish(actor=world["staff"], demand=demand)
    services.response_submit(actor=world["social_worker"], demand=demand, message="一次")
    with pytest.raises(DomainError):
        with transaction.atomic():
            services.response_submit(actor=world["social_worker"], demand=demand, message="两次")
    assert demand.responses.count() == 1


def test_a_member_cannot_respond_for_someone_elses_organization(world):
    from tests.factories import OrganizationFactory

    demand = _draft(world)
    services.demand_publish(actor=world["staff"], demand=demand)
    with pytest.raises(NotPermitted):
        services.response_submit(
            actor=world["org_admin"],
            demand=demand,
            organization=OrganizationFactory(),
            message="冒名",
        )
    assert demand.responses.count() == 0


def test_a_purchaser_cannot_respond_to_a_demand_as_a_provider(world):
    """Purchasers buy services; only verified providers answer a community's demand."""
    demand = _draft(world)
    services.demand_publish(actor=world["staff"], demand=demand)
    with pytest.raises(DomainError) as refused:
        services.response_submit(
            actor=world["purchaser"],
            demand=demand,
            organization=world["purchaser_org"],
            message="我们来办",
        )
    assert refused.value.message == gettext("Only a verified service provider can respond.")
    assert demand.responses.count() == 0


def test_cancel_needs_a_reason(world):
    demand = _draft(world)
    with pytest.raises(DomainError):
        services.demand_cancel(actor=world["staff"], demand=demand, reason="  ")
    services.demand_cancel(actor=world["staff"], demand=demand, reason="活动取消")
    demand.refresh_from_db()
    assert demand.status == DemandStatus.CANCELLED and demand.cancel_reason == "活动取消"


def test_a_time_window_that_ends_before_it_starts_is_refused(world):
    from django.core.exceptions import ValidationError

    demand = _draft(world)
    with pytest.raises(ValidationError) as error:
        services.demand_update(actor=world["staff"], demand=demand, ends_at=demand.starts_at)
    assert "ends_at" in error.value.message_dict
