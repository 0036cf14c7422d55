"""Filing and handling a request: every transition, every refusal, nothing changed on one."""

from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone

from marketplace.core.errors import DomainError, NotPermitted
from marketplace.core.models import AuditEvent
from marketplace.hotline import services
from marketplace.hotline.models import EventKind, RequestCategory, RequestStatus
from marketplace.notifications.models import Notification
from marketplace.reviews.models import CreditEvent
from tests.factories import UserFactory

from .helpers import file_request, hours, photo_file, snapshot

pytestmark = pytest.mark.clock_sweep

S = RequestStatus


def events(resident_request):
    return list(resident_request.events.values_list("kind", flat=True))


def audit_codes(resident_request):
    return list(
        AuditEvent.objects.filter(target_id=str(resident_request.pk))
        .filter(event__startswith="hotline.request.")
        .order_by("pk")
        .values_list("event", flat=True)
    )


def test_filing_routes_to_home_community_with_deadlines(world, category):
    filed_at = timezone.now().replace(microsecond=0)
    with mock.patch("django.utils.timezone.now", return_value=filed_at):
        resident_request = file_request(world, category)
    assert resident_request.community == world["home"]
    assert resident_request.status == S.SUBMITTED
    assert resident_request.respond_by == filed_at + hours(2)
    assert resident_request.resolve_by == filed_at + hours(48)
    assert events(resident_request) == [EventKind.FILED]
    assert audit_codes(resident_request) == ["hotline.request.filed"]
    staff_note = Notification.objects.get(kind="hotline.request.new")
    assert staff_note.user == world["staff"]  # the home community's staff, not the other's
    assert staff_note.url == f"/requests/{resident_request.pk}/"


def test_filing_in_the_middle_of_the_night(world, category):
    night = timezone.make_aware(timezone.datetime(2026, 12, 5, 3, 17))
    with mock.patch("django.utils.timezone.now", return_value=night):
        resident_request = file_request(world, category)
    assert resident_request.created_at == night
    assert resident_request.respond_by == night + hours(2)


def test_full_lifecycle(world, category):
    resident_request = file_request(world, category)
    services.request_accept(actor=world["staff"], resident_request=resident_request)
    resident_request.refresh_from_db()
    assert resident_request.status == S.ACCEPTED
    assert resident_request.accepted_at is not None
    assert resident_request.handled_by == world["staff"]
    services.request_resolve(
        actor=world["staff"], resident_request=resident_request, resolution="已清理楼道杂物。"
    )
    resident_request.refresh_from_db()
    assert resident_request.status == S.RESOLVED
    assert resident_request.resolution == "已清理楼道杂物。"
    assert resident_request.upheld is None
    services.request_close(actor=world["resident"], resident_request=resident_request)
    resident_request.refresh_from_db()
    assert resident_request.status == S.CLOSED and resident_request.closed_at is not None
    assert events(resident_request) == [
        EventKind.FILED,
        EventKind.ACCEPTED,
        EventKind.RESOLVED,
        EventKind.CLOSED,
    ]
    assert audit_codes(resident_request) == [
        "hotline.request.filed",
        "hotline.request.accepted",
        "hotline.request.resolved",
        "hotline.request.closed",
    ]
    kinds = set(Notification.objects.filter(user=world["resident"]).values_list("kind", flat=True))
    assert kinds == {"hotline.request.accepted", "hotline.request.resolved"}
    resolved_note = resident_request.events.get(kind=EventKind.RESOLVED)
    assert resolved_note.actor == world["staff"] and resolved_note.note == "已清理楼道杂物。"


def test_street_staff_may_handle_their_communities(world, category, street_staff):
    resident_request = file_request(world, category)
    services.request_accept(actor=street_staff, resident_request=resident_request)
    assert resident_request.events.last().actor == street_staff


def test_reject_with_reason(world, category):
    resident_request = file_request(world, category)
    services.request_reject(
        actor=world["staff"], resident_request=resident_request, reason="属于市场监管部门职责。"
    )
    resident_request.refresh_from_db()
    assert resident_request.status == S.REJECTED
    assert resident_request.reject_reason == "属于市场监管部门职责。"
    note = Notification.objects.get(user=world["resident"], kind="hotline.request.rejected")
    assert note.data["reason"] == "属于市场监管部门职责。"
    assert events(resident_request)[-1] == EventKind.REJECTED


def test_resident_withdraws_a_submitted_request(world, category):
    resident_request = file_request(world, category)
    services.request_withdraw(actor=world["resident"], resident_request=resident_request)
    resident_request.refresh_from_db()
    assert resident_request.status == S.WITHDRAWN
    assert audit_codes(resident_request)[-1] == "hotline.request.withdrawn"


def test_complaint_upheld_counts_against_the_provider(world, category):
    provider = world["provider"]
    resident_request = file_request(world, category, about_organization=provider)
    services.request_accept(actor=world["staff"], resident_request=resident_request)
    services.request_resolve(
        actor=world["staff"],
        resident_request=resident_request,
        resolution="经核实，服务人员迟到两小时，已责令整改。",
        upheld=True,
    )
    resident_request.refresh_from_db()
    assert resident_request.upheld is True
    credit = CreditEvent.objects.get(organization=provider)
    assert credit.kind == "complaint_upheld"
    assert credit.source == f"hotline.request:{resident_request.pk}"
    # The organization hears of it, with the resolution.
    told = world["org_admin"].notifications.get(kind="hotline.complaint.upheld")
    assert told.data["resolution"] == "经核实，服务人员迟到两小时，已责令整改。"


def test_complaint_not_upheld_leaves_credit_alone(world, category):
    resident_request = file_request(world, category, about_organization=world["provider"])
    services.request_accept(actor=world["staff"], resident_request=resident_request)
    services.request_resolve(
        actor=world["staff"],
        resident_request=resident_request,
        resolution="经核实，服务按约定完成。",
        upheld=False,
    )
    assert not CreditEvent.objects.exists()
    assert not world["org_admin"].notifications.filter(kind="hotline.complaint.upheld").exists()


def test_photos_are_kept(world, category):
    resident_request = file_request(
        world, category, photos=[photo_file(), photo_file("b.png", "PNG")]
    )
    assert resident_request.photos.count() == 2


def test_coordinates_inside_the_area_are_kept(world, category):
    resident_request = file_request(
        world, category, latitude=Decimal("30.251"), longitude=Decimal("120.161")
    )
    assert resident_request.latitude == Decimal("30.251")


# --- refusals: a clear message, and nothing changed --------------------------------


def refused(call, *, before, message, resident_request=None, error=DomainError):
    with pytest.raises(error) as caught:
        call()
    assert message in str(caught.value.message)
    assert snapshot(resident_request) == before
    return caught.value


@pytest.mark.parametrize("text", ["", "   \n "])
def test_blank_text_is_refused(world, category, text):
    error = refused(
        lambda: file_request(world, category, text=text),
        before=snapshot(),
        message="Say what the matter is.",
    )
    assert error.field == "text"


def test_place_outside_the_community_is_refused(world, category):
    refused(
        lambda: file_request(world, category, latitude=30.30, longitude=120.16),  # ~5.5 km
        before=snapshot(),
        message="outside",
    )


def test_place_outside_a_drawn_boundary_is_refused(world, category):
    home = world["home"]
    home.boundary = [[30.249, 120.159], [30.251, 120.159], [30.251, 120.161], [30.249, 120.161]]
    home.save()
    inside = file_request(world, category, latitude=30.2500, longitude=120.1600)
    assert inside.pk
    refused(
        lambda: file_request(world, category, latitude=30.2500, longitude=120.1650),  # 480 m
        before=snapshot(),
        message="outside",
    )


def test_half_coordinates_are_refused(world, category):
    refused(
        lambda: file_request(world, category, latitude=30.25),
        before=snapshot(),
        message="Give both latitude and longitude",
    )


def test_user_without_resident_profile_is_refused(world, category):
    for person in (world["volunteer"], world["staff"], UserFactory()):
        refused(
            lambda person=person: file_request(world, category, resident=person),
            before=snapshot(),
            message="Only a resident can file a request",
            error=NotPermitted,
        )


def test_inactive_category_is_refused(world, category):
    RequestCategory.objects.filter(pk=category.pk).update(is_active=False)
    category.refresh_from_db()
    refused(
        lambda: file_request(world, category),
        before=snapshot(),
        message="Choose a category that is open for requests.",
    )


def test_too_many_or_wrong_photos_are_refused(world, category):
    refused(
        lambda: file_request(world, category, photos=[photo_file() for _ in range(5)]),
        before=snapshot(),
        message="Attach at most 4 photos.",
    )
    fake = photo_file("virus.jpg")
    fake.file.seek(0)
    fake.file.write(b"MZ not an image at all")
    fake.file.truncate()
    fake.size = len(b"MZ not an image at all")
    refused(
        lambda: file_request(world, category, photos=[fake]),
        before=snapshot(),
        message="is not a JPEG, PNG or WebP photo",
    )
    gif = photo_file("anim.gif", "GIF")
    refused(
        lambda: file_request(world, category, photos=[gif]),
        before=snapshot(),
        message="is not a JPEG, PNG or WebP photo",
    )


def test_too_large_photo_is_refused(world, category):
    big = photo_file()
    big.size = 6 * 1024 * 1024
    refused(
        lambda: file_request(world, category, photos=[big]),
        before=snapshot(),
        message="larger than 5 MB",
    )


def test_acting_on_a_closed_request_is_refused(world, category):
    resident_request = file_request(world, category)
    services.request_accept(actor=world["staff"], resident_request=resident_request)
    services.request_resolve(
        actor=world["staff"], resident_request=resident_request, resolution="已处理"
    )
    services.request_close(actor=world["staff"], resident_request=resident_request)
    before = snapshot(resident_request)
    for call in (
        lambda: services.request_accept(actor=world["staff"], resident_request=resident_request),
        lambda: services.request_resolve(
            actor=world["staff"], resident_request=resident_request, resolution="再次处理"
        ),
        lambda: services.request_reject(
            actor=world["staff"], resident_request=resident_request, reason="不属于职责"
        ),
        lambda: services.request_withdraw(
            actor=world["resident"], resident_request=resident_request
        ),
        lambda: services.request_close(actor=world["resident"], resident_request=resident_request),
    ):
        refused(call, before=before, message="“Closed”", resident_request=resident_request)


def test_wrong_roles_are_refused(world, category):
    resident_request = file_request(world, category)
    before = snapshot(resident_request)
    for person in (world["other_staff"], world["resident"], world["org_admin"]):
        refused(
            lambda person=person: services.request_accept(
                actor=person, resident_request=resident_request
            ),
            before=before,
            message="Your role does not allow this",
            resident_request=resident_request,
            error=NotPermitted,
        )
    refused(
        lambda: services.request_withdraw(actor=world["staff"], resident_request=resident_request),
        before=before,
        message="Your role does not allow this",
        resident_request=resident_request,
        error=NotPermitted,
    )
    other = UserFactory()
    refused(
        lambda: services.request_withdraw(actor=other, resident_request=resident_request),
        before=before,
        message="Your role does not allow this",
        resident_request=resident_request,
        error=NotPermitted,
    )


def test_reject_needs_a_reason_and_resolve_a_resolution(world, category):
    resident_request = file_request(world, category)
    before = snapshot(resident_request)
    refused(
        lambda: services.request_reject(
            actor=world["staff"], resident_request=resident_request, reason="  "
        ),
        before=before,
        message="Say why the request is not within remit.",
        resident_request=resident_request,
    )
    services.request_accept(actor=world["staff"], resident_request=resident_request)
    before = snapshot(resident_request)
    refused(
        lambda: services.request_resolve(
            actor=world["staff"], resident_request=resident_request, resolution=""
        ),
        before=before,
        message="Say how the request was resolved.",
        resident_request=resident_request,
    )


def test_complaint_must_say_whether_upheld(world, category):
    resident_request = file_request(world, category, about_organization=world["provider"])
    services.request_accept(actor=world["staff"], resident_request=resident_request)
    before = snapshot(resident_request)
    refused(
        lambda: services.request_resolve(
            actor=world["staff"], resident_request=resident_request, resolution="已核实"
        ),
        before=before,
        message="Say whether the complaint is upheld.",
        resident_request=resident_request,
    )
    assert not CreditEvent.objects.exists()


def test_accepted_request_cannot_be_withdrawn_or_rejected(world, category):
    resident_request = file_request(world, category)
    services.request_accept(actor=world["staff"], resident_request=resident_request)
    before = snapshot(resident_request)
    refused(
        lambda: services.request_withdraw(
            actor=world["resident"], resident_request=resident_request
        ),
        before=before,
        message="“Accepted”",
        resident_request=resident_request,
    )
    refused(
        lambda: services.request_reject(
            actor=world["staff"], resident_request=resident_request, reason="不属于职责"
        ),
        before=before,
        message="“Accepted”",
        resident_request=resident_request,
    )


def test_category_deadlines_must_be_in_order(world):
    with pytest.raises(DomainError):
        services.category_save(
            actor=world["admin"],
            category=RequestCategory(
                code="noise",
                name_zh="噪音扰民",
                name_en="Noise",
                response_hours=4,
                resolution_hours=2,
            ),
        )
    with pytest.raises(NotPermitted):
        services.category_save(
            actor=world["staff"],
            category=RequestCategory(
                code="noise",
                name_zh="噪音扰民",
                name_en="Noise",
                response_hours=2,
                resolution_hours=24,
            ),
        )
    assert not RequestCategory.objects.filter(code="noise").exists()
