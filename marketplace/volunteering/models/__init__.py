from marketplace.volunteering.models.party import PartyMemberRegistration
from marketplace.volunteering.models.records import RecordExtract, ServiceRecord
from marketplace.volunteering.models.signups import (
    ACTIVE_SIGNUP_STATUSES,
    Attendance,
    Signup,
    SignupStatus,
)
from marketplace.volunteering.models.tasks import Shift, Task, TaskStatus, new_checkin_key

__all__ = [
    "ACTIVE_SIGNUP_STATUSES",
    "Attendance",
    "PartyMemberRegistration",
    "RecordExtract",
    "ServiceRecord",
    "Shift",
    "Signup",
    "SignupStatus",
    "Task",
    "TaskStatus",
    "new_checkin_key",  # referenced by migration 0001
]
