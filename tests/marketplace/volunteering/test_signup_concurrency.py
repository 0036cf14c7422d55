"""Real concurrent clients race for places: never more confirmed than capacity, the
waiting list in arrival order, nobody lost. Runs on SQLite and, in CI, on PostgreSQL.

Each client is a thread with its own database connection posting to the sign-up and
cancel URLs, all released at once by a barrier.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from marketplace.notifications.models import Notification
from marketplace.volunteering.models import Shift, Signup, SignupStatus
from tests.factories import CategoryFactory, UserFactory, region_tree, staff_of
from tests.factories.volunteering import in_days, published_task, volunteer

S = SignupStatus
VOLUNTEERS, PLACES, CANCELLATIONS, CLIENTS = 200, 50, 10, 16


def race(users, post_url):
    """Every user posts once; CLIENTS threads at a time, all released together."""
    barrier = threading.Barrier(min(CLIENTS, len(users)))

    def client_posts(user):
        try:
            client = Client()
            client.force_login(user)
            try:
                barrier.wait(timeout=30)
            except threading.BrokenBarrierError:
                pass  # the last, smaller wave
            return client.post(post_url(user)).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        return list(pool.map(client_posts, users))


@pytest.mark.django_db(transaction=True)
def test_two_hundred_volunteers_race_for_fifty_places():
    community = region_tree(streets=1, communities_per_street=1)["communities"][0]
    staff = staff_of(community, user=UserFactory())
    task = published_task(
        staff,
        community,
        category=CategoryFactory(),
        shifts=[{"starts_at": in_days(5), "ends_at": in_days(5, 12), "capacity": PLACES}],
    )
    shift = task.shifts.get()
    people = [volunteer(community) for _ in range(VOLUNTEERS)]

    codes = race(people, lambda user: f"/volunteering/shifts/{shift.pk}/signup/")
    assert set(codes) == {302}

    signups = list(Signup.objects.filter(shift=shift).order_by("pk"))
    assert len(signups) == VOLUNTEERS  # none lost
    assert len({s.volunteer_id for s in signups}) == VOLUNTEERS  # none duplicated
    confirmed = [s for s in signups if s.status == S.CONFIRMED]
    waiting = [s for s in signups if s.status == S.WAITLISTED]
    assert len(confirmed) == PLACES
    assert len(waiting) == VOLUNTEERS - PLACES
    # Arrival order: the places went to the first fifty the database let through, and
    # each waiting volunteer was told their place in line in that same order.
    assert max(s.pk for s in confirmed) < min(s.pk for s in waiting)
    told = dict(
        Notification.objects.filter(kind="volunteering.signup.waitlisted").values_list(
            "user_id", "data__position"
        )
    )
    assert [told[s.volunteer_id] for s in waiting] == list(range(1, len(waiting) + 1))
    assert Shift.objects.get(pk=shift.pk).confirmed_count == PLACES

    leaving = confirmed[:CANCELLATIONS]
    by_user = {s.volunteer_id: s.pk for s in leaving}
    users = [s.volunteer for s in leaving]
    codes = race(users, lambda user: f"/volunteering/signups/{by_user[user.pk]}/cancel/")
    assert set(codes) == {302}

    after = {s.pk: s.status for s in Signup.objects.filter(shift=shift)}
    assert sum(status == S.CONFIRMED for status in after.values()) == PLACES
    promoted = [s.pk for s in waiting if after[s.pk] == S.CONFIRMED]
    assert promoted == [s.pk for s in waiting[:CANCELLATIONS]]  # exactly the next ten
    assert all(after[s.pk] == S.CANCELLED for s in leaving)
    assert Shift.objects.get(pk=shift.pk).confirmed_count == PLACES
