from .party import PartyMemberRegistration
from .records import RecordExtract, ServiceRecord
from .signups import ACTIVE_SIGNUP_STATUSES, Attendance, Signup, SignupStatus
from .tasks import Shift, Task, TaskStatus, new_checkin_key

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
