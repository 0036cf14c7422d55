"""Filing a request and every step of its handling, through the transition table."""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.models import ResidentProfile
from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.core.transitions import transition_apply, transition_with_reason
from marketplace.core.validation import first_error
from marketplace.hotline.models import EventKind, Request, RequestCategory, RequestPhoto
from marketplace.hotline.photos import photos_check
from marketplace.hotline.services.common import (
    detail_url,
    locked,
    notice_data,
    notify_resident,
    staff_by_region,
    timeline_add,
)
from marketplace.notifications.services import notify
from marketplace.organizations.models import Organization
from marketplace.reviews.models import CreditEventKind
from marketplace.reviews.registry import ProviderType
from marketplace.reviews.services.common import provider_people
from marketplace.reviews.services.credit import credit_event_record


@transaction.atomic
def request_file(
    *,
    actor,
    category: RequestCategory | None,
    text: str,
    place: str = "",
    latitude: Decimal | float | None = None,
    longitude: Decimal | float | None = None,
    about_organization: Organization | None = None,
    photos=(),
) -> Request:
    """A resident files a request, at any hour; it goes to their home community, with
    the category's deadlines to accept and to resolve counted from now."""
    profile = _resident_profile(actor)
    if not (text or "").strip():
        raise DomainError(_("Say what the matter is."), field="text")
    if category is None or not category.is_active:
        raise DomainError(_("Choose a category that is open for requests."), field="category")
    latitude, longitude = _coordinates(latitude, longitude)
    community = profile.community
    if latitude is not None and not community.contains(latitude, longitude):
        raise DomainError(
            _(
                "This place is outside the area of %(community)s, your home community, which "
                "handles your requests. Check the place, or contact the community where it is."
            )
            % {"community": community.name},
            field="place",
        )
    photos = list(photos)
    photos_check(photos)
    now = timezone.now()
    resident_request = Request(
        resident=actor,
        community=community,
        category=category,
        text=text.strip(),
        place=(place or "").strip(),
        latitude=latitude,
        longitude=longitude,
        about_organization=about_organization,
        respond_by=now + timedelta(hours=category.response_hours),
        resolve_by=now + timedelta(hours=category.resolution_hours),
    )
    _validate(resident_request)
    resident_request.save()
    for photo in photos:
        RequestPhoto.objects.create(request=resident_request, image=photo)
    timeline_add(resident_request, kind=EventKind.FILED, actor=actor, at=now)
    audit_record(
        actor=actor,
        event="hotline.request.filed",
        target=resident_request,
        community=community.pk,
        category=category.code,
        photos=len(photos),
    )
    staff = staff_by_region([community.pk]).get(community.pk, [])
    notify(
        users=staff,
        kind="hotline.request.new",
        data=notice_data(resident_request, respond_by=_when(resident_request.respond_by)),
        url=detail_url(resident_request),
    )
    return resident_request


def _resident_profile(actor) -> ResidentProfile:
    profile = (
        ResidentProfile.objects.select_related("community", "community__parent")
        .filter(user_id=actor.pk)
        .first()
        if actor.is_authenticated
        else None
    )
    if profile is None:
        raise NotPermitted(
            _("Only a resident can file a request: add your home community to your account.")
        )
    return profile


def _coordinates(latitude, longitude) -> tuple[Decimal | None, Decimal | None]:
    if latitude in (None, "") and longitude in (None, ""):
        return None, None
    if latitude in (None, "") or longitude in (None, ""):
        raise DomainError(_("Give both latitude and longitude, or neither."), field="place")
    try:
        return Decimal(str(latitude)), Decimal(str(longitude))
    except InvalidOperation:
        raise DomainError(_("The coordinates are not numbers."), field="place") from None


def _validate(resident_request: Request) -> None:
    try:
        resident_request.full_clean()
    except ValidationError as error:
        fields = list(getattr(error, "error_dict", {}))
        field = "place" if fields and fields[0] in ("latitude", "longitude") else None
        field = field or (fields[0] if fields else None)
        raise DomainError(first_error(error), field=field) from None


def _when(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


@transaction.atomic
def request_accept(*, actor, resident_request: Request, note: str = "") -> Request:
    """Community (or street) staff take the request on."""
    resident_request = locked(resident_request)
    resident_request.accepted_at = timezone.now()
    resident_request.handled_by = actor
    transition_apply(
        obj=resident_request,
        name="accept",
        actor=actor,
        event="hotline.request.accepted",
        fields=("accepted_at", "handled_by"),
    )
    timeline_add(resident_request, kind=EventKind.ACCEPTED, actor=actor, note=note.strip())
    notify_resident(
        resident_request,
        "hotline.request.accepted",
        resolve_by=_when(resident_request.resolve_by),
    )
    return resident_request


@transaction.atomic
def request_resolve(
    *, actor, resident_request: Request, resolution: str, upheld: bool | None = None
) -> Request:
    """Staff say how the matter was resolved; for a complaint about a provider they also
    say whether it is upheld, and an upheld one counts against the provider's credit."""
    if not (resolution or "").strip():
        raise DomainError(_("Say how the request was resolved."), field="resolution")
    resident_request = locked(resident_request)
    complaint = resident_request.about_organization_id is not None
    if complaint and upheld is None:
        raise DomainError(_("Say whether the complaint is upheld."), field="upheld")
    resident_request.resolution = resolution.strip()
    resident_request.upheld = upheld if complaint else None
    resident_request.resolved_at = timezone.now()
    resident_request.handled_by = actor
    transition_apply(
        obj=resident_request,
        name="resolve",
        actor=actor,
        event="hotline.request.resolved",
        fields=("resolution", "upheld", "resolved_at", "handled_by"),
        upheld=resident_request.upheld,
    )
    timeline_add(
        resident_request, kind=EventKind.RESOLVED, actor=actor, note=resident_request.resolution
    )
    if resident_request.upheld:
        credit_event_record(
            organization_id=resident_request.about_organization_id,
            kind=CreditEventKind.COMPLAINT_UPHELD,
            source=resident_request,
            actor=actor,
        )
        notify(
            users=provider_people(
                ProviderType.ORGANIZATION, resident_request.about_organization_id
            ),
            kind="hotline.complaint.upheld",
            data=notice_data(resident_request, resolution=resident_request.resolution),
            url="",
        )
    notify_resident(
        resident_request, "hotline.request.resolved", resolution=resident_request.resolution
    )
    return resident_request


@transaction.atomic
def request_reject(*, actor, resident_request: Request, reason: str) -> Request:
    """Staff decline a request that is not within the community's remit, saying why."""
    if not (reason or "").strip():
        raise DomainError(_("Say why the request is not within remit."), field="reason")
    resident_request = locked(resident_request)
    transition_with_reason(
        obj=resident_request,
        name="reject",
        actor=actor,
        event="hotline.request.rejected",
        reason=reason,
        field="reject_reason",
    )
    timeline_add(
        resident_request, kind=EventKind.REJECTED, actor=actor, note=resident_request.reject_reason
    )
    notify_resident(
        resident_request, "hotline.request.rejected", reason=resident_request.reject_reason
    )
    return resident_request


@transaction.atomic
def request_withdraw(*, actor, resident_request: Request, reason: str = "") -> Request:
    """The resident takes back a request nobody has accepted yet."""
    resident_request = locked(resident_request)
    transition_apply(
        obj=resident_request,
        name="withdraw",
        actor=actor,
        event="hotline.request.withdrawn",
        reason=reason.strip(),
    )
    timeline_add(resident_request, kind=EventKind.WITHDRAWN, actor=actor, note=reason.strip())
    return resident_request


@transaction.atomic
def request_close(*, actor, resident_request: Request, note: str = "") -> Request:
    """The resident (or staff) confirm that a resolved request is done with."""
    resident_request = locked(resident_request)
    resident_request.closed_at = timezone.now()
    transition_apply(
        obj=resident_request,
        name="close",
        actor=actor,
        event="hotline.request.closed",
        fields=("closed_at",),
    )
    timeline_add(resident_request, kind=EventKind.CLOSED, actor=actor, note=note.strip())
    return resident_request
