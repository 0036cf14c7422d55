"""Back-office views for organizers: attendance of one sign-up, and the hours to approve."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from marketplace.core.errors import DomainError, NotPermitted
from marketplace.http.views import call_service
from marketplace.volunteering import services
from marketplace.volunteering.models import Attendance, ServiceRecord, Signup, SignupStatus
from marketplace.volunteering.selectors import managed_by
from marketplace.volunteering.states import is_task_manager


class AttendanceForm(forms.Form):
    ATTENDED, NO_SHOW, ADJUST = "attended", "no_show", "adjust"

    action = forms.ChoiceField(
        label=_("Record"),
        choices=[
            (ATTENDED, _("Attended, from … to …")),
            (NO_SHOW, _("Did not come")),
            (ADJUST, _("Adjust the hours")),
        ],
        widget=forms.RadioSelect,
    )
    checked_in_at = forms.DateTimeField(
        label=_("Checked in at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    checked_out_at = forms.DateTimeField(
        label=_("Checked out at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    minutes = forms.IntegerField(label=_("Minutes served"), required=False, min_value=1)
    reason = forms.CharField(
        label=_("Reason for adjusting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == self.ATTENDED:
            for name in ("checked_in_at", "checked_out_at"):
                if not data.get(name):
                    self.add_error(name, gettext("Enter the time."))
        return data


class _OrganizerView(WagtailAdminTemplateMixin):
    viewset = None
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("volunteering.view_signup"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AttendanceView(_OrganizerView, FormView):
    form_class = AttendanceForm
    template_name = "volunteering/admin/attendance.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("volunteering.view_signup"):
            raise PermissionDenied
        self.signup = get_object_or_404(
            Signup.objects.select_related("volunteer", "shift__task"), pk=kwargs["pk"]
        )
        if not is_task_manager(self.signup.shift.task, request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("Attendance and hours")

    def get_page_subtitle(self):
        return str(self.signup.volunteer)

    def get_initial(self):
        shift = self.signup.shift
        return {
            "checked_in_at": self.signup.checked_in_at or shift.starts_at,
            "checked_out_at": self.signup.checked_out_at or shift.ends_at,
            "minutes": self.signup.minutes,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            signup=self.signup,
            record=ServiceRecord.objects.filter(signup=self.signup).first(),
            **kwargs,
        )

    def form_valid(self, form):
        action, data = form.cleaned_data["action"], form.cleaned_data
        if action == form.ATTENDED:
            done = call_service(
                self.request,
                services.attendance_mark,
                errors_to=form,
                signup=self.signup,
                checked_in_at=data["checked_in_at"],
                checked_out_at=data["checked_out_at"],
            )
        elif action == form.NO_SHOW:
            done = call_service(
                self.request, services.attendance_no_show, signup=self.signup, errors_to=form
            )
        else:
            done = call_service(
                self.request,
                services.hours_adjust,
                errors_to=form,
                signup=self.signup,
                minutes=data["minutes"],
                reason=data["reason"],
            )
        if done is None:
            return self.form_invalid(form)
        messages.success(self.request, gettext("Attendance recorded."))
        return redirect(self.viewset.get_url_name("hours"))


class HoursQueueView(_OrganizerView, TemplateView):
    """Every attended sign-up of the organizer's tasks whose hours are not approved yet."""

    template_name = "volunteering/admin/hours_queue.html"

    def get_page_title(self):
        return gettext("Hours to approve")

    def queue(self):
        return (
            Signup.objects.filter(managed_by(self.request.user, via="shift__task__"))
            .filter(status=SignupStatus.CONFIRMED, attendance=Attendance.ATTENDED)
            .filter(Q(service_record__isnull=True))
            .exclude(minutes__isnull=True)
            .select_related("volunteer", "shift", "shift__task")
            .order_by("shift__starts_at", "pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(signups=self.queue()[:200], **kwargs)

    def post(self, request):
        chosen = self.queue().filter(pk__in=request.POST.getlist("signup"))
        approved, refused = 0, []
        for signup in chosen:
            try:
                services.hours_approve(actor=request.user, signup=signup)
                approved += 1
            except (DomainError, NotPermitted) as error:
                refused.append(f"{signup.volunteer}: {error.message}")
        if approved:
            messages.success(
                request, gettext("Approved the hours of %(n)s sign-ups.") % {"n": approved}
            )
        for text in refused:
            messages.error(request, text)
        return redirect(self.viewset.get_url_name("hours"))
