"""Community staff edit their own community's section of the site, and nothing else.

Wagtail grants page permissions to groups. Every community has one editors group that
holds exactly its staff (from CommunityStaffAssignment) and may add, change and publish
pages under the community's page, and add and choose images and documents in the
community's own collection. The group is derived data: it is rebuilt from the
assignments whenever an assignment or a community page changes (see cms.signals).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from marketplace.regions.models import Region

from .models import CommunityPage

GROUP_PREFIX = "community-editors-"
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)


def community_editors_group_name(community_id: int) -> str:
    return f"{GROUP_PREFIX}{community_id}"


def _permissions(pairs) -> list[Permission]:
    wanted = set(pairs)
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in wanted},
        codename__in={codename for _, codename in wanted},
    ).select_related("content_type")
    return [p for p in found if (p.content_type.app_label, p.codename) in wanted]


def _community_collection(community: Region) -> Collection:
    """The community's own collection, named with its slug: two communities may share a
    name (幸福社区 exists in many districts), never a slug."""
    name = f"{community.name} ({community.slug})"
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for child in root.get_children():
        if child.name == name:
            return child
    return root.add_child(name=name)


def _grant_section(group: Group, community: Region) -> None:
    page_permissions = _permissions(("wagtailcore", name) for name in PAGE_PERMISSIONS)
    for page in CommunityPage.objects.filter(community=community):
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    collection = _community_collection(community)
    for permission in _permissions(COLLECTION_PERMISSIONS):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )


@transaction.atomic
def community_editors_sync(*, community_id: int) -> Group | None:
    """Make the community's editors group match its staff and its section."""
    community = Region.objects.filter(pk=community_id).first()
    name = community_editors_group_name(community_id)
    if community is None:
        Group.objects.filter(name=name).delete()
        return None
    group, _created = Group.objects.get_or_create(name=name)
    _grant_section(group, community)
    staff = get_user_model().objects.filter(community_assignments__community=community)
    group.user_set.set(staff)
    return group


def community_editors_sync_for_user(*, user_id: int) -> None:
    """Resync every community this user edits now or is assigned to now."""
    current = Group.objects.filter(user__pk=user_id, name__startswith=GROUP_PREFIX)
    community_ids = {int(g.name.removeprefix(GROUP_PREFIX)) for g in current}
    community_ids |= set(
        Region.objects.filter(staff_assignments__user_id=user_id).values_list("pk", flat=True)
    )
    for community_id in sorted(community_ids):
        community_editors_sync(community_id=community_id)
