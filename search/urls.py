from django.urls import path

from .views import SearchSuggestView, SiteSearchView

app_name = "search"
urlpatterns = [
    path("", SiteSearchView.as_view(), name="results"),
    path("suggest/", SearchSuggestView.as_view(), name="suggest"),
]
