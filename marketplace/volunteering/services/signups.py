"""Signing up for shifts, the waiting list, approval and cancellation.

Capacity is enforced in the database transaction. Every change to a shift's places
happens while holding the shift's row lock (SELECT … FOR UPDATE on PostgreSQL; on
SQLite every write transaction is BEGIN IMMEDIATE, which serializes writers), and the
confirmed counter is bounded by a check constraint. A volunteer's own sign-ups are
serialized by a lock on their profile row, taken before the shift's: the duplicate and
overlap checks cannot race either.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.models import VolunteerProfile, age_on
from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.volunteering.models import (
    ACTIVE_SIGNUP_STATUSES,
    Shift,
    Signup,
    SignupStatus,
    TaskStatus,
)
from marketplace.volunteering.selectors import waitlist_position
from marketplace.volunteering.services.common import locked_shift, notify_signups, require_manager
from marketplace.volunteering.states import is_task_manager

S = SignupStatus


@transaction.atomic
def shift_signup(*, actor, shift: Shift) -> Signup:
    """Confirmed while places remain, else on the waiting list (or pending approval)."""
    profile = _locked_profile(actor)
    shift = locked_shift(shift)
    _check_can_sign_up(profile, shift)
    if shift.task.requires_approval:
        status = S.PENDING
    elif _take_place(shift):
        status = S.CONFIRMED
    else:
        status = S.WAITLISTED
    now = timezone.now()
    signup = Signup.objects.create(
        shift=shift,
        volunteer=actor,
        status=status,
        confirmed_at=now if status == S.CONFIRMED else None,
    )
    audit_record(actor=actor, event=f"volunteering.signup.{status}", target=signup)
    extra = {"position": waitlist_position(signup)} if status == S.WAITLISTED else {}
    notify_signups([signup], f"volunteering.signup.{status}", **extra)
    return signup


def _locked_profile(actor) -> VolunteerProfile:
    profile = (
        VolunteerProfile.objects.select_for_update().filter(user_id=actor.pk).first()
        if actor.is_authenticated
        else None
    )
    if profile is None:
        raise NotPermitted(_("Register as a volunteer to sign up for shifts."))
    if not profile.is_verified:
        raise DomainError(_("Complete your real-name registration (ID number) before signing up."))
    return profile


def _check_can_sign_up(profile: VolunteerProfile, shift: Shift) -> None:
    task, now = shift.task, timezone.now()
    if task.status != TaskStatus.PUBLISHED:
        raise DomainError(_("This task is not taking sign-ups."))
    if shift.starts_at <= now:
        raise DomainError(_("This shift has already started."))
    if shift.closes_at <= now:
        raise DomainError(_("Sign-ups for this shift closed at the deadline."))
    _check_age(profile, task, shift)
    _check_skills(profile, task)
    mine = Signup.objects.filter(volunteer_id=profile.user_id, status__in=ACTIVE_SIGNUP_STATUSES)
    if mine.filter(shift=shift).exists():
        raise DomainError(_("You have already signed up for this shift."))
    clash = (
        mine.filter(shift__starts_at__lt=shift.ends_at, shift__ends_at__gt=shift.starts_at)
        .select_related("shift__task")
        .first()
    )
    if clash is not None:
        raise DomainError(
            _("You already hold a shift at this time: “%(task)s”.") % {"task": clash.shift.task}
        )


def _check_age(profile: VolunteerProfile, task, shift: Shift) -> None:
    if task.min_age is None and task.max_age is None:
        return
    age = age_on(profile.birth_date, timezone.localtime(shift.starts_at).date())
    if task.min_age is not None and age < task.min_age:
        raise DomainError(
            _("This task is for volunteers aged %(n)s or over.") % {"n": task.min_age}
        )
    if task.max_age is not None and age > task.max_age:
        raise DomainError(
            _("This task is for volunteers aged %(n)s or under.") % {"n": task.max_age}
        )


def _check_skills(profile: VolunteerProfile, task) -> None:
    missing = task.required_skills.exclude(pk__in=profile.skills.values("pk"))
    names = [skill.name for skill in missing]
    if names:
        raise DomainError(
            _("This task needs skills you have not listed: %(skills)s.")
            % {"skills": "、".join(names)}
        )


def _take_place(shift: Shift) -> bool:
    """Take one place if one is left: a conditional update, never past capacity."""
    taken = Shift.objects.filter(pk=shift.pk, confirmed_count__lt=F("capacity")).update(
        confirmed_count=F("confirmed_count") + 1
    )
    if taken:
        shift.confirmed_count += 1
    return bool(taken)


def _free_place(shift: Shift) -> None:
    Shift.objects.filter(pk=shift.pk).update(confirmed_count=F("confirmed_count") - 1)
    shift.confirmed_count -= 1


def promote_waitlisted(shift: Shift) -> list[Signup]:
    """Fill free places from the waiting list, first come first served. Caller holds the
    shift lock."""
    promoted = []
    queue = (
        shift.signups.filter(status=S.WAITLISTED)
        .order_by("pk")
        .select_related("volunteer", "shift__task")
    )
    for signup in queue[: shift.open_places]:
        if not _take_place(shift):
            break
        signup.status, signup.confirmed_at = S.CONFIRMED, timezone.now()
        signup.save(update_fields=["status", "confirmed_at", "updated_at"])
        audit_record(actor=None, event="volunteering.signup.promoted", target=signup)
        promoted.append(signup)
    notify_signups(promoted, "volunteering.signup.promoted")
    return promoted


@transaction.atomic
def signup_cancel(*, actor, signup: Signup, reason: str = "") -> Signup:
    """The volunteer (or the organizers) cancel; a freed place goes to the waiting list."""
    shift = locked_shift(signup.shift)
    signup = Signup.objects.select_for_update().get(pk=signup.pk)
    is_own = signup.volunteer_id == actor.pk
    if not (is_own or is_task_manager(shift.task, actor)):
        raise NotPermitted(_("You can only cancel your own sign-up."))
    if not signup.is_active:
        raise DomainError(_("This sign-up is no longer active."))
    if shift.starts_at <= timezone.now():
        raise DomainError(_("This shift has already started; ask the organizers instead."))
    if not is_own and not reason.strip():
        raise DomainError(_("Say why you cancel this volunteer's sign-up."), field="reason")
    held_place = signup.status == S.CONFIRMED
    signup.status, signup.cancelled_at, signup.reason = S.CANCELLED, timezone.now(), reason.strip()
    signup.save(update_fields=["status", "cancelled_at", "reason", "updated_at"])
    audit_record(actor=actor, event="volunteering.signup.cancelled", target=signup)
    if held_place:
        _free_place(shift)
        promote_waitlisted(shift)
    return signup


@transaction.atomic
def signup_approve(*, actor, signup: Signup) -> Signup:
    """Approval mode: an approved sign-up takes a place if one is left, else waits."""
    shift = locked_shift(signup.shift)
    require_manager(actor, shift.task)
    signup = Signup.objects.select_for_update().get(pk=signup.pk)
    if signup.status != S.PENDING:
        raise DomainError(_("Only a sign-up awaiting approval can be approved."))
    if _take_place(shift):
        signup.status, signup.confirmed_at = S.CONFIRMED, timezone.now()
    else:
        signup.status = S.WAITLISTED
    signup.save(update_fields=["status", "confirmed_at", "updated_at"])
    audit_record(actor=actor, event=f"volunteering.signup.approved.{signup.status}", target=signup)
    extra = {"position": waitlist_position(signup)} if signup.status == S.WAITLISTED else {}
    notify_signups([signup], f"volunteering.signup.{signup.status}", **extra)
    return signup


@transaction.atomic
def signup_reject(*, actor, signup: Signup, reason: str) -> Signup:
    shift = locked_shift(signup.shift)
    require_manager(actor, shift.task)
    if not reason.strip():
        raise DomainError(_("Say why the sign-up is not approved."), field="reason")
    signup = Signup.objects.select_for_update().get(pk=signup.pk)
    if signup.status != S.PENDING:
        raise DomainError(_("Only a sign-up awaiting approval can be turned down."))
    signup.status, signup.reason = S.REJECTED, reason.strip()
    signup.save(update_fields=["status", "reason", "updated_at"])
    audit_record(actor=actor, event="volunteering.signup.rejected", target=signup)
    notify_signups([signup], "volunteering.signup.rejected", reason=signup.reason)
    return signup
