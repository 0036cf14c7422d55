"""Check-in and check-out by rotating QR token, attendance by hand, hours and approval.

The token shown at the site changes every CHECKIN_TOKEN_SECONDS; a token is accepted in
its own window and the one after (so a code read just before it turns still works). It
is an HMAC of the shift's id and the window under the shift's own secret key, so a
token of another shift, or an old one, is refused.
"""

import hashlib
import hmac
import time
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.volunteering.models import Attendance, ServiceRecord, Shift, Signup, SignupStatus
from marketplace.volunteering.services.common import locked_shift, require_manager

CHECKIN_TOKEN_SECONDS = 60
CHECKIN_OPENS_BEFORE = timedelta(minutes=60)
CHECKOUT_CLOSES_AFTER = timedelta(hours=2)


def checkin_token(shift: Shift, at: float | None = None) -> str:
    window = int((time.time() if at is None else at) // CHECKIN_TOKEN_SECONDS)
    message = f"{shift.pk}:{window}".encode()
    return hmac.new(shift.checkin_key.encode(), message, hashlib.sha256).hexdigest()[:16]


def _token_is_valid(shift: Shift, token: str) -> bool:
    now = time.time()
    return any(
        hmac.compare_digest(token, checkin_token(shift, now - lag * CHECKIN_TOKEN_SECONDS))
        for lag in (0, 1)
    )


def capped_minutes(shift: Shift, checked_in_at, checked_out_at) -> int:
    """Minutes served: out minus in, never more than the shift's length."""
    served = int((checked_out_at - checked_in_at).total_seconds() // 60)
    return max(0, min(served, shift.minutes))


def _locked_signup(signup: Signup) -> Signup:
    return Signup.objects.select_for_update().get(pk=signup.pk)


def _require_not_final(signup: Signup) -> None:
    if ServiceRecord.objects.filter(signup_id=signup.pk).exists():
        raise DomainError(_("These hours are approved and final."))


@transaction.atomic
def attendance_scan(*, actor, shift: Shift, token: str) -> Signup:
    """The volunteer scanned the shift's QR code: check in, or check out if already in."""
    shift = locked_shift(shift)
    if not _token_is_valid(shift, token or ""):
        raise DomainError(_("This check-in code has expired or belongs to another shift."))
    signup = (
        Signup.objects.select_for_update()
        .filter(shift=shift, volunteer_id=actor.pk, status=SignupStatus.CONFIRMED)
        .first()
    )
    if signup is None:
        raise DomainError(_("You do not have a confirmed place on this shift."))
    _require_not_final(signup)
    now = timezone.now()
    if signup.checked_in_at is None:
        if now < shift.starts_at - CHECKIN_OPENS_BEFORE or now > shift.ends_at:
            raise DomainError(_("Check-in opens an hour before the shift and closes at its end."))
        signup.checked_in_at, signup.attendance = now, Attendance.ATTENDED
        signup.save(update_fields=["checked_in_at", "attendance", "updated_at"])
        audit_record(actor=actor, event="volunteering.attendance.checked_in", target=signup)
        return signup
    if signup.checked_out_at is not None:
        raise DomainError(_("You have already checked out of this shift."))
    if now > shift.ends_at + CHECKOUT_CLOSES_AFTER:
        raise DomainError(_("Check-out has closed; ask the organizers to record your hours."))
    signup.checked_out_at = now
    signup.minutes = capped_minutes(shift, signup.checked_in_at, now)
    signup.save(update_fields=["checked_out_at", "minutes", "updated_at"])
    audit_record(
        actor=actor,
        event="volunteering.attendance.checked_out",
        target=signup,
        minutes=signup.minutes,
    )
    return signup


@transaction.atomic
def attendance_mark(*, actor, signup: Signup, checked_in_at, checked_out_at) -> Signup:
    """Organizers record attendance by hand (no phone, no signal, forgot to scan)."""
    shift = locked_shift(signup.shift)
    require_manager(actor, shift.task)
    signup = _locked_signup(signup)
    _require_not_final(signup)
    if signup.status != SignupStatus.CONFIRMED:
        raise DomainError(_("Only a confirmed volunteer's attendance can be recorded."))
    if checked_out_at <= checked_in_at:
        raise DomainError(_("Check-out must be later than check-in."), field="checked_out_at")
    signup.checked_in_at, signup.checked_out_at = checked_in_at, checked_out_at
    signup.attendance = Attendance.ATTENDED
    signup.minutes = capped_minutes(shift, checked_in_at, checked_out_at)
    signup.save(
        update_fields=["checked_in_at", "checked_out_at", "attendance", "minutes", "updated_at"]
    )
    audit_record(
        actor=actor, event="volunteering.attendance.marked", target=signup, minutes=signup.minutes
    )
    return signup


@transaction.atomic
def attendance_no_show(*, actor, signup: Signup) -> Signup:
    shift = locked_shift(signup.shift)
    require_manager(actor, shift.task)
    signup = _locked_signup(signup)
    _require_not_final(signup)
    if signup.status != SignupStatus.CONFIRMED:
        raise DomainError(_("Only a confirmed volunteer can be marked as not coming."))
    if shift.starts_at > timezone.now():
        raise DomainError(_("A no-show can only be marked once the shift has started."))
    signup.attendance, signup.minutes = Attendance.NO_SHOW, None
    signup.checked_in_at = signup.checked_out_at = None
    signup.save(
        update_fields=["attendance", "minutes", "checked_in_at", "checked_out_at", "updated_at"]
    )
    audit_record(actor=actor, event="volunteering.attendance.no_show", target=signup)
    return signup


@transaction.atomic
def hours_adjust(*, actor, signup: Signup, minutes: int, reason: str) -> Signup:
    """Organizers set the hours themselves, beyond the cap if need be, always with a reason."""
    shift = locked_shift(signup.shift)
    require_manager(actor, shift.task)
    if not (reason or "").strip():
        raise DomainError(_("Say why the hours are adjusted."), field="reason")
    if minutes is None or minutes <= 0 or minutes > 24 * 60:
        raise DomainError(_("Enter the minutes served, between 1 and 1440."), field="minutes")
    signup = _locked_signup(signup)
    _require_not_final(signup)
    if signup.attendance != Attendance.ATTENDED:
        raise DomainError(_("Record the volunteer's attendance before adjusting hours."))
    before = signup.minutes
    signup.minutes, signup.adjustment_reason = minutes, reason.strip()
    signup.save(update_fields=["minutes", "adjustment_reason", "updated_at"])
    audit_record(
        actor=actor,
        event="volunteering.hours.adjusted",
        target=signup,
        before=before,
        after=minutes,
        reason=signup.adjustment_reason,
    )
    return signup


@transaction.atomic
def hours_approve(*, actor, signup: Signup) -> ServiceRecord:
    """Approved hours become the volunteer's record: final, and audited."""
    shift = locked_shift(signup.shift)
    task = shift.task
    require_manager(actor, task)
    signup = _locked_signup(signup)
    _require_not_final(signup)
    if signup.attendance != Attendance.ATTENDED or not signup.minutes:
        raise DomainError(_("There are no hours to approve for this sign-up."))
    if signup.volunteer_id == actor.pk:
        raise NotPermitted(_("Nobody approves their own hours."))
    organizer = task.organization.name if task.organization_id else task.community.name
    record = ServiceRecord.objects.create(
        volunteer_id=signup.volunteer_id,
        signup=signup,
        service_name=task.title,
        recording_organization=organizer,
        place=task.place,
        service_date=timezone.localtime(shift.starts_at).date(),
        content=task.description[:1000],
        minutes=signup.minutes,
        adjustment_reason=signup.adjustment_reason,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        event="volunteering.hours.approved",
        target=signup,
        minutes=record.minutes,
        record=record.pk,
    )
    return record
