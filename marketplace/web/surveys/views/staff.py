"""Staff pages: their communities' surveys, the survey form with its questions, and
opening and closing."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView

from marketplace.http.views import call_service
from marketplace.surveys import services
from marketplace.surveys.models import SurveyStatus
from marketplace.surveys.selectors import (
    communities_managed,
    survey_get_managed,
    survey_list_managed,
)
from marketplace.web.surveys.forms import (
    QuestionFormSet,
    SurveyForm,
    question_initial,
    questions_from,
)


class StaffOnlyMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not communities_managed(user=request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ManageListView(StaffOnlyMixin, ListView):
    template_name = "surveys/manage_list.html"
    context_object_name = "surveys"
    paginate_by = 30

    def get_queryset(self):
        return survey_list_managed(user=self.request.user)


class SurveyCreateView(StaffOnlyMixin, View):
    template_name = "surveys/survey_form.html"

    def get(self, request):
        form = SurveyForm(communities=communities_managed(user=request.user))
        formset = QuestionFormSet(prefix="q")
        return render(request, self.template_name, {"form": form, "formset": formset})

    def post(self, request):
        form = SurveyForm(request.POST, communities=communities_managed(user=request.user))
        formset = QuestionFormSet(request.POST, prefix="q")
        if form.is_valid() and formset.is_valid():
            survey = call_service(
                request,
                services.survey_create,
                errors_to=form,
                questions=questions_from(formset),
                **form.cleaned_data,
            )
            if survey is not None:
                messages.success(request, _("The survey is saved as a draft."))
                return redirect("surveys:manage")
        return render(request, self.template_name, {"form": form, "formset": formset})


class SurveyEditView(LoginRequiredMixin, View):
    """Edit the survey; its questions too while it is a draft."""

    template_name = "surveys/survey_form.html"

    def render_form(self, request, survey, form, formset):
        context = {"survey": survey, "form": form, "formset": formset}
        return render(request, self.template_name, context)

    def get(self, request, pk):
        survey = survey_get_managed(user=request.user, pk=pk)
        form = SurveyForm(instance=survey)
        formset = None
        if survey.status == SurveyStatus.DRAFT:
            formset = QuestionFormSet(prefix="q", initial=question_initial(survey.questions.all()))
        return self.render_form(request, survey, form, formset)

    def post(self, request, pk):
        survey = survey_get_managed(user=request.user, pk=pk)
        form = SurveyForm(request.POST, instance=survey)
        is_draft = survey.status == SurveyStatus.DRAFT
        formset = QuestionFormSet(request.POST, prefix="q") if is_draft else None
        if form.is_valid() and (formset is None or formset.is_valid()):
            fields = form.cleaned_data
            if formset is not None:
                fields["questions"] = questions_from(formset)
            done = call_service(
                request, services.survey_update, errors_to=form, survey=survey, **fields
            )
            if done is not None:
                messages.success(request, _("The survey is saved."))
                return redirect("surveys:manage")
        survey.refresh_from_db()
        return self.render_form(request, survey, form, formset)


class SurveyActionView(LoginRequiredMixin, View):
    """POST /surveys/manage/<pk>/<open|close>/."""

    ACTIONS = {"open": services.survey_open, "close": services.survey_close}
    DONE = {
        "open": gettext_lazy("The survey is open; the community's residents have been told."),
        "close": gettext_lazy("The survey is closed."),
    }

    def post(self, request, pk, action):
        if action not in self.ACTIONS:
            raise Http404
        survey = survey_get_managed(user=request.user, pk=pk)
        if call_service(request, self.ACTIONS[action], survey=survey) is not None:
            messages.success(request, str(self.DONE[action]))
        return redirect("surveys:manage")
