from .award import Award, Clarification, Objection
from .bids import Bid, BidAttachment, BidStatus
from .contracts import (
    Contract,
    Milestone,
    MilestoneStatus,
    PaymentRecord,
    PerformanceEvaluation,
)
from .evaluation import Evaluator, Score
from .projects import (
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
