"""Back-office view where a platform administrator verifies or rejects an organization."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from marketplace.http.views import call_service
from marketplace.organizations.models import Organization, VerificationStatus
from marketplace.organizations.services import organization_reject, organization_verify


class OrganizationReviewForm(forms.Form):
    VERIFY = "verify"
    REJECT = "reject"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(VERIFY, _("Verify")), (REJECT, _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for rejecting"),
        help_text=_("Shown to the organization so it can correct its details."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=1000,
    )


class OrganizationReviewView(WagtailAdminTemplateMixin, FormView):
    """Shows what the organization submitted and records the decision through the service."""

    form_class = OrganizationReviewForm
    template_name = "organizations/admin/review.html"
    header_icon = "group"
    viewset = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        self.object = get_object_or_404(Organization, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("Review organization")

    def get_page_subtitle(self):
        return self.object.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.viewset.menu_url, "label": self.viewset.menu_label},
            {"url": "", "label": self.get_page_title(), "sublabel": self.object.name},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object,
            can_decide=self.object.status == VerificationStatus.SUBMITTED,
            **kwargs,
        )

    def form_valid(self, form):
        decision = form.cleaned_data["decision"]
        if decision == form.VERIFY:
            organization = call_service(
                self.request, organization_verify, errors_to=form, organization=self.object
            )
        else:
            organization = call_service(
                self.request,
                organization_reject,
                errors_to=form,
                organization=self.object,
                reason=form.cleaned_data["reason"],
            )
        if organization is None:
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("“%(name)s” is now %(status)s.")
            % {"name": organization.name, "status": organization.get_status_display()},
        )
        return redirect(self.viewset.get_url_name("index"))
