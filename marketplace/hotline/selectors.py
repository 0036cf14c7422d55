"""Reads the request pages share: the resident's list, the staff board, one request."""

from django.db.models import Case, DateTimeField, F, Q, QuerySet, When

from marketplace.accounts.scope import scope_of
from marketplace.core.errors import NotFound
from marketplace.core.selectors import object_or_not_found
from marketplace.hotline.models import OPEN_STATUSES, Request, RequestCategory, RequestStatus
from marketplace.hotline.states import is_request_resident, is_request_staff

S = RequestStatus


def handled_by(user) -> Q:
    """The requests a staff member handles: their communities', and every community of
    a street they are assigned to."""
    if user.is_superuser:
        return Q()
    ids = scope_of(user).community_ids
    return Q(community_id__in=ids) | Q(community__parent_id__in=ids)


def may_use_board(user) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(scope_of(user).community_ids))


def board_list(*, user) -> QuerySet[Request]:
    """Requests in the user's communities and streets, nearest working deadline first
    (accept-by while submitted, resolve-by while accepted; finished ones last)."""
    if not may_use_board(user):
        return Request.objects.none()
    deadline = Case(
        When(status=S.SUBMITTED, then=F("respond_by")),
        When(status=S.ACCEPTED, then=F("resolve_by")),
        output_field=DateTimeField(),
    )
    return (
        Request.objects.filter(handled_by(user))
        .annotate(deadline=deadline)
        .select_related("community", "community__parent", "category", "about_organization")
        .order_by(F("deadline").asc(nulls_last=True), "-created_at", "pk")
    )


def escalated_open_count(*, user) -> int:
    """Open requests escalated to the street, for the board's banner."""
    if not may_use_board(user):
        return 0
    return Request.objects.filter(
        handled_by(user), status__in=OPEN_STATUSES, escalated_at__isnull=False
    ).count()


def requests_of(*, user) -> QuerySet[Request]:
    """The resident's own requests, newest first."""
    if not user.is_authenticated:
        return Request.objects.none()
    return (
        Request.objects.filter(resident_id=user.pk)
        .select_related("community", "category")
        .order_by("-created_at", "-pk")
    )


def request_get(*, user, pk: int) -> Request:
    """One request, for its resident or its staff; anyone else gets a 404."""
    resident_request = object_or_not_found(
        Request.objects.select_related(
            "community",
            "community__parent",
            "category",
            "resident",
            "about_organization",
            "handled_by",
        ),
        pk=pk,
    )
    if not (
        is_request_resident(resident_request, user) or is_request_staff(resident_request, user)
    ):
        raise NotFound
    return resident_request


def timeline(resident_request: Request):
    return resident_request.events.select_related("actor").order_by("created_at", "pk")


def active_categories() -> QuerySet[RequestCategory]:
    return RequestCategory.objects.filter(is_active=True)
