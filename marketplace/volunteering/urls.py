from django.urls import path

from . import views

app_name = "volunteering"
urlpatterns = [
    path("", views.TaskListView.as_view(), name="list"),
    path("mine/", views.MySignupsView.as_view(), name="mine"),
    path("<int:pk>/", views.TaskDetailView.as_view(), name="detail"),
    path("shifts/<int:pk>/signup/", views.ShiftSignupView.as_view(), name="signup"),
    path("signups/<int:pk>/cancel/", views.SignupCancelView.as_view(), name="cancel"),
]
