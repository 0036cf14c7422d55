from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from marketplace.core.views import call_service

from . import services
from .filters import TaskFilter
from .models import Shift, Signup, SignupStatus
from .selectors import shifts_for, signups_of, task_get, task_list
from .states import is_task_manager

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
        return task_list(user=self.request.user).order_by("next_shift_at", "-id")


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
        return context


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


class MySignupsView(LoginRequiredMixin, ListView):
    template_name = "volunteering/my_signups.html"
    context_object_name = "signups"
    paginate_by = 30

    def get_queryset(self):
        return signups_of(user=self.request.user)
