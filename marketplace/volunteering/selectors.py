from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from marketplace.accounts.scope import scope_of
from marketplace.core.selectors import object_or_not_found
from marketplace.volunteering.models import (
    ACTIVE_SIGNUP_STATUSES,
    PartyMemberRegistration,
    ServiceRecord,
    Shift,
    Signup,
    SignupStatus,
    Task,
    TaskStatus,
)

PUBLIC_STATUSES = [TaskStatus.PUBLISHED, TaskStatus.COMPLETED, TaskStatus.CANCELLED]


def _visible(user) -> Q:
    """Published (and finished) tasks for everyone; drafts for the people who manage them."""
    visible = Q(status__in=PUBLIC_STATUSES)
    if user.is_authenticated:
        if user.is_superuser:
            return Q()
        scope = scope_of(user)
        visible |= Q(community_id__in=scope.community_ids)
        visible |= Q(organization_id__in=scope.organization_ids)
    return visible


def managed_by(user, via: str = "") -> Q:
    """The tasks a user organizes — their communities' and their organizations' — or, with
    `via` ("task__", "shift__task__"), the shifts or sign-ups of those tasks."""
    if user.is_superuser:
        return Q()
    scope = scope_of(user)
    return Q(**{f"{via}community_id__in": scope.community_ids}) | Q(
        **{f"{via}organization_id__in": scope.organization_ids}
    )


def waitlist_position(signup: Signup) -> int:
    """1 for the first in line: waiting sign-ups are served in primary-key order."""
    return Signup.objects.filter(
        shift_id=signup.shift_id, status=SignupStatus.WAITLISTED, pk__lte=signup.pk
    ).count()


def party_registration_current(user) -> PartyMemberRegistration | None:
    return (
        PartyMemberRegistration.objects.filter(volunteer=user, ended_at__isnull=True)
        .select_related("community", "community__parent")
        .first()
    )


def task_list(*, user) -> QuerySet[Task]:
    """Tasks with `open_places` on their upcoming shifts and `next_shift_at`.

    Both are subqueries, not joins, so filters on shifts cannot multiply the sums.
    """
    upcoming = Shift.objects.filter(task=OuterRef("pk"), starts_at__gt=timezone.now())
    open_places = (
        upcoming.values("task").annotate(n=Sum(F("capacity") - F("confirmed_count"))).values("n")
    )
    return (
        Task.objects.filter(_visible(user))
        .select_related("community", "community__parent", "category", "organization")
        .annotate(
            open_places=Coalesce(Subquery(open_places), 0, output_field=IntegerField()),
            next_shift_at=Subquery(upcoming.order_by("starts_at").values("starts_at")[:1]),
        )
    )


def task_get(*, user, pk: int) -> Task:
    return object_or_not_found(
        Task.objects.filter(_visible(user)).select_related(
            "community", "category", "organization", "created_by"
        ),
        pk=pk,
    )


def shifts_for(*, task: Task, user) -> list[Shift]:
    """The task's shifts, each with `my_signup` (the user's active sign-up or None) and,
    for a waitlisted sign-up, its `position`."""
    mine = Signup.objects.none()
    if user.is_authenticated:
        mine = Signup.objects.filter(volunteer=user, status__in=ACTIVE_SIGNUP_STATUSES)
    shifts = list(
        task.shifts.annotate(
            waitlist_count=Count("signups", filter=Q(signups__status=SignupStatus.WAITLISTED))
        ).prefetch_related(Prefetch("signups", queryset=mine, to_attr="mine"))
    )
    for shift in shifts:
        shift.my_signup = shift.mine[0] if shift.mine else None
        if shift.my_signup and shift.my_signup.status == SignupStatus.WAITLISTED:
            shift.my_signup.position = waitlist_position(shift.my_signup)
    return shifts


def signups_of(*, user) -> QuerySet[Signup]:
    return (
        Signup.objects.filter(volunteer=user)
        .select_related("shift", "shift__task", "shift__task__community")
        .order_by("-shift__starts_at", "-id")
    )


def service_records_of(*, volunteer) -> QuerySet[ServiceRecord]:
    return ServiceRecord.objects.filter(volunteer=volunteer).select_related("recorded_by")


def yearly_totals(*, volunteer) -> list[dict]:
    """[{"year", "minutes", "count"}], newest year first."""
    rows = (
        ServiceRecord.objects.filter(volunteer=volunteer)
        .values("service_date__year")
        .annotate(minutes=Sum("minutes"), count=Count("id"))
        .order_by("-service_date__year")
    )
    return [
        {
            "year": r["service_date__year"],
            "minutes": r["minutes"],
            "count": r["count"],
            "hours": round(r["minutes"] / 60, 2),
        }
        for r in rows
    ]
