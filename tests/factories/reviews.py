"""Delivered services and the residents they served, for the ratings tests."""

from marketplace.accounts.models import ResidentProfile
from marketplace.demands import services as demands
from marketplace.reviews import services

from . import DemandFactory, UserFactory


def resident_of(community):
    user = UserFactory()
    ResidentProfile.objects.create(user=user, community=community)
    return user


def delivered_demand(world, *, served=(), organization=None, closed=True):
    """A demand of the home community met by the world's provider, delivered (and closed)
    through the services; `served` people recorded by the staff."""
    staff = world["staff"]
    demand = DemandFactory(community=world["home"], category=world["category"], created_by=staff)
    demands.demand_publish(actor=staff, demand=demand)
    response = demands.response_submit(
        actor=world["org_admin"],
        demand=demand,
        message="我们派两名护理员上门",
        organization=organization or world["provider"],
    )
    demands.response_accept(actor=staff, response=response)
    demands.demand_start(actor=world["org_admin"], demand=demand)
    demands.demand_deliver(actor=world["org_admin"], demand=demand)
    if closed:
        demands.demand_close(actor=staff, demand=demand)
    if served:
        services.served_people_record(
            actor=staff,
            service_kind="demand",
            service_id=demand.pk,
            contacts=[person.email for person in served],
        )
    demand.refresh_from_db()
    return demand


def finished_shift(world, *, served=()):
    """A shift of a community-run task that has ended, with `served` people recorded."""
    from datetime import timedelta

    from django.utils import timezone

    from marketplace.volunteering.models import Shift

    from .volunteering import published_task

    task = published_task(world["staff"], world["home"])
    shift = task.shifts.get()
    ended = timezone.now() - timedelta(days=1)
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=ended - timedelta(hours=3), ends_at=ended, signup_deadline=None
    )
    if served:
        services.served_people_record(
            actor=world["staff"],
            service_kind="shift",
            service_id=shift.pk,
            contacts=[person.email for person in served],
        )
    shift.refresh_from_db()
    return shift


def accepted_milestone(world):
    """A contract milestone accepted by the purchaser, on a project serving `home`."""
    import datetime

    from django.utils import timezone

    from marketplace.procurement import services as procurement
    from marketplace.procurement.models import Award

    from .procurement import opened_tender, score_all

    tender = opened_tender(world)
    tender["project"].communities.set([world["home"]])
    score_all(tender)
    award = procurement.project_award(actor=world["purchaser"], project=tender["project"])
    Award.objects.filter(pk=award.pk).update(
        standstill_ends_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    today = timezone.localdate()
    contract = procurement.contract_sign(
        actor=world["purchaser"],
        project=tender["project"],
        milestones=[
            {"title": "启动", "deliverables": "评估报告", "payment_share": 40, "due_date": today},
            {
                "title": "结项",
                "deliverables": "结项报告",
                "payment_share": 60,
                "due_date": today + datetime.timedelta(days=90),
            },
        ],
    )
    first, second = contract.milestones.all()
    undertaker = award.bid.organization.memberships.get().user
    procurement.milestone_submit(actor=undertaker, milestone=first, evidence="评估报告已交付")
    procurement.milestone_accept(actor=world["purchaser"], milestone=first)
    return {"accepted": first, "pending": second, "organization": award.bid.organization}


def resolved_request(world, *, resident=None):
    """A resident's request, accepted and resolved by the community's staff."""
    from marketplace.hotline import services as hotline
    from marketplace.hotline.models import RequestCategory

    category, _ = RequestCategory.objects.get_or_create(
        code="repairs",
        defaults={
            "name_zh": "设施维修",
            "name_en": "Repairs",
            "response_hours": 2,
            "resolution_hours": 48,
        },
    )
    item = hotline.request_file(
        actor=resident or world["resident"],
        category=category,
        text="楼道灯坏了一个星期。",
        place="杏花路58号2幢",
    )
    hotline.request_accept(actor=world["staff"], resident_request=item)
    hotline.request_resolve(actor=world["staff"], resident_request=item, resolution="已更换灯泡")
    return item
