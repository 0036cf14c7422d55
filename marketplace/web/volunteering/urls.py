from django.urls import path

from marketplace.web.volunteering import views

app_name = "volunteering"
urlpatterns = [
    path("", views.TaskListView.as_view(), name="list"),
    path("mine/", views.MySignupsView.as_view(), name="mine"),
    path("party/", views.PartyRegistrationView.as_view(), name="party"),
    path("<int:pk>/", views.TaskDetailView.as_view(), name="detail"),
    path("<int:pk>/<slug:action>/", views.TaskActionView.as_view(), name="action"),
    path("shifts/<int:pk>/signup/", views.ShiftSignupView.as_view(), name="signup"),
    path("signups/<int:pk>/cancel/", views.SignupCancelView.as_view(), name="cancel"),
    path("signups/<int:pk>/<slug:decision>/", views.SignupDecisionView.as_view(), name="decide"),
    path("shifts/<int:pk>/qr/", views.ShiftQrView.as_view(), name="shift_qr"),
    path("checkin/<int:pk>/<str:token>/", views.CheckinView.as_view(), name="checkin"),
    path("record/", views.MyRecordView.as_view(), name="record"),
    path("extracts/<str:code>/pdf/", views.ExtractPdfView.as_view(), name="extract_pdf"),
    path("verify/", views.VerifyView.as_view(), name="verify_form"),
    path("verify/<str:code>/", views.VerifyView.as_view(), name="verify"),
]
