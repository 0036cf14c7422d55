"""Builders for the matching tests, and the small world conftest.py makes with them.

The world: one demand of the home community and candidates around it.

The demand (养老, public service) asks for sign language (手语) on a Saturday morning,
at the home community's centre. Around it:

  organizations  best (an offering of the kind, serves the street, next door, one
                 accepted demand underway), declared (only lists the category, serves
                 the home community, 1.1 km north), no_area (declares no service area),
                 and, left out: unverified, out_of_area, purchaser, other_category
  social workers senior (a 养老 specialist at `best`), assistant (a 养老 specialist
                 on their own), and, left out: generalist (another specialty), busy
                 (accepted for a demand at the same time)
  volunteers     signer (knows 手语, free on weekend mornings, home community),
                 open (declared no availability, lives in the other community),
                 and, left out: evening (free on weekday evenings only), booked (holds
                 an overlapping shift), unverified, far (another district)
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from marketplace.accounts.models import SocialWorkerProfile
from marketplace.catalog.models import ServiceKind
from marketplace.demands import services as demands
from tests.factories import (
    DemandFactory,
    OfferingFactory,
    OrganizationFactory,
    UserFactory,
)

SATURDAY = 5
HOME = (Decimal("30.250000"), Decimal("120.160000"))
NORTH_1_1_KM = (Decimal("30.260000"), Decimal("120.160000"))  # 1.11 km north of HOME


def next_saturday(hour: int, weeks: int = 1) -> datetime.datetime:
    today = timezone.localtime()
    days = (SATURDAY - today.weekday()) % 7 + 7 * weeks
    day = today + datetime.timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def organization(*, categories=(), area=(), offering_kind=None, category=None, **fields):
    org = OrganizationFactory(latitude=HOME[0], longitude=HOME[1], **fields)
    org.categories.set(categories)
    org.service_area.set(area)
    if offering_kind:
        OfferingFactory(organization=org, category=category, kind=offering_kind)
    return org


def social_worker(*, level, specialties=(), organization=None):
    user = UserFactory()
    profile = SocialWorkerProfile.objects.create(user=user, level=level, organization=organization)
    profile.specialties.set(specialties)
    return user


def open_demand(world, **fields):
    defaults = {
        "community": world["home"],
        "category": world["category"],
        "kind": ServiceKind.PUBLIC,
        "title": "独居老人陪同就医",
        "description": "两位听障老人要去医院复查，需要会手语的人陪同。",
        "latitude": HOME[0],
        "longitude": HOME[1],
        "starts_at": next_saturday(9),
        "ends_at": next_saturday(12),
        "created_by": world["staff"],
    }
    demand = DemandFactory(**{**defaults, **fields})
    return demands.demand_publish(actor=world["staff"], demand=demand)


def accept(world, demand, *, actor, organization=None):
    response = demands.response_submit(
        actor=actor, demand=demand, organization=organization, message="我们可以承接"
    )
    demands.response_accept(actor=world["staff"], response=response)
    return response
