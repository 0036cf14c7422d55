from marketplace.web.surveys.views.residents import SurveyAnswerView, SurveyListView
from marketplace.web.surveys.views.results import (
    CoverageView,
    SurveyResultsCsvView,
    SurveyResultsView,
)
from marketplace.web.surveys.views.staff import (
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
