from marketplace.surveys.views.residents import SurveyAnswerView, SurveyListView
from marketplace.surveys.views.results import CoverageView, SurveyResultsCsvView, SurveyResultsView
from marketplace.surveys.views.staff import (
    ManageListView,
    SurveyActionView,
    SurveyCreateView,
    SurveyEditView,
)

__all__ = [
    "CoverageView",
    "ManageListView",
    "SurveyActionView",
    "SurveyAnswerView",
    "SurveyCreateView",
    "SurveyEditView",
    "SurveyListView",
    "SurveyResultsCsvView",
    "SurveyResultsView",
]
