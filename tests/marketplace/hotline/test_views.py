"""The request pages for each role: resident, other resident, community staff, other
community staff, street staff, anonymous. Every object is checked on the server."""

import re
from unittest import mock

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from marketplace.accounts.models import ResidentProfile
from marketplace.core.models import AuditEvent
from marketplace.hotline import services
from marketplace.hotline.models import Request, RequestCategory, RequestStatus
from tests.factories import UserFactory

from .helpers import file_request, hours, photo_file, snapshot

S = RequestStatus


@pytest.fixture
def item(world, category):
    return file_request(world, category, photos=[photo_file()])


@pytest.fixture
def neighbour(world):
    person = UserFactory()
    ResidentProfile.objects.create(user=person, community=world["home"])
    return person


def as_user(client, user):
    if user is not None:
        if user.is_superuser and not user.authenticator_set.exists():
            TOTP.activate(user, "JBSWY3DPEHPK3PXP")  # RequireMfaMiddleware
        client.force_login(user)
    return client


def role(world, name, street_staff, neighbour):
    return {"street_staff": street_staff, "neighbour": neighbour, "anonymous": None}.get(
        name, world.get(name)
    )


VIEW_ACCESS = {
    # role: (detail, photo, board)
    "resident": (200, 200, 403),
    "neighbour": (404, 404, 403),
    "staff": (200, 200, 200),
    "other_staff": (404, 404, 200),
    "street_staff": (200, 200, 200),
    "admin": (200, 200, 200),
    "volunteer": (404, 404, 403),
}


@pytest.mark.parametrize("who", VIEW_ACCESS)
def test_who_sees_what(client, world, item, street_staff, neighbour, who):
    as_user(client, role(world, who, street_staff, neighbour))
    photo = item.photos.get()
    detail, photo_status, board = VIEW_ACCESS[who]
    assert client.get(f"/en/requests/{item.pk}/").status_code == detail
    assert client.get(f"/en/requests/{item.pk}/photos/{photo.pk}/").status_code == photo_status
    response = client.get("/en/requests/board/")
    assert response.status_code == board
    if board == 200:
        shown = f"/en/requests/{item.pk}/" in response.text
        assert shown is (who != "other_staff")


def test_anonymous_is_sent_to_sign_in(client, item):
    photo = item.photos.get()
    for url in (
        "/requests/",
        "/requests/new/",
        "/requests/board/",
        f"/requests/{item.pk}/",
        f"/requests/{item.pk}/photos/{photo.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    response = client.post(f"/requests/{item.pk}/", {"action": "withdraw"})
    assert response.status_code == 302
    assert Request.objects.get(pk=item.pk).status == S.SUBMITTED


def test_my_requests_lists_only_mine(client, world, category, item, neighbour):
    theirs = file_request(world, category, resident=neighbour, text="小区路灯坏了三盏。")
    page = as_user(client, world["resident"]).get("/en/requests/").text
    assert f"/en/requests/{item.pk}/" in page
    assert f"/en/requests/{theirs.pk}/" not in page


def test_resident_files_a_request_on_the_form(client, world, category):
    as_user(client, world["resident"])
    assert "Send the request" in client.get("/en/requests/new/").text
    response = client.post(
        "/en/requests/new/",
        {
            "category": category.pk,
            "text": "三号楼电梯停运两天了。",
            "place": "杏花路58号3幢",
            "photos": [photo_file(), photo_file("b.png", "PNG")],
        },
    )
    item = Request.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/requests/{item.pk}/"
    assert item.resident == world["resident"] and item.photos.count() == 2
    page = client.get(response["Location"]).text
    assert "三号楼电梯停运两天了。" in page and "Filed" in page  # the timeline's first step


def test_form_refusal_is_shown_and_nothing_is_filed(client, world, category):
    as_user(client, world["resident"])
    before = snapshot()
    response = client.post(
        "/en/requests/new/",
        {"category": category.pk, "text": "路面塌陷", "latitude": "30.40", "longitude": "120.16"},
    )
    assert response.status_code == 200
    assert "outside" in response.text
    assert snapshot() == before


def test_inactive_category_is_not_offered(client, world, category):
    RequestCategory.objects.create(
        code="old",
        name_zh="旧类别",
        name_en="Retired kind",
        response_hours=1,
        resolution_hours=2,
        is_active=False,
    )
    page = as_user(client, world["resident"]).get("/en/requests/new/").text
    assert "Sanitation" in page and "Retired kind" not in page


def test_no_profile_no_form(client, world, category):
    as_user(client, world["volunteer"])
    page = client.get("/en/requests/new/").text
    assert "Add your home community" in page and "Send the request" not in page
    response = client.post("/en/requests/new/", {"category": category.pk, "text": "噪音"})
    assert response.status_code == 403
    assert not Request.objects.exists()


def test_staff_accept_then_resolve_on_the_page(client, world, item):
    as_user(client, world["staff"])
    client.post(f"/en/requests/{item.pk}/", {"action": "accept"})
    client.post(f"/en/requests/{item.pk}/", {"action": "resolve", "resolution": "已清理。"})
    item.refresh_from_db()
    assert item.status == S.RESOLVED and item.resolution == "已清理。"
    page = as_user(client, world["resident"]).get(f"/en/requests/{item.pk}/").text
    assert "已清理。" in page and "Confirm and close" in page


def test_staff_resolve_a_complaint_saying_if_upheld(client, world, category):
    item = file_request(world, category, about_organization=world["provider"])
    as_user(client, world["staff"])
    client.post(f"/en/requests/{item.pk}/", {"action": "accept"})
    page = client.get(f"/en/requests/{item.pk}/").text
    assert 'name="upheld"' in page
    client.post(
        f"/en/requests/{item.pk}/",
        {"action": "resolve", "resolution": "投诉属实。", "upheld": "yes"},
    )
    item.refresh_from_db()
    assert item.status == S.RESOLVED and item.upheld is True


def test_staff_reject_needs_a_reason(client, world, item):
    as_user(client, world["staff"])
    before = snapshot(item)
    response = client.post(f"/en/requests/{item.pk}/", {"action": "reject"}, follow=True)
    assert "Say why the request is not within remit." in response.text
    assert snapshot(item) == before
    client.post(f"/en/requests/{item.pk}/", {"action": "reject", "reason": "属于物业合同纠纷。"})
    item.refresh_from_db()
    assert item.status == S.REJECTED


def test_wrong_role_actions_are_forbidden_and_change_nothing(
    client, world, item, neighbour, street_staff
):
    before = snapshot(item)
    as_user(client, world["resident"])
    assert client.post(f"/en/requests/{item.pk}/", {"action": "accept"}).status_code == 403
    as_user(client, world["staff"])
    assert client.post(f"/en/requests/{item.pk}/", {"action": "withdraw"}).status_code == 403
    for outsider in (neighbour, world["other_staff"]):
        as_user(client, outsider)
        for action in ("accept", "withdraw", "reject"):
            response = client.post(f"/en/requests/{item.pk}/", {"action": action, "reason": "x"})
            assert response.status_code == 404
    as_user(client, street_staff)
    assert client.post(f"/en/requests/{item.pk}/", {"action": "explode"}).status_code == 404
    assert snapshot(item) == before


def test_resident_withdraws_on_the_page(client, world, item):
    as_user(client, world["resident"])
    client.post(f"/en/requests/{item.pk}/", {"action": "withdraw", "reason": "已自行解决"})
    item.refresh_from_db()
    assert item.status == S.WITHDRAWN


def test_board_sorts_by_nearest_deadline_and_marks_overdue(client, world, street_staff):
    fast = RequestCategory.objects.create(
        code="noise", name_zh="噪音扰民", name_en="Noise", response_hours=1, resolution_hours=24
    )
    slow = RequestCategory.objects.create(
        code="repair",
        name_zh="设施维修",
        name_en="Repairs",
        response_hours=12,
        resolution_hours=72,
    )
    now = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=now - hours(3)):
        overdue = file_request(world, fast, text="深夜广场舞噪音")  # accept by now − 2 h
    with mock.patch("django.utils.timezone.now", return_value=now):
        later = file_request(world, slow, text="单元门禁损坏")  # accept by now + 12 h
        soon = file_request(world, fast, text="工地夜间施工")  # accept by now + 1 h
        accepted = file_request(world, fast, text="垃圾桶满溢")  # resolve by now + 24 h
        services.request_accept(actor=world["staff"], resident_request=accepted)
        done = file_request(world, fast, text="井盖缺失")
        services.request_reject(actor=world["staff"], resident_request=done, reason="市政负责")
        other = file_request(
            world, slow, resident=_resident_of(world["other"]), text="健身器材损坏"
        )  # accept by now + 12 h, a second after `later`: created after it
    as_user(client, street_staff)
    page = client.get("/en/requests/board/").text
    order = [int(pk) for pk in re.findall(r'<a href="/en/requests/(\d+)/">', page)]
    assert order == [overdue.pk, soon.pk, later.pk, other.pk, accepted.pk]
    row = page.split(f'/en/requests/{overdue.pk}/"')[1].split("</tr>")[0]
    assert "Overdue" in row
    assert "Overdue" not in page.split(f'/en/requests/{soon.pk}/"')[1].split("</tr>")[0]
    everything = client.get("/en/requests/board/?status=all").text
    assert f"/en/requests/{done.pk}/" in everything
    rejected_only = client.get("/en/requests/board/?status=rejected").text
    assert re.findall(r'<a href="/en/requests/(\d+)/">', rejected_only) == [str(done.pk)]
    as_user(client, world["staff"])  # community staff: their own community only
    mine = client.get("/en/requests/board/").text
    assert f"/en/requests/{other.pk}/" not in mine and f"/en/requests/{soon.pk}/" in mine


def test_board_escalated_filter(client, world, category, street_staff):
    now = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=now - hours(5)):
        late = file_request(world, category)
    fresh = file_request(world, category)
    services.requests_escalate_overdue(now=now)
    page = as_user(client, street_staff).get("/en/requests/board/?escalated=true").text
    assert f"/en/requests/{late.pk}/" in page and f"/en/requests/{fresh.pk}/" not in page
    assert "Escalated to the street" in page
    board = client.get("/en/requests/board/").text
    assert "1 open request was escalated to the street" in board
    timeline = as_user(client, world["resident"]).get(f"/en/requests/{late.pk}/").text
    assert "Escalated to the street" in timeline and "Not accepted in time" in timeline
    assert "Linli (automatic)" in timeline


def _resident_of(community):
    person = UserFactory()
    ResidentProfile.objects.create(user=person, community=community)
    return person


def test_categories_are_managed_by_platform_admins(client, world, category):
    as_user(client, world["staff"])
    response = client.get("/admin/requestcategory/")
    assert response.status_code == 302 and "/admin/requestcategory/" not in response["Location"]
    as_user(client, world["admin"])
    assert "环境卫生" in client.get("/admin/requestcategory/").text
    response = client.post(
        "/admin/requestcategory/new/",
        {
            "code": "noise",
            "name_zh": "噪音扰民",
            "name_en": "Noise",
            "response_hours": "2",
            "resolution_hours": "24",
            "is_active": "on",
            "sort_order": "3",
        },
    )
    assert response.status_code == 302
    noise = RequestCategory.objects.get(code="noise")
    assert noise.resolution_hours == 24
    assert AuditEvent.objects.filter(
        event="hotline.category.created", actor=world["admin"]
    ).exists()
