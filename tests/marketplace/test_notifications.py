"""In-site notifications: listed for their person only, counted, marked read."""

import pytest

from marketplace.notifications.models import Notification
from marketplace.notifications.services import notify
from tests.factories import UserFactory


@pytest.fixture
def note(db):
    user = UserFactory()
    notify(
        users=[user],
        kind="volunteering.task.cancelled",
        data={"task": "社区义诊", "shift": "", "place": "", "reason": "台风"},
        url="/volunteering/1/",
    )
    return Notification.objects.get(user=user)


def test_listed_in_the_readers_language(client, note):
    client.force_login(note.user)
    page = client.get("/notifications/").content.decode()
    assert "“社区义诊”已取消" in page and "台风" in page
    page = client.get("/en/notifications/").content.decode()
    assert "“社区义诊” is cancelled" in page


def test_unread_badge_and_mark_read(client, note):
    client.force_login(note.user)
    assert 'class="badge"' in client.get("/volunteering/").content.decode()
    client.post("/notifications/")
    note.refresh_from_db()
    assert note.read_at is not None


def test_nobody_else_sees_them(client, note):
    client.force_login(UserFactory())
    assert "社区义诊" not in client.get("/notifications/").content.decode()


def test_unknown_kind_is_refused(db):
    with pytest.raises(ValueError):
        notify(users=[UserFactory()], kind="nope", data={})
