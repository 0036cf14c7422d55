from .categories import RequestCategory
from .requests import (
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
