from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import DetailView
from django_filters.views import FilterView

from marketplace.accounts.scope import scope_of
from marketplace.demands import services
from marketplace.demands.models import DemandResponse, DemandStatus
from marketplace.demands.selectors import demand_get, demand_list
from marketplace.demands.states import is_demand_provider, is_demand_staff
from marketplace.http.views import call_service
from marketplace.matching.access import may_see_matches
from marketplace.matching.demand import matches_for_demand
from marketplace.organizations.selectors import organizations_acting_for
from marketplace.web.demands.filters import DemandFilter
from marketplace.web.demands.forms import CancelForm, ResponseForm


class DemandListView(FilterView):
    filterset_class = DemandFilter
    template_name = "demands/demand_list.html"
    paginate_by = 20
    context_object_name = "demands"

    def get_queryset(self):
        return demand_list(user=self.request.user)


class DemandDetailView(DetailView):
    template_name = "demands/demand_detail.html"
    context_object_name = "demand"

    def get_object(self, queryset=None):
        return demand_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        demand, user = self.object, self.request.user
        is_staff = is_demand_staff(demand, user)
        context["is_staff"] = is_staff
        context["is_provider"] = is_demand_provider(demand, user) and not is_staff
        if is_staff:
            context["responses"] = demand.responses.select_related("organization", "responder")
            context["cancel_form"] = CancelForm()
        if may_see_matches(demand, user):
            context["matches"] = matches_for_demand(demand=demand)
        if user.is_authenticated and demand.status == DemandStatus.OPEN and not is_staff:
            context["response_form"] = ResponseForm(organizations=organizations_acting_for(user))
            context["my_responses"] = demand.responses.filter(responder=user).select_related(
                "organization"
            )
        return context


ACTIONS = {
    "publish": services.demand_publish,
    "start": services.demand_start,
    "deliver": services.demand_deliver,
    "close": services.demand_close,
}


class DemandActionView(LoginRequiredMixin, View):
    """POST /demands/<pk>/<action>/: a status transition, checked by the service."""

    def post(self, request, pk, action):
        demand = demand_get(user=request.user, pk=pk)
        if action == "cancel":
            form = CancelForm(request.POST)
            call_service(
                request, services.demand_cancel, demand=demand, reason=form.data.get("reason", "")
            )
        elif action in ACTIONS:
            call_service(request, ACTIONS[action], demand=demand)
        else:
            raise Http404
        return redirect("demands:detail", pk=demand.pk)


class ResponseCreateView(LoginRequiredMixin, View):
    def post(self, request, pk):
        demand = demand_get(user=request.user, pk=pk)
        form = ResponseForm(request.POST, organizations=organizations_acting_for(request.user))
        if form.is_valid():
            call_service(
                request,
                services.response_submit,
                demand=demand,
                organization=form.cleaned_data["organization"],
                message=form.cleaned_data["message"],
                proposed_price=form.cleaned_data["proposed_price"],
            )
        else:
            from django.contrib import messages

            for errors in form.errors.values():
                messages.error(request, errors[0])
        return redirect("demands:detail", pk=demand.pk)


class ResponseAcceptView(LoginRequiredMixin, View):
    def post(self, request, pk, response_pk):
        demand = demand_get(user=request.user, pk=pk)
        if not scope_of(request.user).acts_for_community(demand.community_id):
            raise Http404
        response = get_object_or_404(DemandResponse, pk=response_pk, demand=demand)
        call_service(request, services.response_accept, response=response)
        return redirect("demands:detail", pk=demand.pk)
