"""One backend's sign-up race, run in its own process (DATABASE_URL picks the backend).

Creates a fresh database, one shift with PLACES places and VOLUNTEERS verified
volunteers, then CLIENTS threads (each its own connection) sign all of them up at once
through the real service. Prints one JSON line: throughput and the overbooking count.

    DATABASE_URL=… python -m bench.signup [--volunteers 400 --places 100 --clients 16]
"""

import argparse
import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def _fresh_database(url: str) -> None:
    """An empty database for the run: a new SQLite file, or DROP/CREATE on PostgreSQL."""
    if url.startswith("sqlite"):
        path = url.split("sqlite:///", 1)[1]
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        return
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--volunteers", type=int, default=400)
    parser.add_argument("--places", type=int, default=100)
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()

    _fresh_database(os.environ["DATABASE_URL"])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.embedded")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    shift, people = _scene(args.volunteers, args.places)

    from marketplace.core.errors import DomainError
    from marketplace.volunteering.services import shift_signup

    barrier = threading.Barrier(args.clients)
    errors = []

    def client(batch):
        try:
            barrier.wait()
            for person in batch:
                try:
                    shift_signup(actor=person, shift=shift)
                except DomainError as error:
                    errors.append(error.message)
        finally:
            connection.close()

    batches = [people[i :: args.clients] for i in range(args.clients)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.clients) as pool:
        list(pool.map(client, batches))
    elapsed = time.perf_counter() - started
    print(json.dumps(_outcome(shift, args, elapsed, errors)))


def _scene(volunteers: int, places: int):
    from datetime import timedelta

    from django.utils import timezone

    from marketplace.accounts.models import CommunityStaffAssignment, User, VolunteerProfile
    from marketplace.accounts.validators import id_number_check_char
    from marketplace.catalog.models import ServiceCategory
    from marketplace.regions.models import Region
    from marketplace.volunteering.services import task_create, task_publish

    def region(name, level, parent=None, **extra):
        return Region.objects.create(
            name=name,
            slug=f"bench-{level}",
            level=level,
            parent=parent,
            **extra,
        )

    province = region("浙江省", "province")
    city = region("清川市", "city", province)
    district = region("临江区", "district", city)
    street = region("杏花街道", "street", district)
    community = region("杏花社区", "community", street, community_type="urban")
    staff = User.objects.create_user(email="staff@bench.linli.cn", password=None)
    CommunityStaffAssignment.objects.create(user=staff, community=community)
    category = ServiceCategory.objects.create(
        code="elderly-care", name_zh="养老", name_en="Elderly"
    )
    start = timezone.now() + timedelta(days=3)
    task = task_create(
        actor=staff,
        title="基准测试任务",
        category=category,
        description="bench",
        community=community,
        place="社区",
        contact_name="王",
        contact_phone="0571-80000000",
        shifts=[{"starts_at": start, "ends_at": start + timedelta(hours=2), "capacity": places}],
    )
    task_publish(actor=staff, task=task)
    people = []
    for n in range(volunteers):
        user = User.objects.create_user(email=f"v{n}@bench.linli.cn", password=None)
        body = f"33010219800101{n:03d}"[:17] if n < 1000 else f"330102198001{n:05d}"[:17]
        VolunteerProfile.objects.create(
            user=user, home_community=community, id_number=body + id_number_check_char(body)
        )
        people.append(user)
    return task.shifts.get(), people


def _outcome(shift, args, elapsed, errors) -> dict:
    from marketplace.volunteering.models import Shift, Signup

    statuses = list(Signup.objects.filter(shift=shift).values_list("status", flat=True))
    confirmed = statuses.count("confirmed")
    return {
        "volunteers": args.volunteers,
        "places": args.places,
        "clients": args.clients,
        "seconds": round(elapsed, 3),
        "signups_per_second": round(len(statuses) / elapsed, 1),
        "confirmed": confirmed,
        "waitlisted": statuses.count("waitlisted"),
        "lost": args.volunteers - len(statuses),
        "overbooked": max(0, confirmed - args.places),
        "counter_matches": Shift.objects.get(pk=shift.pk).confirmed_count == confirmed,
        "refused": len(errors),
    }


if __name__ == "__main__":
    sys.exit(main())
