from django.urls import path

from marketplace.core.views import ElderModeToggleView

app_name = "core"
urlpatterns = [path("", ElderModeToggleView.as_view(), name="elder_mode")]
