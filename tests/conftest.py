from contextlib import nullcontext

import pytest
from django.contrib.auth.models import AnonymousUser

from marketplace.accounts.models import ResidentProfile, SocialWorkerProfile, VolunteerProfile
from tests.factories import (
    CategoryFactory,
    OrganizationFactory,
    UserFactory,
    member_of,
    region_tree,
    staff_of,
)

pytest_plugins = ["tests.clock"]


@pytest.fixture
def world(db):
    """Two communities on one street, one provider, and people in every role."""
    tree = region_tree(streets=1, communities_per_street=2)
    home, other = tree["communities"]
    provider = OrganizationFactory()
    purchaser = OrganizationFactory(type="purchaser", name="测试街道办事处")
    admin = UserFactory(is_superuser=True, is_staff=True)
    return {
        **tree,
        "home": home,
        "other": other,
        "category": CategoryFactory(code="elderly-care", name_zh="养老", name_en="Elderly care"),
        "provider": provider,
        "purchaser_org": purchaser,
        "staff": staff_of(home),
        "other_staff": staff_of(other),
        "org_admin": member_of(provider, role="admin"),
        "org_staff": member_of(provider, role="staff"),
        "purchaser": member_of(purchaser, role="staff"),
        "admin": admin,
        "resident": _with_profile(ResidentProfile, community=home),
        "volunteer": _with_profile(VolunteerProfile, home_community=home),
        "social_worker": _with_profile(SocialWorkerProfile, level="intermediate"),
        "anonymous": AnonymousUser(),
    }


def _with_profile(profile_model, **fields):
    user = UserFactory()
    profile_model.objects.create(user=user, **fields)
    return user


@pytest.fixture(scope="module")
def seeded_demo(request, module_clock, django_db_setup, django_db_blocker):
    """The demo (`seed_demo`), seeded once for the module that asks for it (at each
    instant of a clock sweep), inside a transaction rolled back after the module; what
    the seed leaves for after commit (tender notice pages, search indexing) runs at
    once. A module whose tests never search sets `DEMO_SEARCH_INDEX = False`: the
    seed's index updates are then not sent (a quarter of the seed's time, which the
    clock sweep pays at each instant). Tests using it also need `db`."""
    from unittest import mock

    from django.core.management import call_command
    from django.db import transaction
    from django.test import TestCase

    from search import indexing

    unindexed = not getattr(request.module, "DEMO_SEARCH_INDEX", True)
    skip_index = mock.patch.object(indexing, "index_objects_task") if unindexed else nullcontext()
    with django_db_blocker.unblock(), transaction.atomic():
        with skip_index, TestCase.captureOnCommitCallbacks(execute=True):
            call_command("seed_demo", "--no-progress", stdout=open("/dev/null", "w"))
        yield
        transaction.set_rollback(True)
