"""Every write to purchased-service projects and their bids."""

from marketplace.procurement.services.award import objection_answer, objection_file, project_award
from marketplace.procurement.services.bids import bid_submit, bid_withdraw, tender_open
from marketplace.procurement.services.clarifications import clarification_answer, clarification_ask
from marketplace.procurement.services.contracts import (
    contract_sign,
    milestone_accept,
    milestone_return,
    milestone_submit,
    payment_record,
    performance_evaluate,
)
from marketplace.procurement.services.evaluation import (
    evaluator_declare,
    panel_appoint,
    score_sheet_submit,
)
from marketplace.procurement.services.projects import (
    project_cancel,
    project_create,
    project_publish,
    project_update,
)

__all__ = [
    "clarification_answer",
    "clarification_ask",
    "contract_sign",
    "milestone_accept",
    "milestone_return",
    "milestone_submit",
    "payment_record",
    "performance_evaluate",
    "bid_submit",
    "bid_withdraw",
    "evaluator_declare",
    "panel_appoint",
    "project_cancel",
    "project_create",
    "project_publish",
    "project_update",
    "project_award",
    "objection_answer",
    "objection_file",
    "score_sheet_submit",
    "tender_open",
]
