from django.urls import path

from marketplace.web.notifications import views

app_name = "notifications"
urlpatterns = [path("", views.NotificationListView.as_view(), name="list")]
