from django.urls import path

from marketplace.web.regions import views

app_name = "regions"
urlpatterns = [
    path("", views.FacilityListView.as_view(), name="facility_list"),
    path("<int:pk>/", views.FacilityDetailView.as_view(), name="facility_detail"),
]
