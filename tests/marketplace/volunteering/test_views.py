"""The volunteering pages: sign up, check in by QR, the record, the PDF and its check."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from marketplace.volunteering import services
from marketplace.volunteering.models import RecordExtract, Shift, SignupStatus
from tests.factories.volunteering import published_task, volunteer


@pytest.fixture
def task(world):
    return published_task(world["staff"], world["home"], title="周末敬老院陪伴")


@pytest.fixture
def shift(task):
    return task.shifts.get()


def started(shift, minutes_ago=20, hours=3):
    start = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=hours)
    )
    shift.refresh_from_db()


def test_sign_up_then_waitlist_on_the_page(client, world, task, shift):
    people = [volunteer(world["home"]) for _ in range(3)]
    for person in people:
        client.force_login(person)
        response = client.post(f"/volunteering/shifts/{shift.pk}/signup/", follow=True)
        assert response.status_code == 200
    page = response.content.decode()
    assert "候补第 1 位" in page  # the third is first in line
    assert [s.status for s in shift.signups.order_by("pk")] == [
        SignupStatus.CONFIRMED,
        SignupStatus.CONFIRMED,
        SignupStatus.WAITLISTED,
    ]


def test_refusal_is_a_message_not_an_error(client, world, shift):
    person = volunteer(world["home"])
    client.force_login(person)
    client.post(f"/volunteering/shifts/{shift.pk}/signup/")
    response = client.post(f"/volunteering/shifts/{shift.pk}/signup/", follow=True)
    assert "您已报名该班次" in response.content.decode()
    assert shift.signups.count() == 1


def test_cancel_someone_elses_sign_up_is_404(client, world, shift):
    signup = services.shift_signup(actor=volunteer(world["home"]), shift=shift)
    client.force_login(volunteer(world["home"]))
    assert client.post(f"/volunteering/signups/{signup.pk}/cancel/").status_code == 404
    signup.refresh_from_db()
    assert signup.status == SignupStatus.CONFIRMED


def test_qr_page_is_for_organizers_only(client, world, shift):
    client.force_login(world["other_staff"])
    assert client.get(f"/volunteering/shifts/{shift.pk}/qr/").status_code == 404
    client.force_login(world["staff"])
    page = client.get(f"/volunteering/shifts/{shift.pk}/qr/").content.decode()
    assert "<svg" in page and 'http-equiv="refresh"' in page
    assert services.checkin_token(shift) in page


def test_scan_the_code_check_in_and_out(client, world, shift):
    person = volunteer(world["home"])
    services.shift_signup(actor=person, shift=shift)
    started(shift)
    client.force_login(world["staff"])
    qr_page = client.get(f"/volunteering/shifts/{shift.pk}/qr/").content.decode()
    checkin_path = re.search(r"/volunteering/checkin/\d+/[0-9a-f]+/", qr_page).group(0)
    client.force_login(person)
    assert client.get(checkin_path).status_code == 200
    assert shift.signups.get().checked_in_at is None  # GET changes nothing
    client.post(checkin_path)
    assert shift.signups.get().checked_in_at is not None
    client.post(checkin_path)
    assert shift.signups.get().checked_out_at is not None


def test_forged_token_changes_nothing(client, world, shift):
    person = volunteer(world["home"])
    services.shift_signup(actor=person, shift=shift)
    started(shift)
    client.force_login(person)
    response = client.post(f"/volunteering/checkin/{shift.pk}/0123456789abcdef/", follow=True)
    assert "已过期或属于其他班次" in response.content.decode()
    assert shift.signups.get().checked_in_at is None


@pytest.fixture
def served(world, shift):
    """A volunteer whose three hours on the shift are approved."""
    person = volunteer(world["home"])
    signup = services.shift_signup(actor=person, shift=shift)
    started(shift, minutes_ago=60 * 24 * 3)
    signup = services.attendance_mark(
        actor=world["staff"],
        signup=signup,
        checked_in_at=shift.starts_at,
        checked_out_at=shift.ends_at,
    )
    services.hours_approve(actor=world["staff"], signup=signup)
    return person


def test_record_page_and_pdf_extract(client, served, shift):
    client.force_login(served)
    page = client.get("/volunteering/record/").content.decode()
    assert "周末敬老院陪伴" in page and "3.0" in page
    response = client.post("/volunteering/record/", {"year": ""})
    extract = RecordExtract.objects.get(volunteer=served)
    assert response["Location"] == f"/volunteering/extracts/{extract.code}/pdf/"
    pdf = client.get(response["Location"])
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert extract.code in text
    assert "周末敬老院陪伴" in text
    assert served.get_full_name() in text
    assert f"/volunteering/verify/{extract.code}/" in text
    assert f"{timezone.localdate(shift.starts_at).year} 年：1 次服务，共 3 小时" in text


def test_pdf_is_only_for_its_volunteer(client, world, served):
    extract = services.record_extract_issue(actor=served)
    client.force_login(volunteer(world["home"]))
    assert client.get(f"/volunteering/extracts/{extract.code}/pdf/").status_code == 404


def test_public_verification_page(client, served):
    extract = services.record_extract_issue(actor=served)
    page = client.get(f"/volunteering/verify/{extract.code}/").content.decode()
    assert "真实有效" in page and served.get_full_name() in page
    response = client.get("/volunteering/verify/", {"code": extract.code.lower()})
    assert response["Location"] == f"/volunteering/verify/{extract.code}/"
    forged = extract.code[:-1] + ("B" if extract.code[-1] != "B" else "C")
    page = client.get(f"/volunteering/verify/{forged}/").content.decode()
    assert "真实有效" not in page and served.get_full_name() not in page


def test_organizers_publish_and_cancel_on_the_page(client, world):
    draft = services.task_create(
        actor=world["staff"],
        title="草稿项目",
        category=world["category"],
        description="x",
        community=world["home"],
        place="社区",
        contact_name="王",
        contact_phone="0571-87001234",
        shifts=[
            {
                "starts_at": timezone.now() + datetime.timedelta(days=2),
                "ends_at": timezone.now() + datetime.timedelta(days=2, hours=2),
                "capacity": 3,
            }
        ],
    )
    client.force_login(world["other_staff"])
    assert client.post(f"/volunteering/{draft.pk}/publish/").status_code == 404
    client.force_login(world["staff"])
    page = client.get(f"/volunteering/{draft.pk}/").content.decode()
    assert f"/volunteering/{draft.pk}/publish/" in page
    client.post(f"/volunteering/{draft.pk}/publish/")
    draft.refresh_from_db()
    assert draft.status == "published"
    client.post(f"/volunteering/{draft.pk}/cancel/", {"reason": ""})
    draft.refresh_from_db()
    assert draft.status == "published"  # no reason, no change
    client.post(f"/volunteering/{draft.pk}/cancel/", {"reason": "场地临时维修"})
    draft.refresh_from_db()
    assert draft.status == "cancelled" and draft.cancel_reason == "场地临时维修"


def test_organizers_approve_and_decline_on_the_task_page(client, world):
    task = published_task(world["staff"], world["home"], requires_approval=True)
    shift = task.shifts.get()
    first, second = (
        services.shift_signup(actor=volunteer(world["home"]), shift=shift) for _ in range(2)
    )
    client.force_login(world["other_staff"])
    assert client.post(f"/volunteering/signups/{first.pk}/approve/").status_code == 404
    client.force_login(world["staff"])
    page = client.get(f"/volunteering/{task.pk}/").content.decode()
    assert f"/volunteering/signups/{first.pk}/approve/" in page
    client.post(f"/volunteering/signups/{first.pk}/approve/")
    client.post(f"/volunteering/signups/{second.pk}/decline/", {"reason": ""})
    second.refresh_from_db()
    assert second.status == SignupStatus.PENDING  # no reason, no change
    client.post(f"/volunteering/signups/{second.pk}/decline/", {"reason": "需要持证人员"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == SignupStatus.CONFIRMED and second.status == SignupStatus.REJECTED
