"""Every write to purchased-service projects and their bids."""

from .bids import bid_submit, bid_withdraw, tender_open
from .projects import project_cancel, project_create, project_publish, project_update

__all__ = [
    "bid_submit",
    "bid_withdraw",
    "project_cancel",
    "project_create",
    "project_publish",
    "project_update",
    "tender_open",
]
