"""Credit pages: an organization's score with its formula and history; the watch list."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from marketplace.http.views import call_service
from marketplace.organizations.models import Organization
from marketplace.reviews import credit as formula
from marketplace.reviews import services
from marketplace.reviews.selectors import credit_get, watch_list
from marketplace.reviews.states import may_see_credit, may_see_watch_list
from marketplace.web.reviews.forms import ReasonForm


class CreditView(LoginRequiredMixin, TemplateView):
    """For the organization itself, purchasers and platform staff."""

    template_name = "reviews/credit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization = get_object_or_404(Organization, pk=self.kwargs["pk"])
        if not may_see_credit(self.request.user, organization.pk):
            raise Http404
        context.update(
            organization=organization,
            credit=credit_get(organization=organization),
            formula=formula,
            points=sorted(formula.POINTS.items(), key=lambda item: item[1]),
            reason_form=ReasonForm(),
        )
        return context


class WatchListView(LoginRequiredMixin, TemplateView):
    """Organizations purchasers should look at twice: low credit, or a staff decision."""

    template_name = "reviews/watch_list.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_see_watch_list(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(rows=watch_list(), threshold=formula.WATCH_THRESHOLD)
        return context

    def post(self, request):
        organization = get_object_or_404(Organization, pk=request.POST.get("organization"))
        action = request.POST.get("action")
        service = {"add": services.watch_list_add, "lift": services.watch_list_lift}.get(action)
        if service is None:
            raise Http404
        form = ReasonForm(request.POST)
        reason = form.data.get("reason", "")
        if call_service(request, service, organization=organization, reason=reason) is not None:
            messages.success(request, _("The watch list is updated."))
        return redirect("reviews:credit", pk=organization.pk)
