from django.urls import path

from marketplace.accounts.views import MeView

app_name = "accounts"
urlpatterns = [path("", MeView.as_view(), name="me")]
