"""Pages of purchased services."""

from marketplace.procurement.views.contracts import (
    ContractSignView,
    MilestoneActionView,
    PerformanceEvaluateView,
)
from marketplace.procurement.views.evaluation import (
    EvaluationReportView,
    PanelAppointView,
    ScoreSheetView,
)
from marketplace.procurement.views.projects import (
    ProjectActionView,
    ProjectCreateView,
    ProjectDetailView,
    ProjectListView,
)
from marketplace.procurement.views.tender import (
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
