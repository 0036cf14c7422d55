"""“Recommended for you”: upcoming tasks a volunteer can join, ranked with reasons.

Each signal adds to the score, and its reason is shown beside the task:
  home community (or the community a Party member reports to)  +3
  each of the volunteer's skills the task asks for              +1
  a shift in a time slot the volunteer marked as available      +2
  distance from the home community: 2·e^(−km / 3)               up to +2
Tasks the volunteer cannot join (skills missing, no open places, already signed up)
are left out. The search issue will move this query to the search index.
"""

import math
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.models import VolunteerProfile
from marketplace.core.geo import distance_km

from .models import ACTIVE_SIGNUP_STATUSES, Shift, Signup
from .selectors import party_registration_current, task_list

WEIGHTS = {"community": 3.0, "skill": 1.0, "availability": 2.0, "distance": 2.0}
DISTANCE_SCALE_KM = 3.0
CANDIDATES = 300


@dataclass
class Recommendation:
    task: object
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)


def shift_slot(shift: Shift) -> str:
    """The availability slot a shift starts in, e.g. "weekend_morning"."""
    start = timezone.localtime(shift.starts_at)
    day = "weekend" if start.weekday() >= 5 else "weekday"
    part = "morning" if start.hour < 12 else "afternoon" if start.hour < 18 else "evening"
    return f"{day}_{part}"


def party_community_id(user) -> int | None:
    registration = party_registration_current(user)
    return registration.community_id if registration else None


def recommended_tasks(*, user, party_community=None, limit: int = 6) -> list[Recommendation]:
    """`party_community`: the id of the community a Party member reports to, if the caller
    has looked it up already (None: look it up here)."""
    profile = (
        VolunteerProfile.objects.filter(user_id=user.pk)
        .select_related("home_community")
        .prefetch_related("skills")
        .first()
    )
    if profile is None:
        return []
    my_skills = {s.pk for s in profile.skills.all()}
    party_community = party_community or party_community_id(user)
    communities = {profile.home_community_id, party_community} - {None}
    home = profile.home_community
    taken = Signup.objects.filter(volunteer=user, status__in=ACTIVE_SIGNUP_STATUSES)
    upcoming = Shift.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at")
    candidates = (
        task_list(user=user)
        .filter(status="published", open_places__gt=0)
        .exclude(shifts__in=taken.values("shift"))
        .prefetch_related("required_skills", Prefetch("shifts", queryset=upcoming))
        .order_by("next_shift_at")[:CANDIDATES]
    )
    ranked = []
    for task in candidates:
        needed = {s.pk: s for s in task.required_skills.all()}
        if set(needed) - my_skills:
            continue
        ranked.append(_score(task, needed, my_skills, communities, home, profile.availability))
    ranked.sort(key=lambda r: (-r.score, r.task.next_shift_at))
    return ranked[:limit]


def _score(task, needed, my_skills, communities, home, availability) -> Recommendation:
    rec = Recommendation(task=task)
    if task.community_id in communities:
        rec.score += WEIGHTS["community"]
        rec.reasons.append(_("In your community"))
    matched = [needed[pk].name for pk in needed if pk in my_skills]
    if matched:
        rec.score += WEIGHTS["skill"] * len(matched)
        rec.reasons.append(_("Uses your skills: %(skills)s") % {"skills": "、".join(matched)})
    if availability and any(shift_slot(s) in availability for s in task.shifts.all()):
        rec.score += WEIGHTS["availability"]
        rec.reasons.append(_("At a time you said suits you"))
    km = distance_km(task.latitude, task.longitude, home.latitude, home.longitude)
    if km is not None:
        rec.score += WEIGHTS["distance"] * math.exp(-km / DISTANCE_SCALE_KM)
        rec.reasons.append(_("%(km)s km from your community") % {"km": f"{km:.1f}"})
    return rec
