from django.urls import path

from marketplace.web.accounts.views import MeView

app_name = "accounts"
urlpatterns = [path("", MeView.as_view(), name="me")]
