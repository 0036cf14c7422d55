"""Organizers in the back office: tasks, shifts, rosters with export, attendance, hours."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from marketplace.volunteering import services
from marketplace.volunteering.models import Attendance, ServiceRecord, Shift, Task
from tests.factories.volunteering import in_days, published_task, volunteer


@pytest.fixture
def shift(world):
    return published_task(world["staff"], world["home"], title="社区义诊志愿服务").shifts.get()


@pytest.fixture
def attended(world, shift):
    """Two volunteers who came to a shift that ended yesterday."""
    people = [volunteer(world["home"]) for _ in range(2)]
    signups = [services.shift_signup(actor=p, shift=shift) for p in people]
    start = timezone.now() - datetime.timedelta(days=1)
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=3)
    )
    shift.refresh_from_db()
    return [
        services.attendance_mark(
            actor=world["staff"],
            signup=s,
            checked_in_at=shift.starts_at,
            checked_out_at=shift.ends_at,
        )
        for s in signups
    ]


def test_staff_create_a_task_in_the_back_office(client, world):
    client.force_login(world["staff"])
    response = client.post(
        "/admin/task/new/",
        {
            "title": "秋季助老大扫除",
            "category": world["category"].pk,
            "description": "为高龄独居老人打扫卫生。",
            "community": world["home"].pk,
            "place": "幸福里小区",
            "contact_name": "赵老师",
            "contact_phone": "0571-87005678",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    task = Task.objects.get(title="秋季助老大扫除")
    assert task.created_by == world["staff"] and task.status == "draft"


def test_staff_cannot_create_a_task_for_another_community(client, world):
    client.force_login(world["staff"])
    response = client.post(
        "/admin/task/new/",
        {
            "title": "越权项目",
            "category": world["category"].pk,
            "description": "x",
            "community": world["other"].pk,
            "place": "x",
            "contact_name": "x",
            "contact_phone": "x",
        },
    )
    assert response.status_code == 200  # the form refuses the community it does not offer
    assert "community" in response.context["form"].errors
    assert not Task.objects.filter(title="越权项目").exists()


def test_add_a_shift(client, world, shift):
    client.force_login(world["staff"])
    response = client.post(
        "/admin/shift/new/",
        {
            "task": shift.task_id,
            "starts_at": in_days(6).strftime("%Y-%m-%d %H:%M"),
            "ends_at": in_days(6, 12).strftime("%Y-%m-%d %H:%M"),
            "capacity": 8,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert shift.task.shifts.count() == 2


def test_roster_is_scoped_and_exports(client, world, attended, shift):
    client.force_login(world["other_staff"])
    assert str(attended[0].volunteer) not in client.get("/admin/signup/").content.decode()
    client.force_login(world["staff"])
    page = client.get(f"/admin/signup/?shift={shift.pk}").content.decode()
    assert str(attended[0].volunteer) in page
    csv = client.get(f"/admin/signup/?shift={shift.pk}&export=csv")
    assert csv.status_code == 200
    body = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert str(attended[0].volunteer) in body and "180" in body
    xlsx = client.get(f"/admin/signup/?shift={shift.pk}&export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert sheet.max_row == 3  # heading + two volunteers


def test_mark_no_show_by_hand(client, world, shift):
    signup = services.shift_signup(actor=volunteer(world["home"]), shift=shift)
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() + datetime.timedelta(hours=1),
    )
    client.force_login(world["staff"])
    response = client.post(f"/admin/signup/attendance/{signup.pk}/", {"action": "no_show"})
    assert response.status_code == 302
    signup.refresh_from_db()
    assert signup.attendance == Attendance.NO_SHOW


def test_adjust_without_reason_is_refused(client, world, attended):
    client.force_login(world["staff"])
    signup = attended[0]
    response = client.post(
        f"/admin/signup/attendance/{signup.pk}/", {"action": "adjust", "minutes": 240}
    )
    assert response.status_code == 200
    signup.refresh_from_db()
    assert signup.minutes == 180


def test_other_community_cannot_touch_attendance(client, world, attended):
    client.force_login(world["other_staff"])
    signup = attended[0]
    response = client.post(f"/admin/signup/attendance/{signup.pk}/", {"action": "no_show"})
    assert response.status_code == 404
    assert client.get("/admin/signup/hours/").status_code == 200
    assert str(signup.volunteer) not in client.get("/admin/signup/hours/").content.decode()


def test_approve_the_queue(client, world, attended):
    client.force_login(world["staff"])
    page = client.get("/admin/signup/hours/").content.decode()
    assert all(str(s.volunteer) in page for s in attended)
    response = client.post("/admin/signup/hours/", {"signup": [s.pk for s in attended]})
    assert response.status_code == 302
    assert ServiceRecord.objects.count() == 2
    assert set(ServiceRecord.objects.values_list("recorded_by", flat=True)) == {world["staff"].pk}
    assert "社区义诊志愿服务" not in client.get("/admin/signup/hours/").content.decode()


def test_community_staff_choose_only_their_communities(client, world):
    client.force_login(world["staff"])
    form = client.get("/admin/task/new/").context["form"]
    assert list(form.fields["community"].queryset) == [world["home"]]
