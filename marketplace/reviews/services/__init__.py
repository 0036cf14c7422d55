"""Every write of ratings, rectification and credit."""

from marketplace.reviews.services.aggregates import (
    aggregate_shift,
    rating_recompute,
    ratings_rebuild_all,
)
from marketplace.reviews.services.credit import credit_event_record, watch_list_add, watch_list_lift
from marketplace.reviews.services.rectification import (
    case_accept,
    case_answer,
    cases_escalate_overdue,
)
from marketplace.reviews.services.reviews import (
    review_create,
    review_editable,
    review_hide,
    review_remove,
    review_restore,
    review_update,
)
from marketplace.reviews.services.served import served_people_record, served_person_remove

__all__ = [
    "aggregate_shift",
    "case_accept",
    "case_answer",
    "cases_escalate_overdue",
    "credit_event_record",
    "rating_recompute",
    "ratings_rebuild_all",
    "review_create",
    "review_editable",
    "review_hide",
    "review_remove",
    "review_restore",
    "review_update",
    "served_people_record",
    "served_person_remove",
    "watch_list_add",
    "watch_list_lift",
]
