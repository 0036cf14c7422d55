from django.urls import path

from marketplace.web.demands import views

app_name = "demands"
urlpatterns = [
    path("", views.DemandListView.as_view(), name="list"),
    path("<int:pk>/", views.DemandDetailView.as_view(), name="detail"),
    path("<int:pk>/respond/", views.ResponseCreateView.as_view(), name="respond"),
    path(
        "<int:pk>/responses/<int:response_pk>/accept/",
        views.ResponseAcceptView.as_view(),
        name="accept_response",
    ),
    path("<int:pk>/<slug:action>/", views.DemandActionView.as_view(), name="action"),
]
