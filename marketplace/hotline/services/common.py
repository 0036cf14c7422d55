"""Helpers the request services share: locks, the timeline, who to tell."""

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator

from marketplace.accounts.models import CommunityStaffAssignment
from marketplace.hotline.models import Request, RequestEvent
from marketplace.notifications.services import notify


def locked(resident_request: Request) -> Request:
    """The request's row lock serializes every step of its handling."""
    return (
        Request.objects.select_for_update(of=("self",))
        .select_related("community", "category", "resident", "about_organization")
        .get(pk=resident_request.pk)
    )


def timeline_add(resident_request: Request, *, kind: str, actor, note: str = "", at=None):
    return RequestEvent.objects.create(
        request=resident_request,
        kind=kind,
        actor=actor if actor is not None and actor.is_authenticated else None,
        note=note,
        created_at=at or timezone.now(),
    )


def notice_data(resident_request: Request, **extra) -> dict:
    return {
        "number": resident_request.pk,
        "excerpt": Truncator(resident_request.text).chars(30),
        "community": resident_request.community.name,
        **extra,
    }


def detail_url(resident_request: Request) -> str:
    """The link in a notification: the same for every reader, whatever language the
    person acting happens to use."""
    with translation.override(None):
        return reverse("hotline:detail", args=[resident_request.pk])


def notify_resident(resident_request: Request, kind: str, **extra) -> None:
    notify(
        users=[resident_request.resident],
        kind=kind,
        data=notice_data(resident_request, **extra),
        url=detail_url(resident_request),
    )


def staff_by_region(region_ids) -> dict[int, list]:
    """Staff assigned to each region id (a community, or a street)."""
    staff: dict[int, list] = {}
    assignments = CommunityStaffAssignment.objects.filter(community_id__in=set(region_ids))
    for assignment in assignments.select_related("user").order_by("pk"):
        staff.setdefault(assignment.community_id, []).append(assignment.user)
    return staff
