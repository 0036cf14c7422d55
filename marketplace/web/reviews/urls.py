from django.urls import path

from marketplace.web.reviews import views

app_name = "reviews"
urlpatterns = [
    path("mine/", views.MyReviewsView.as_view(), name="mine"),
    path("rate/<slug:kind>/<int:service_id>/", views.ReviewRateView.as_view(), name="rate"),
    path("served/<slug:kind>/<int:service_id>/", views.ServedPeopleView.as_view(), name="served"),
    path("cases/", views.CaseListView.as_view(), name="cases"),
    path("cases/<int:pk>/answer/", views.CaseAnswerView.as_view(), name="case_answer"),
    path("cases/<int:pk>/accept/", views.CaseAcceptView.as_view(), name="case_accept"),
    path("moderation/", views.ModerationListView.as_view(), name="moderation"),
    path("<int:pk>/<slug:action>/", views.ReviewModerateView.as_view(), name="moderate"),
    path(
        "providers/<slug:provider_type>/<int:pk>/",
        views.ProviderReviewsView.as_view(),
        name="provider",
    ),
    path("credit/<int:pk>/", views.CreditView.as_view(), name="credit"),
    path("watch-list/", views.WatchListView.as_view(), name="watch_list"),
]
