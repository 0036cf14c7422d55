from django.urls import path

from marketplace.web.surveys import views

app_name = "surveys"
urlpatterns = [
    path("", views.SurveyListView.as_view(), name="list"),
    path("<int:pk>/", views.SurveyAnswerView.as_view(), name="answer"),
    path("<int:pk>/results/", views.SurveyResultsView.as_view(), name="results"),
    path("<int:pk>/results.csv", views.SurveyResultsCsvView.as_view(), name="results_csv"),
    path("manage/", views.ManageListView.as_view(), name="manage"),
    path("manage/new/", views.SurveyCreateView.as_view(), name="create"),
    path("manage/<int:pk>/edit/", views.SurveyEditView.as_view(), name="edit"),
    path("manage/<int:pk>/<slug:action>/", views.SurveyActionView.as_view(), name="action"),
    path("coverage/<int:pk>/", views.CoverageView.as_view(), name="coverage"),
]
