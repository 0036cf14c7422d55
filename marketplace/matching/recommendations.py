"""“Recommended for you”: volunteer tasks a volunteer can join now, best first.

Only tasks the volunteer could sign up for are read (in SQL): published, not already
joined, every required skill held, within the age limits, with a shift that has open
places, still takes sign-ups, does not clash with the volunteer's other shifts and, if
they declared when they are free, starts in one of those slots. They are scored with
the same weights as demand matching (scoring.py): category (experience), skill, area,
distance and availability; ties go to the soonest shift.
"""

from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from marketplace.accounts.models import VolunteerProfile, age_on
from marketplace.catalog.models import Skill
from marketplace.core.geo import distance_km
from marketplace.matching import reasons, scoring
from marketplace.matching.scoring import Match, Part, ranked
from marketplace.matching.selectors import TaskSkill
from marketplace.matching.slots import starts_in_slots
from marketplace.volunteering.models import (
    ACTIVE_SIGNUP_STATUSES,
    Attendance,
    Shift,
    Signup,
    Task,
    TaskStatus,
)
from marketplace.volunteering.selectors import party_registration_current

CANDIDATES = 200
SHOWN = 6


@dataclass(frozen=True)
class Volunteer:
    """What scoring a task needs to know about the volunteer, read once."""

    profile: VolunteerProfile
    held: dict[int, str]  # skill id → name
    party_community_id: int | None
    experience: dict[int, int]  # category id → attended shifts


def recommended_tasks(*, user, party_community=..., limit: int = SHOWN) -> list[Match]:
    """Matches whose `candidate` is a task with `free_shifts`, `next_shift_at` and
    `open_places` (of those shifts). `party_community`: the id of the community a Party
    member reports to (None: none), if the caller has read it already."""
    volunteer = _volunteer(user, party_community)
    if volunteer is None:
        return []
    tasks = list(task_candidates(user=user, volunteer=volunteer)[:CANDIDATES])
    typical = _typical_skills({task.category_id for task in tasks})
    matches = []
    for task in tasks:
        task.next_shift_at = task.free_shifts[0].starts_at
        task.open_places = sum(shift.open_places for shift in task.free_shifts)
        matches.append(task_match(volunteer, task, typical.get(task.category_id, set())))
    return ranked(matches, limit)


def _volunteer(user, party_community) -> Volunteer | None:
    if not user.is_authenticated:
        return None
    profile = (
        VolunteerProfile.objects.filter(user_id=user.pk)
        .select_related("home_community")
        .prefetch_related("skills")
        .first()
    )
    if profile is None:
        return None
    if party_community is ...:
        registration = party_registration_current(user)
        party_community = registration.community_id if registration else None
    attended = (
        Signup.objects.filter(volunteer=user, attendance=Attendance.ATTENDED)
        .values_list("shift__task__category")
        .order_by()
    )
    experience: dict[int, int] = {}
    for (category_id,) in attended:
        experience[category_id] = experience.get(category_id, 0) + 1
    return Volunteer(
        profile=profile,
        held={skill.pk: skill.name for skill in profile.skills.all()},
        party_community_id=party_community,
        experience=experience,
    )


def free_shifts(*, user, availability, now=None) -> QuerySet[Shift]:
    """Shifts the volunteer could take: open places, sign-up open, no clash, in a slot."""
    now = now or timezone.now()
    clash = Signup.objects.filter(
        volunteer=user,
        status__in=ACTIVE_SIGNUP_STATUSES,
        shift__starts_at__lt=OuterRef("ends_at"),
        shift__ends_at__gt=OuterRef("starts_at"),
    )
    shifts = (
        Shift.objects.filter(starts_at__gt=now, confirmed_count__lt=F("capacity"))
        .filter(Q(signup_deadline__isnull=True) | Q(signup_deadline__gt=now))
        .exclude(Exists(clash))
    )
    return shifts.filter(starts_in_slots(availability)) if availability else shifts


def task_candidates(*, user, volunteer: Volunteer) -> QuerySet[Task]:
    profile = volunteer.profile
    shifts = free_shifts(user=user, availability=profile.availability)
    joined = Signup.objects.filter(
        volunteer=user, status__in=ACTIVE_SIGNUP_STATUSES, shift__task=OuterRef("pk")
    )
    missing = Skill.objects.exclude(pk__in=list(volunteer.held))
    tasks = (
        Task.objects.filter(status=TaskStatus.PUBLISHED)
        .annotate(
            next_free=Subquery(
                shifts.filter(task=OuterRef("pk")).order_by("starts_at").values("starts_at")[:1]
            )
        )
        .filter(next_free__isnull=False)
        .exclude(Exists(joined))
        .exclude(required_skills__in=missing)
        .filter(_age_allows(profile))
        .select_related("community", "community__parent", "category", "organization")
        .prefetch_related(
            "required_skills",
            Prefetch("shifts", queryset=shifts.order_by("starts_at"), to_attr="free_shifts"),
        )
    )
    return tasks.order_by("next_free", "pk")


def _age_allows(profile: VolunteerProfile) -> Q:
    birth = profile.birth_date
    if birth is None:
        return Q()
    age = age_on(birth, timezone.localdate())
    return (Q(min_age__isnull=True) | Q(min_age__lte=age)) & (
        Q(max_age__isnull=True) | Q(max_age__gte=age)
    )


def _typical_skills(category_ids) -> dict[int, set[int]]:
    """For each category: the skills its published or finished tasks ask for."""
    rows = (
        TaskSkill.objects.filter(task__category__in=category_ids)
        .exclude(task__status=TaskStatus.DRAFT)
        .values_list("task__category", "skill")
        .distinct()
    )
    typical: dict[int, set[int]] = {}
    for category_id, skill_id in rows:
        typical.setdefault(category_id, set()).add(skill_id)
    return typical


def task_match(volunteer: Volunteer, task, typical: set[int]) -> Match:
    """Pure: the parts of a task's score for this volunteer."""
    profile, held = volunteer.profile, volunteer.held
    done = volunteer.experience.get(task.category_id, 0)
    parts = [
        Part(
            "category",
            scoring.experience_fit(done),
            reasons.task_experience(done, task.category.name) if done else "",
        ),
        _skills(held, {s.pk for s in task.required_skills.all()}, typical),
        _area(volunteer, task),
        _distance(profile.home_community, task),
        Part(
            "availability",
            1.0 if profile.availability else 0.0,
            reasons.task_available() if profile.availability else "",
        ),
    ]
    return Match(task, parts, tie_break=(task.next_shift_at, task.pk))


def _skills(held: dict[int, str], required: set[int], typical: set[int]) -> Part:
    fit = scoring.skill_fit(set(held), required, typical)
    if held.keys() & required:
        return Part(
            "skill", fit, reasons.task_skills_named(held[pk] for pk in required if pk in held)
        )
    used = [held[pk] for pk in held if pk in typical]
    return Part("skill", fit, reasons.task_skills_typical(used) if used else "")


def _area(volunteer: Volunteer, task) -> Part:
    home = volunteer.profile.home_community
    if task.community_id == home.pk:
        return Part("area", scoring.SAME_COMMUNITY_FIT, reasons.task_in_community())
    if task.community_id == volunteer.party_community_id:
        return Part("area", scoring.SAME_COMMUNITY_FIT, reasons.task_in_party_community())
    if task.community.parent_id == home.parent_id:
        return Part("area", scoring.SAME_STREET_FIT, reasons.task_in_street())
    return Part("area", 0.0)


def _distance(home, task) -> Part:
    latitude, longitude = task.latitude, task.longitude
    if latitude is None or longitude is None:
        latitude, longitude = task.community.latitude, task.community.longitude
    km = distance_km(home.latitude, home.longitude, latitude, longitude)
    return Part(
        "distance",
        scoring.distance_fit(km),
        reasons.task_distance(km) if km is not None else "",
    )
