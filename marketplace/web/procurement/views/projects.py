"""Projects: the list, the tender page, setting a project up, its status actions."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from marketplace.accounts.scope import scope_of
from marketplace.http.views import call_service
from marketplace.organizations.selectors import organizations_acting_for
from marketplace.procurement import services
from marketplace.procurement.selectors import (
    my_bids,
    my_seat,
    opened_bids_for,
    project_get,
    project_list,
    purchasers_acting_for,
)
from marketplace.procurement.states import is_project_purchaser
from marketplace.reviews.selectors import credit_summaries
from marketplace.web.procurement.forms import CriterionFormSet, ProjectForm


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
            can_bid=project.takes_bids() and organizations_acting_for(user).exists(),
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
