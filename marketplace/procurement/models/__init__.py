from marketplace.procurement.models.award import Award, Clarification, Objection
from marketplace.procurement.models.bids import Bid, BidAttachment, BidStatus
from marketplace.procurement.models.contracts import (
    Contract,
    Milestone,
    MilestoneStatus,
    PaymentRecord,
    PerformanceEvaluation,
)
from marketplace.procurement.models.evaluation import Evaluator, Score
from marketplace.procurement.models.projects import (
    Criterion,
    DocumentKind,
    FundingSource,
    Project,
    ProjectStatus,
    TenderKey,
    TieBreak,
)

__all__ = [
    "Award",
    "Clarification",
    "Objection",
    "Bid",
    "BidAttachment",
    "BidStatus",
    "Contract",
    "Criterion",
    "Milestone",
    "MilestoneStatus",
    "PaymentRecord",
    "PerformanceEvaluation",
    "DocumentKind",
    "Evaluator",
    "FundingSource",
    "Project",
    "ProjectStatus",
    "Score",
    "TenderKey",
    "TieBreak",
]
