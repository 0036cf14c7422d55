"""Volunteers, tasks and shifts for the volunteering tests."""

import datetime
import itertools

from django.utils import timezone

from marketplace.accounts.models import VolunteerProfile
from marketplace.volunteering import services

from . import CategoryFactory, UserFactory, valid_id_number

_birth_serial = itertools.count(0)


def volunteer(community, *, born: str | None = None, skills=(), verified: bool = True):
    """A volunteer with a profile; verified (real-name, an ID number on file) by default."""
    serial = next(_birth_serial)
    born = born or f"19{70 + serial % 30:02d}0{1 + serial % 9}1{serial % 10}"
    user = UserFactory()
    profile = VolunteerProfile.objects.create(
        user=user,
        home_community=community,
        id_number=valid_id_number(birth=born) if verified else "",
    )
    profile.skills.set(skills)
    return user


def in_days(days: float, hour: int = 9) -> datetime.datetime:
    day = timezone.localtime() + datetime.timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def published_task(staff, community, *, shifts=None, category=None, **fields):
    """A published task of `community`, created and published by `staff` through services."""
    shifts = shifts or [{"starts_at": in_days(3), "ends_at": in_days(3, 12), "capacity": 2}]
    task = services.task_create(
        actor=staff,
        title=fields.pop("title", "社区助老志愿服务"),
        category=category or CategoryFactory(),
        description="陪伴社区独居老人，协助整理家务。",
        community=community,
        place="社区党群服务中心",
        contact_name="王老师",
        contact_phone="0571-87001234",
        shifts=shifts,
        **fields,
    )
    return services.task_publish(actor=staff, task=task)
