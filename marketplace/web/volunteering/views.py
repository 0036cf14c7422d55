import segno
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Case, F, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView
from django_filters.views import FilterView

from marketplace.http.views import call_service
from marketplace.matching.recommendations import recommended_tasks
from marketplace.volunteering import services
from marketplace.volunteering.models import RecordExtract, Shift, Signup, SignupStatus
from marketplace.volunteering.pdf import record_extract_pdf
from marketplace.volunteering.selectors import (
    party_registration_current,
    service_records_of,
    shifts_for,
    signups_of,
    task_get,
    task_list,
    yearly_totals,
)
from marketplace.volunteering.services.attendance import CHECKIN_TOKEN_SECONDS
from marketplace.volunteering.services.records import normalize_code, record_extract_verify
from marketplace.volunteering.states import is_task_manager, may_record_served
from marketplace.web.volunteering.filters import TaskFilter
from marketplace.web.volunteering.forms import PartyRegistrationForm

SIGNED_UP_MESSAGES = {
    SignupStatus.CONFIRMED: gettext_lazy("You are confirmed for this shift."),
    SignupStatus.WAITLISTED: gettext_lazy("This shift is full: you are on the waiting list."),
    SignupStatus.PENDING: gettext_lazy("Signed up: the organizers will approve or decline."),
}


class TaskListView(FilterView):
    filterset_class = TaskFilter
    template_name = "volunteering/task_list.html"
    paginate_by = 20
    context_object_name = "tasks"

    def get_queryset(self):
        """Soonest first; a Party member sees the community they report to first."""
        tasks = task_list(user=self.request.user)
        registration = (
            party_registration_current(self.request.user)
            if self.request.user.is_authenticated
            else None
        )
        self.party_community = community_id = registration.community_id if registration else None
        if community_id:
            tasks = tasks.annotate(
                reported=Case(When(community_id=community_id, then=0), default=1)
            ).order_by("reported", F("next_shift_at").asc(nulls_last=True), "-id")
            return tasks
        return tasks.order_by(F("next_shift_at").asc(nulls_last=True), "-id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first_unfiltered = not any(self.request.GET.get(k) for k in self.filterset.form.fields)
        if self.request.user.is_authenticated and first_unfiltered:
            page = self.request.GET.get("page", "1")
            if page == "1":
                context["recommendations"] = recommended_tasks(
                    user=self.request.user, party_community=self.party_community
                )
        return context


class TaskDetailView(DetailView):
    template_name = "volunteering/task_detail.html"
    context_object_name = "task"

    def get_object(self, queryset=None):
        return task_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        task, user = self.object, self.request.user
        context["shifts"] = shifts_for(task=task, user=user)
        context["skills"] = task.required_skills.all()
        context["is_manager"] = is_task_manager(task, user)
        context["records_served"] = may_record_served(task, user)
        if context["is_manager"] and task.requires_approval:
            context["pending"] = (
                Signup.objects.filter(shift__task=task, status=SignupStatus.PENDING)
                .select_related("volunteer", "shift")
                .order_by("pk")
            )
        return context


class TaskActionView(LoginRequiredMixin, View):
    """POST /volunteering/<pk>/<publish|cancel|complete>/: the organizers move the task."""

    def post(self, request, pk, action):
        task = task_get(user=request.user, pk=pk)
        if action == "cancel":
            call_service(
                request, services.task_cancel, task=task, reason=request.POST.get("reason", "")
            )
        elif action == "publish":
            call_service(request, services.task_publish, task=task)
        elif action == "complete":
            call_service(request, services.task_complete, task=task)
        else:
            raise Http404
        return redirect("volunteering:detail", pk=task.pk)


class SignupDecisionView(LoginRequiredMixin, View):
    """Approval mode: organizers approve or decline a pending sign-up (with a reason)."""

    def post(self, request, pk, decision):
        signup = get_object_or_404(Signup.objects.select_related("shift__task"), pk=pk)
        if not is_task_manager(signup.shift.task, request.user):
            raise Http404
        if decision == "approve":
            call_service(request, services.signup_approve, signup=signup)
        elif decision == "decline":
            call_service(
                request,
                services.signup_reject,
                signup=signup,
                reason=request.POST.get("reason", ""),
            )
        else:
            raise Http404
        return redirect("volunteering:detail", pk=signup.shift.task_id)


class ShiftSignupView(LoginRequiredMixin, View):
    def post(self, request, pk):
        shift = get_object_or_404(Shift.objects.select_related("task"), pk=pk)
        task = task_get(user=request.user, pk=shift.task_id)  # 404 for a hidden draft
        signup = call_service(request, services.shift_signup, shift=shift)
        if signup is not None:
            messages.success(request, str(SIGNED_UP_MESSAGES[signup.status]))
        return redirect("volunteering:detail", pk=task.pk)


class SignupCancelView(LoginRequiredMixin, View):
    def post(self, request, pk):
        signup = get_object_or_404(Signup.objects.select_related("shift__task"), pk=pk)
        if signup.volunteer_id != request.user.pk and not is_task_manager(
            signup.shift.task, request.user
        ):
            raise Http404
        done = call_service(
            request, services.signup_cancel, signup=signup, reason=request.POST.get("reason", "")
        )
        if done is not None:
            messages.success(request, _("Your sign-up is cancelled."))
        return redirect("volunteering:detail", pk=signup.shift.task_id)


class PartyRegistrationView(LoginRequiredMixin, FormView):
    """In-service Party members report to the community where they live."""

    template_name = "volunteering/party.html"
    form_class = PartyRegistrationForm
    success_url = reverse_lazy("volunteering:party")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["current"] = party_registration_current(self.request.user)
        return context

    def form_valid(self, form):
        done = call_service(
            self.request,
            services.party_registration_create,
            community=form.cleaned_data["community"],
            workplace=form.cleaned_data["workplace"],
        )
        if done is not None:
            messages.success(self.request, _("You have reported to %(c)s.") % {"c": done.community})
        return redirect(self.success_url)


class MySignupsView(LoginRequiredMixin, ListView):
    template_name = "volunteering/my_signups.html"
    context_object_name = "signups"
    paginate_by = 30

    def get_queryset(self):
        return signups_of(user=self.request.user)


class CheckinView(LoginRequiredMixin, View):
    """Where the shift's QR code leads: a button to check in (or out). GET changes nothing."""

    template_name = "volunteering/checkin.html"

    def get(self, request, pk, token):
        shift = get_object_or_404(Shift.objects.select_related("task"), pk=pk)
        signup = shift.signups.filter(volunteer=request.user, status="confirmed").first()
        return render(request, self.template_name, {"shift": shift, "signup": signup})

    def post(self, request, pk, token):
        shift = get_object_or_404(Shift.objects.select_related("task"), pk=pk)
        signup = call_service(request, services.attendance_scan, shift=shift, token=token)
        if signup is not None:
            if signup.checked_out_at:
                messages.success(
                    request,
                    _("Checked out. Thank you! %(hours)s hours await the organizers' approval.")
                    % {"hours": f"{signup.hours:g}"},
                )
            else:
                messages.success(request, _("Checked in. Scan again when you leave."))
        return redirect("volunteering:checkin", pk=pk, token=token)


class ShiftQrView(LoginRequiredMixin, DetailView):
    """For organizers at the site: the shift's check-in QR code, renewed every minute."""

    template_name = "volunteering/shift_qr.html"
    context_object_name = "shift"

    def get_object(self, queryset=None):
        shift = get_object_or_404(Shift.objects.select_related("task"), pk=self.kwargs["pk"])
        if not is_task_manager(shift.task, self.request.user):
            raise Http404
        return shift

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shift = self.object
        url = self.request.build_absolute_uri(
            reverse("volunteering:checkin", args=[shift.pk, services.checkin_token(shift)])
        )
        context["qr_svg"] = segno.make(url, error="m").svg_inline(scale=8, title=shift.task.title)
        context["checkin_url"] = url
        context["refresh_seconds"] = CHECKIN_TOKEN_SECONDS // 2
        context["checked_in"] = shift.signups.filter(checked_in_at__isnull=False).count()
        context["confirmed"] = shift.confirmed_count
        return context


class MyRecordView(LoginRequiredMixin, TemplateView):
    """The volunteer's service record: every approved service, totals per year."""

    template_name = "volunteering/my_record.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["records"] = service_records_of(volunteer=user)
        context["years"] = yearly_totals(volunteer=user)
        context["extracts"] = user.record_extracts.all()[:10]
        return context

    def post(self, request):
        year = request.POST.get("year") or None
        extract = call_service(
            request, services.record_extract_issue, year=int(year) if year else None
        )
        if extract is None:
            return redirect("volunteering:record")
        return redirect("volunteering:extract_pdf", code=extract.code)


class ExtractPdfView(LoginRequiredMixin, View):
    def get(self, request, code):
        extract = get_object_or_404(
            RecordExtract.objects.select_related("volunteer", "volunteer__volunteer_profile"),
            code=code,
        )
        if extract.volunteer_id != request.user.pk and not request.user.is_superuser:
            raise Http404
        verify_url = request.build_absolute_uri(reverse("volunteering:verify", args=[code]))
        response = HttpResponse(
            record_extract_pdf(extract, verify_url=verify_url), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'inline; filename="linli-record-{code}.pdf"'
        return response


class VerifyView(TemplateView):
    """Public: is this record extract genuine, and what does it say?"""

    template_name = "volunteering/verify.html"

    def get(self, request, code=None):
        code = code or request.GET.get("code", "")
        if code and not self.kwargs.get("code") and normalize_code(code):
            return redirect("volunteering:verify", code=normalize_code(code))
        extract = record_extract_verify(code) if code else None
        return self.render_to_response(
            {
                "code": code,
                "extract": extract,
                "records": extract.records.order_by("service_date") if extract else [],
            }
        )
