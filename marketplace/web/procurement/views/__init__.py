"""Pages of purchased services."""

from marketplace.web.procurement.views.contracts import (
    ContractSignView,
    MilestoneActionView,
    PerformanceEvaluateView,
)
from marketplace.web.procurement.views.evaluation import (
    EvaluationReportView,
    PanelAppointView,
    ScoreSheetView,
)
from marketplace.web.procurement.views.projects import (
    ProjectActionView,
    ProjectCreateView,
    ProjectDetailView,
    ProjectListView,
)
from marketplace.web.procurement.views.tender import (
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
