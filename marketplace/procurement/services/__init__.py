"""Every write to purchased-service projects and their bids."""

from .bids import bid_submit, bid_withdraw, tender_open
from .evaluation import evaluator_declare, panel_appoint, score_sheet_submit
from .projects import project_cancel, project_create, project_publish, project_update

__all__ = [
    "bid_submit",
    "bid_withdraw",
    "evaluator_declare",
    "panel_appoint",
    "project_cancel",
    "project_create",
    "project_publish",
    "project_update",
    "score_sheet_submit",
    "tender_open",
]
