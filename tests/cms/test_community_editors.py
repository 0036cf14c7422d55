"""Community staff edit their own community's section of the site, and nothing else."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from cms.editors import community_editors_group_name
from cms.models import CommunityPage, HomePage, StandardPage
from marketplace.accounts.models import CommunityStaffAssignment
from tests.factories import UserFactory
from tests.site import build_site


@pytest.fixture
def section(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        home_page = build_site(communities=[world["home"], world["other"]])
    return {
        "home_page": home_page,
        "mine": CommunityPage.objects.get(community=world["home"]),
        "theirs": CommunityPage.objects.get(community=world["other"]),
    }


def can(user, page, action):
    """Ask Wagtail afresh (it caches a user's permissions on the user object)."""
    page = Page.objects.get(pk=page.pk)
    user = type(user).objects.get(pk=user.pk) if user.pk else user
    tester = page.permissions_for_user(user)
    return {"edit": tester.can_edit, "publish": tester.can_publish, "add": tester.can_add_subpage}[
        action
    ]()


@pytest.mark.parametrize("action", ["edit", "publish", "add"])
def test_staff_edit_their_own_section(world, section, action):
    assert can(world["staff"], section["mine"], action)
    assert not can(world["staff"], section["theirs"], action)
    assert not can(world["staff"], section["home_page"], action)


def test_the_neighbours_staff_are_mirrored(world, section):
    assert can(world["other_staff"], section["theirs"], "edit")
    assert not can(world["other_staff"], section["mine"], "edit")


@pytest.mark.parametrize("role", ["org_admin", "purchaser", "resident", "volunteer"])
def test_other_roles_edit_no_section(world, section, role):
    assert not can(world[role], section["mine"], "edit")


def test_edit_view_in_the_back_office(client, world, section):
    client.force_login(world["staff"])
    assert client.get(f"/admin/pages/{section['mine'].pk}/edit/").status_code == 200
    refused = client.get(f"/admin/pages/{section['theirs'].pk}/edit/")
    assert refused.status_code == 302
    assert refused["Location"] == "/admin/"


def test_staff_publish_a_notice_under_their_section(client, world, section):
    client.force_login(world["staff"])
    mine = section["mine"]
    response = client.post(
        f"/admin/pages/add/cms/standardpage/{mine.pk}/",
        {
            "title": "停水通知",
            "slug": "water-notice",
            "intro": "周三上午停水",
            "body-count": "0",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    notice = StandardPage.objects.get(slug="water-notice")
    assert notice.live
    assert notice.get_parent().pk == mine.pk


def test_assignment_and_removal_follow_through(world, section, django_capture_on_commit_callbacks):
    newcomer = UserFactory()
    assert not can(newcomer, section["mine"], "edit")
    with django_capture_on_commit_callbacks(execute=True):
        assignment = CommunityStaffAssignment.objects.create(user=newcomer, community=world["home"])
    assert can(newcomer, section["mine"], "edit")
    with django_capture_on_commit_callbacks(execute=True):
        assignment.community = world["other"]
        assignment.save()
    assert not can(newcomer, section["mine"], "edit")
    assert can(newcomer, section["theirs"], "edit")
    with django_capture_on_commit_callbacks(execute=True):
        assignment.delete()
    assert not can(newcomer, section["theirs"], "edit")
    group = Group.objects.get(name=community_editors_group_name(world["other"].pk))
    assert list(group.user_set.all()) == [world["other_staff"]]


def test_home_page_is_still_not_theirs(world, section):
    assert isinstance(section["home_page"], HomePage)
    assert not can(world["staff"], section["home_page"], "add")


def test_the_sync_command_backfills_groups(world, section):
    from io import StringIO

    from django.core.management import call_command

    Group.objects.filter(name__startswith="community-editors-").delete()
    assert not can(world["staff"], section["mine"], "edit")
    out = StringIO()
    call_command("sync_community_editors", verbosity=0, stdout=out)
    assert can(world["staff"], section["mine"], "edit")
    assert not can(world["staff"], section["theirs"], "edit")
    assert "synced 2 communities" in out.getvalue()
