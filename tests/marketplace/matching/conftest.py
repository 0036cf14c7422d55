"""The `matching` fixture: see builders.py for what it holds."""

import pytest
from django.utils import translation

from marketplace.catalog.models import ServiceKind
from marketplace.organizations.models import VerificationStatus
from marketplace.volunteering import services as volunteering
from tests.factories import CategoryFactory, SkillFactory, UserFactory, region_tree
from tests.factories.volunteering import published_task, volunteer

from .builders import (
    NORTH_1_1_KM,
    accept,
    next_saturday,
    open_demand,
    organization,
    social_worker,
)


@pytest.fixture(autouse=True)
def in_english():
    """Reasons are matched in English unless a test asks for Chinese."""
    with translation.override("en"):
        yield


@pytest.fixture
def matching(world):
    category, home, other = world["category"], world["home"], world["other"]
    street = world["streets"][0]
    sign_language = SkillFactory(name_zh="手语", name_en="Sign language")
    cooking = SkillFactory(name_zh="烹饪", name_en="Cooking")
    demand = open_demand(world)
    orgs = {
        "best": organization(
            name="乐龄养老服务中心",
            area=[street],
            offering_kind=ServiceKind.PUBLIC,
            category=category,
        ),
        "declared": organization(name="同心社工", categories=[category], area=[home]),
        "no_area": organization(name="无范围社工", categories=[category]),
        "unverified": organization(
            name="未认证机构",
            area=[home],
            offering_kind=ServiceKind.PUBLIC,
            category=category,
            status=VerificationStatus.SUBMITTED,
        ),
        "out_of_area": organization(name="隔壁机构", categories=[category], area=[other]),
        "purchaser": organization(
            name="街道办", categories=[category], area=[home], type="purchaser"
        ),
        "other_category": organization(
            name="托育中心", categories=[CategoryFactory(code="childcare")], area=[home]
        ),
    }
    orgs["declared"].latitude, orgs["declared"].longitude = NORTH_1_1_KM
    orgs["declared"].save()
    member = UserFactory()
    orgs["best"].memberships.create(user=member, role="admin")
    # `best` is delivering another demand (a week later, so it does not clash).
    later = open_demand(
        world, title="另一项需求", starts_at=next_saturday(9, 2), ends_at=next_saturday(12, 2)
    )
    accept(world, later, actor=member, organization=orgs["best"])

    workers = {
        "senior": social_worker(level="senior", specialties=[category], organization=orgs["best"]),
        "assistant": social_worker(level="assistant", specialties=[category]),
        "generalist": social_worker(level="senior", specialties=[CategoryFactory()]),
        "busy": social_worker(level="senior", specialties=[category]),
    }
    clash = open_demand(world, title="同一时间的需求")
    accept(world, clash, actor=workers["busy"])

    far_tree = region_tree(streets=1, communities_per_street=1)
    people = {
        "signer": volunteer(home, skills=[sign_language]),
        "open": volunteer(other, skills=[cooking]),
        "evening": volunteer(home, skills=[sign_language]),
        "booked": volunteer(home, skills=[sign_language]),
        "unverified": volunteer(home, skills=[sign_language], verified=False),
        "far": volunteer(far_tree["communities"][0], skills=[sign_language]),
    }
    for key, slots in {
        "signer": ["weekend_morning"],
        "evening": ["weekday_evening"],
        "booked": ["weekend_morning"],
        "unverified": ["weekend_morning"],
        "far": ["weekend_morning"],
    }.items():
        profile = people[key].volunteer_profile
        profile.availability = slots
        profile.save()
    task = published_task(
        world["staff"],
        home,
        category=category,
        shifts=[{"starts_at": next_saturday(10), "ends_at": next_saturday(11), "capacity": 5}],
    )
    volunteering.shift_signup(actor=people["booked"], shift=task.shifts.get())
    return {
        **world,
        "demand": demand,
        "orgs": orgs,
        "workers": workers,
        "people": people,
        "skills": {"sign_language": sign_language, "cooking": cooking},
        "task": task,
    }
