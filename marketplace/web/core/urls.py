from django.urls import path

from marketplace.web.core.views import ElderModeToggleView

app_name = "core"
urlpatterns = [path("", ElderModeToggleView.as_view(), name="elder_mode")]
