from marketplace.reviews.models.credit import CreditEvent, CreditEventKind, WatchListEntry
from marketplace.reviews.models.rectification import CaseStatus, RectificationCase
from marketplace.reviews.models.reviews import (
    BAD_LEVELS,
    COUNTED,
    SATISFIED_LEVELS,
    Level,
    RatingAggregate,
    Review,
    ReviewStatus,
    ServedPerson,
    Tag,
)

__all__ = [
    "BAD_LEVELS",
    "COUNTED",
    "SATISFIED_LEVELS",
    "CaseStatus",
    "CreditEvent",
    "CreditEventKind",
    "Level",
    "RatingAggregate",
    "RectificationCase",
    "Review",
    "ServedPerson",
    "Tag",
    "ReviewStatus",
    "WatchListEntry",
]
