from django.urls import path

from marketplace.web.procurement import views

app_name = "procurement"
urlpatterns = [
    path("", views.ProjectListView.as_view(), name="list"),
    path("new/", views.ProjectCreateView.as_view(), name="new"),
    path("<int:pk>/", views.ProjectDetailView.as_view(), name="detail"),
    path("<int:pk>/bid/", views.BidSubmitView.as_view(), name="bid"),
    path("<int:pk>/questions/", views.ClarificationAskView.as_view(), name="ask"),
    path("<int:pk>/panel/", views.PanelAppointView.as_view(), name="panel"),
    path("<int:pk>/score/", views.ScoreSheetView.as_view(), name="score"),
    path("<int:pk>/report/", views.EvaluationReportView.as_view(), name="report"),
    path("bids/<int:pk>/withdraw/", views.BidWithdrawView.as_view(), name="withdraw"),
    path("questions/<int:pk>/answer/", views.ClarificationAnswerView.as_view(), name="answer"),
    path("<int:pk>/objections/", views.ObjectionFileView.as_view(), name="object"),
    path("<int:pk>/contract/", views.ContractSignView.as_view(), name="contract"),
    path("<int:pk>/performance/", views.PerformanceEvaluateView.as_view(), name="performance"),
    path(
        "objections/<int:pk>/answer/", views.ObjectionAnswerView.as_view(), name="objection_answer"
    ),
    path(
        "milestones/<int:pk>/<slug:action>/",
        views.MilestoneActionView.as_view(),
        name="milestone",
    ),
    path("attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment"),
    path("<int:pk>/<slug:action>/", views.ProjectActionView.as_view(), name="action"),
]
