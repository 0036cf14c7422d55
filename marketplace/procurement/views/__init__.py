"""Pages of purchased services."""

from .contracts import ContractSignView, MilestoneActionView, PerformanceEvaluateView
from .evaluation import EvaluationReportView, PanelAppointView, ScoreSheetView
from .projects import ProjectActionView, ProjectCreateView, ProjectDetailView, ProjectListView
from .tender import (
    AttachmentDownloadView,
    BidSubmitView,
    BidWithdrawView,
    ClarificationAnswerView,
    ClarificationAskView,
    ObjectionAnswerView,
    ObjectionFileView,
)

__all__ = [
    "AttachmentDownloadView",
    "BidSubmitView",
    "BidWithdrawView",
    "ClarificationAnswerView",
    "ClarificationAskView",
    "ContractSignView",
    "EvaluationReportView",
    "MilestoneActionView",
    "ObjectionAnswerView",
    "ObjectionFileView",
    "PanelAppointView",
    "PerformanceEvaluateView",
    "ProjectActionView",
    "ProjectCreateView",
    "ProjectDetailView",
    "ProjectListView",
    "ScoreSheetView",
]
