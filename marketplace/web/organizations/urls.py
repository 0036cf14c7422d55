from django.urls import path

from marketplace.web.organizations import views

app_name = "organizations"
urlpatterns = [
    path("", views.ProviderListView.as_view(), name="list"),
    path("<int:pk>/", views.ProviderDetailView.as_view(), name="detail"),
]
