from .award import Award, Objection
from .bids import Bid, BidAttachment, BidStatus
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
    "Objection",
    "Bid",
    "BidAttachment",
    "BidStatus",
    "Criterion",
    "DocumentKind",
    "Evaluator",
    "FundingSource",
    "Project",
    "ProjectStatus",
    "Score",
    "TenderKey",
    "TieBreak",
]
