from marketplace.hotline.models.categories import RequestCategory
from marketplace.hotline.models.requests import (
    OPEN_STATUSES,
    SERVED_STATUSES,
    EscalationReason,
    EventKind,
    Request,
    RequestEvent,
    RequestPhoto,
    RequestStatus,
)

__all__ = [
    "OPEN_STATUSES",
    "SERVED_STATUSES",
    "EscalationReason",
    "EventKind",
    "Request",
    "RequestCategory",
    "RequestEvent",
    "RequestPhoto",
    "RequestStatus",
]
