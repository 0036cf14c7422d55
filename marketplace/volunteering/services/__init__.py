"""Every write to volunteer tasks, shifts and sign-ups."""

from .signups import shift_signup, signup_approve, signup_cancel, signup_reject
from .tasks import shift_add, shift_update, task_cancel, task_create, task_publish, task_update

__all__ = [
    "shift_add",
    "shift_signup",
    "shift_update",
    "signup_approve",
    "signup_cancel",
    "signup_reject",
    "task_cancel",
    "task_create",
    "task_publish",
    "task_update",
]
