from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from marketplace.accounts.scope import scope_of
from marketplace.core.views import call_service
from marketplace.organizations.models import Organization
from marketplace.organizations.selectors import organizations_acting_for
from marketplace.reviews.selectors import credit_summaries

from . import services
from .forms import (
    BidForm,
    CriterionFormSet,
    IndicatorFormSet,
    MilestoneFormSet,
    ProjectForm,
)
from .models import Bid, BidAttachment, Clarification, Milestone, Objection, ProjectStatus
from .scoring import evaluation_results
from .selectors import (
    contract_satisfaction,
    is_panel_member,
    my_bids,
    my_seat,
    opened_bids_for,
    project_get,
    project_list,
    purchasers_acting_for,
)
from .services.bids import attachment_content
from .states import is_project_purchaser


class ProjectListView(ListView):
    template_name = "procurement/project_list.html"
    context_object_name = "projects"
    paginate_by = 20

    def get_queryset(self):
        return project_list(user=self.request.user).order_by("-published_at", "-id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_set_up"] = purchasers_acting_for(self.request.user).exists()
        return context


class ProjectDetailView(DetailView):
    """The tender as bidders and the public see it. Bids: only how many, until opening."""

    template_name = "procurement/project_detail.html"
    context_object_name = "project"

    def get_object(self, queryset=None):
        return project_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project, user = self.object, self.request.user
        context.update(
            criteria=project.criteria.all(),
            clarifications=project.clarifications.all(),
            is_purchaser=is_project_purchaser(project, user),
            seat=my_seat(project=project, user=user),
            my_bids=my_bids(project=project, user=user),
            opened_bids=opened_bids_for(project=project, user=user),
            can_bid=project.status == ProjectStatus.TENDERING
            and organizations_acting_for(user).exists(),
            award=getattr(project, "award", None),
            objections=project.objections.select_related("organization"),
            contract=getattr(project, "contract", None),
            performance=getattr(project, "performance", None),
            my_organizations=organizations_acting_for(user),
        )
        if context["contract"]:
            context["milestones"] = context["contract"].milestones.select_related("payment")
            context["is_undertaker"] = (
                scope_of(user).acts_for_organization(context["contract"].organization_id)
                if user.is_authenticated
                else False
            )
        if context["is_purchaser"]:
            context["panel"] = project.evaluators.select_related("user")
            context["opened_bids"] = _with_credit(context["opened_bids"])
        return context


def _with_credit(bids) -> list:
    """Purchasers see each bidder's credit score and whether it is on the watch list."""
    bids = list(bids)
    credit = credit_summaries(organization_ids={bid.organization_id for bid in bids})
    for bid in bids:
        bid.credit_score, bid.watched = credit[bid.organization_id]
    return bids


class ProjectCreateView(LoginRequiredMixin, View):
    """Purchaser staff set up a project: its fields and its technical criteria."""

    template_name = "procurement/project_form.html"

    def purchasers(self, request):
        return purchasers_acting_for(request.user)

    def get(self, request):
        purchasers = self.purchasers(request)
        if not purchasers.exists():
            raise PermissionDenied
        return render(
            request,
            self.template_name,
            {"form": ProjectForm(purchasers=purchasers), "criteria": CriterionFormSet(prefix="c")},
        )

    def post(self, request):
        purchasers = self.purchasers(request)
        if not purchasers.exists():
            raise PermissionDenied
        form = ProjectForm(request.POST, purchasers=purchasers)
        criteria = CriterionFormSet(request.POST, prefix="c")
        if form.is_valid() and criteria.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items()}
            project = call_service(
                request,
                services.project_create,
                criteria=[c for c in criteria.cleaned_data if c],
                **fields,
            )
            if project is not None:
                messages.success(request, _("The project is set up. Publish it when it is ready."))
                return redirect("procurement:detail", pk=project.pk)
        return render(request, self.template_name, {"form": form, "criteria": criteria})


class ProjectActionView(LoginRequiredMixin, View):
    """POST /procurement/<pk>/<publish|open|award|cancel>/: the purchaser moves the project."""

    ACTIONS = {
        "publish": services.project_publish,
        "open": services.tender_open,
        "award": services.project_award,
    }

    def post(self, request, pk, action):
        project = project_get(user=request.user, pk=pk)
        if action == "cancel":
            call_service(
                request,
                services.project_cancel,
                project=project,
                reason=request.POST.get("reason", ""),
            )
        elif action in self.ACTIONS:
            call_service(request, self.ACTIONS[action], project=project)
        else:
            raise Http404
        return redirect("procurement:detail", pk=pk)


class BidSubmitView(LoginRequiredMixin, View):
    template_name = "procurement/bid_form.html"

    def form(self, request, project, data=None, files=None):
        return BidForm(
            data, files, organizations=organizations_acting_for(request.user), project=project
        )

    def get(self, request, pk):
        project = project_get(user=request.user, pk=pk)
        return render(
            request, self.template_name, {"project": project, "form": self.form(request, project)}
        )

    def post(self, request, pk):
        project = project_get(user=request.user, pk=pk)
        form = self.form(request, project, request.POST, request.FILES)
        if form.is_valid():
            bid = call_service(
                request,
                services.bid_submit,
                project=project,
                organization=form.cleaned_data["organization"],
                price=form.cleaned_data["price"],
                plan=form.cleaned_data["plan"],
                team=form.team_list(),
                files=form.files_for_service(),
            )
            if bid is not None:
                messages.success(request, _("Your bid is in, sealed until the opening."))
                return redirect("procurement:detail", pk=pk)
        return render(request, self.template_name, {"project": project, "form": form})


class BidWithdrawView(LoginRequiredMixin, View):
    def post(self, request, pk):
        bid = get_object_or_404(Bid.objects.select_related("project"), pk=pk)
        if call_service(request, services.bid_withdraw, bid=bid) is not None:
            messages.success(
                request, _("Your bid is withdrawn. You may bid again before the deadline.")
            )
        return redirect("procurement:detail", pk=bid.project_id)


class ClarificationAskView(LoginRequiredMixin, View):
    def post(self, request, pk):
        project = project_get(user=request.user, pk=pk)
        done = call_service(
            request,
            services.clarification_ask,
            project=project,
            question=request.POST.get("question", ""),
        )
        if done is not None:
            messages.success(
                request, _("Your question is sent; the answer will be published here.")
            )
        return redirect("procurement:detail", pk=pk)


class ClarificationAnswerView(LoginRequiredMixin, View):
    def post(self, request, pk):
        clarification = get_object_or_404(Clarification, pk=pk)
        call_service(
            request,
            services.clarification_answer,
            clarification=clarification,
            answer=request.POST.get("answer", ""),
        )
        return redirect("procurement:detail", pk=clarification.project_id)


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
            if request.POST.get("no_conflict") != "1":
                messages.error(request, _("Tick the declaration to go on."))
                return redirect("procurement:score", pk=pk)
            call_service(
                request,
                services.evaluator_declare,
                project=project,
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


class AttachmentDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        attachment = get_object_or_404(BidAttachment.objects.select_related("bid__project"), pk=pk)
        project = attachment.bid.project
        if not (
            is_project_purchaser(project, request.user) or is_panel_member(project, request.user)
        ):
            raise Http404
        if not attachment.bid.is_open:
            raise PermissionDenied(_("The bids are still sealed."))
        name, content = attachment_content(attachment=attachment)
        response = HttpResponse(content, content_type="application/octet-stream")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
        return response


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


class ObjectionFileView(LoginRequiredMixin, View):
    def post(self, request, pk):
        project = project_get(user=request.user, pk=pk)
        organization = get_object_or_404(Organization, pk=request.POST.get("organization") or 0)
        done = call_service(
            request,
            services.objection_file,
            project=project,
            organization=organization,
            text=request.POST.get("text", ""),
        )
        if done is not None:
            messages.success(request, _("Your objection is filed; the purchaser will answer it."))
        return redirect("procurement:detail", pk=pk)


class ObjectionAnswerView(LoginRequiredMixin, View):
    def post(self, request, pk):
        objection = get_object_or_404(Objection, pk=pk)
        call_service(
            request,
            services.objection_answer,
            objection=objection,
            answer=request.POST.get("answer", ""),
            upheld=request.POST.get("upheld") == "1",
        )
        return redirect("procurement:detail", pk=objection.project_id)


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
