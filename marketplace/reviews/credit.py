"""The credit formula (信用分), in one place. Shown to organizations on their credit page.

    score = 80                                 (the neutral start)
          + 10 × (bayesian rating − 3)         (−20 … +20; a provider with no reviews
                                                sits at the platform mean)
          + the points of every credit event in the last 24 months (table below)
    clamped to 0 … 100.

An organization scoring below WATCH_THRESHOLD is on the watch list automatically;
platform staff may also put one there with a reason.
"""

from marketplace.reviews.models import CreditEventKind as K

BASE = 80
RATING_WEIGHT = 10
WINDOW_MONTHS = 24
WATCH_THRESHOLD = 60

POINTS = {
    K.RECTIFICATION_OVERDUE: -5,
    K.COMPLAINT_UPHELD: -8,
    K.MILESTONE_LATE: -3,
    K.PERFORMANCE_EXCELLENT: 5,
    K.PERFORMANCE_GOOD: 2,
    K.PERFORMANCE_PASS: 0,
    K.PERFORMANCE_FAIL: -10,
}


def credit_score(*, bayesian_rating: float, event_points: int) -> int:
    raw = BASE + RATING_WEIGHT * (bayesian_rating - 3) + event_points
    return max(0, min(100, round(raw)))
