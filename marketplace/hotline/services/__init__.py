"""Every write to residents' requests and their categories."""

from marketplace.hotline.services.categories import category_save
from marketplace.hotline.services.escalation import requests_escalate_overdue
from marketplace.hotline.services.requests import (
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
