"""After the award: the contract, milestones, the performance evaluation."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from marketplace.http.views import call_service
from marketplace.procurement import services
from marketplace.procurement.models import Milestone
from marketplace.procurement.selectors import contract_satisfaction, project_get
from marketplace.procurement.states import is_project_purchaser
from marketplace.web.procurement.forms import IndicatorFormSet, MilestoneFormSet


class ContractSignView(LoginRequiredMixin, View):
    """The purchaser signs with the winner, laying out the milestones."""

    template_name = "procurement/contract_form.html"

    def get(self, request, pk):
        project = project_get(user=request.user, pk=pk)
        if not is_project_purchaser(project, request.user):
            raise Http404
        return render(
            request,
            self.template_name,
            {"project": project, "formset": MilestoneFormSet(prefix="m")},
        )

    def post(self, request, pk):
        project = project_get(user=request.user, pk=pk)
        if not is_project_purchaser(project, request.user):
            raise Http404
        formset = MilestoneFormSet(request.POST, prefix="m")
        if formset.is_valid():
            contract = call_service(
                request,
                services.contract_sign,
                project=project,
                milestones=[m for m in formset.cleaned_data if m],
            )
            if contract is not None:
                messages.success(request, _("The contract is signed."))
                return redirect("procurement:detail", pk=pk)
        return render(request, self.template_name, {"project": project, "formset": formset})


class PerformanceEvaluateView(LoginRequiredMixin, View):
    """The purchaser scores the completed contract's indicators (绩效评价)."""

    template_name = "procurement/performance_form.html"

    def project(self, request, pk):
        project = project_get(user=request.user, pk=pk)
        if not is_project_purchaser(project, request.user):
            raise Http404
        return project

    def get(self, request, pk):
        project = self.project(request, pk)
        return render(
            request,
            self.template_name,
            {
                "project": project,
                "formset": IndicatorFormSet(prefix="i"),
                "satisfaction": contract_satisfaction(project),
            },
        )

    def post(self, request, pk):
        project = self.project(request, pk)
        formset = IndicatorFormSet(request.POST, prefix="i")
        if formset.is_valid():
            done = call_service(
                request,
                services.performance_evaluate,
                project=project,
                indicators=[row for row in formset.cleaned_data if row],
            )
            if done is not None:
                messages.success(request, _("The performance evaluation is published."))
                return redirect("procurement:detail", pk=pk)
        context = {
            "project": project,
            "formset": formset,
            "satisfaction": contract_satisfaction(project),
        }
        return render(request, self.template_name, context)


class MilestoneActionView(LoginRequiredMixin, View):
    """POST /procurement/milestones/<pk>/<submit|accept|return|pay>/."""

    def post(self, request, pk, action):
        milestone = get_object_or_404(Milestone.objects.select_related("contract"), pk=pk)
        post = request.POST
        if action == "submit":
            call_service(
                request,
                services.milestone_submit,
                milestone=milestone,
                evidence=post.get("evidence", ""),
            )
        elif action == "accept":
            call_service(request, services.milestone_accept, milestone=milestone)
        elif action == "return":
            call_service(
                request,
                services.milestone_return,
                milestone=milestone,
                reason=post.get("reason", ""),
            )
        elif action == "pay":
            call_service(
                request,
                services.payment_record,
                milestone=milestone,
                amount=post.get("amount", ""),
                paid_on=_date_or_none(post.get("paid_on")),
            )
        else:
            raise Http404
        return redirect("procurement:detail", pk=milestone.contract.project_id)


def _date_or_none(raw):
    from django.utils.dateparse import parse_date

    try:
        return parse_date(raw or "")
    except ValueError:
        return None
