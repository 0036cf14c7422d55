"""Evaluation: the panel, score sheets, the report."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from marketplace.http.views import call_service
from marketplace.procurement import services
from marketplace.procurement.scoring import evaluation_results
from marketplace.procurement.selectors import is_panel_member, my_seat, opened_bids_for, project_get
from marketplace.procurement.states import is_project_purchaser


class PanelAppointView(LoginRequiredMixin, View):
    def post(self, request, pk):
        project = project_get(user=request.user, pk=pk)
        email = request.POST.get("email", "").strip().lower()
        person = get_user_model().objects.filter(email=email).first()
        if person is None:
            messages.error(
                request, _("No account has the email address %(email)s.") % {"email": email}
            )
        else:
            call_service(request, services.panel_appoint, project=project, user=person)
        return redirect("procurement:detail", pk=pk)


class ScoreSheetView(LoginRequiredMixin, View):
    """An evaluator's sheet: declare no conflict of interest, then score every bid."""

    template_name = "procurement/score_sheet.html"

    def setup_sheet(self, request, pk):
        project = project_get(user=request.user, pk=pk)
        seat = my_seat(project=project, user=request.user)
        if seat is None:
            raise Http404
        return project, seat

    def get(self, request, pk):
        project, seat = self.setup_sheet(request, pk)
        return render(request, self.template_name, self.context(project, seat, request))

    def context(self, project, seat, request, values=None):
        return {
            "project": project,
            "seat": seat,
            "criteria": list(project.criteria.all()),
            "bids": opened_bids_for(project=project, user=request.user),
            "values": values or {},
        }

    def post(self, request, pk):
        project, seat = self.setup_sheet(request, pk)
        if seat.declared_at is None:
            call_service(
                request,
                services.evaluator_declare,
                project=project,
                no_conflict=request.POST.get("no_conflict") == "1",
                statement=request.POST.get("statement", ""),
            )
            return redirect("procurement:score", pk=pk)
        context = self.context(project, seat, request, request.POST)
        scores = {}
        for bid in context["bids"]:
            for criterion in context["criteria"]:
                scores[(bid.pk, criterion.pk)] = request.POST.get(
                    f"score-{bid.pk}-{criterion.pk}", ""
                )
        if call_service(request, services.score_sheet_submit, project=project, scores=scores):
            messages.success(request, _("Your score sheet is sent."))
            return redirect("procurement:detail", pk=pk)
        return render(request, self.template_name, context)


class EvaluationReportView(DetailView):
    """The evaluation report: public once awarded; the purchaser and panel see it before."""

    template_name = "procurement/report.html"
    context_object_name = "project"

    def get_object(self, queryset=None):
        project = project_get(user=self.request.user, pk=self.kwargs["pk"])
        award = getattr(project, "award", None)
        insider = is_project_purchaser(project, self.request.user) or is_panel_member(
            project, self.request.user
        )
        if award is None and not (insider and project.opened_at):
            raise Http404
        return project

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.object
        award = getattr(project, "award", None)
        context["criteria"] = list(project.criteria.all())
        context["report"] = award.report if award else None
        context["results"] = None if award else evaluation_results(project)
        return context
