from marketplace.web.reviews.views.credit import CreditView, WatchListView
from marketplace.web.reviews.views.rating import (
    CaseAcceptView,
    CaseAnswerView,
    CaseListView,
    ModerationListView,
    MyReviewsView,
    ProviderReviewsView,
    ReviewModerateView,
    ReviewRateView,
    ServedPeopleView,
)

__all__ = [
    "CaseAcceptView",
    "CaseAnswerView",
    "CaseListView",
    "CreditView",
    "ModerationListView",
    "MyReviewsView",
    "ProviderReviewsView",
    "ReviewModerateView",
    "ReviewRateView",
    "ServedPeopleView",
    "WatchListView",
]
