from .bids import Bid, BidAttachment, BidStatus
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
    "Bid",
    "BidAttachment",
    "BidStatus",
    "Criterion",
    "DocumentKind",
    "FundingSource",
    "Project",
    "ProjectStatus",
    "TenderKey",
    "TieBreak",
]
