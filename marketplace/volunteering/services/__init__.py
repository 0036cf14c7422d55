"""Every write to volunteer tasks, shifts and sign-ups."""

from marketplace.volunteering.services.attendance import (
    attendance_mark,
    attendance_no_show,
    attendance_scan,
    checkin_token,
    hours_adjust,
    hours_approve,
)
from marketplace.volunteering.services.party import (
    party_registration_create,
    party_registration_end,
)
from marketplace.volunteering.services.records import (
    normalize_code,
    record_extract_issue,
    record_extract_verify,
)
from marketplace.volunteering.services.signups import (
    shift_signup,
    signup_approve,
    signup_cancel,
    signup_reject,
)
from marketplace.volunteering.services.tasks import (
    shift_add,
    shift_update,
    task_cancel,
    task_complete,
    task_create,
    task_publish,
    task_update,
)

__all__ = [
    "attendance_mark",
    "attendance_no_show",
    "attendance_scan",
    "checkin_token",
    "hours_adjust",
    "hours_approve",
    "normalize_code",
    "party_registration_create",
    "party_registration_end",
    "record_extract_issue",
    "record_extract_verify",
    "shift_add",
    "shift_signup",
    "shift_update",
    "signup_approve",
    "signup_cancel",
    "signup_reject",
    "task_cancel",
    "task_complete",
    "task_create",
    "task_publish",
    "task_update",
]
