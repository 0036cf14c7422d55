"""The tender: bids, clarifications, sealed attachments, objections."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from marketplace.http.views import call_service
from marketplace.organizations.models import Organization
from marketplace.organizations.selectors import organizations_acting_for
from marketplace.procurement import services
from marketplace.procurement.models import Bid, BidAttachment, Clarification, Objection
from marketplace.procurement.selectors import is_panel_member, project_get
from marketplace.procurement.services.bids import attachment_content
from marketplace.procurement.states import is_project_purchaser
from marketplace.web.procurement.forms import BidForm


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
