from .residents import SurveyAnswerView, SurveyListView
from .results import CoverageView, SurveyResultsCsvView, SurveyResultsView
from .staff import ManageListView, SurveyActionView, SurveyCreateView, SurveyEditView

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
