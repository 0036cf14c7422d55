"""Every write to residents' requests and their categories."""

from .categories import category_save
from .escalation import requests_escalate_overdue
from .requests import (
    request_accept,
    request_close,
    request_file,
    request_reject,
    request_resolve,
    request_withdraw,
)

__all__ = [
    "category_save",
    "request_accept",
    "request_close",
    "request_file",
    "request_reject",
    "request_resolve",
    "request_withdraw",
    "requests_escalate_overdue",
]
