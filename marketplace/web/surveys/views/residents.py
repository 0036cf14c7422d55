"""The resident's pages: the open surveys of their community, and the answer form."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from marketplace.http.views import call_service
from marketplace.surveys import services
from marketplace.surveys.models import SurveyStatus
from marketplace.surveys.selectors import (
    resident_community_id,
    response_of,
    survey_get_for_answer,
    survey_list_for_resident,
)
from marketplace.surveys.states import is_survey_manager
from marketplace.web.surveys.forms import AnswerForm


class SurveyListView(LoginRequiredMixin, ListView):
    """A resident's open surveys, marking the ones they have answered."""

    template_name = "surveys/survey_list.html"
    context_object_name = "surveys"

    def get_queryset(self):
        return survey_list_for_resident(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_resident"] = resident_community_id(self.request.user) is not None
        return context


class SurveyAnswerView(LoginRequiredMixin, View):
    """The answer form: one fieldset per question, usable without JavaScript."""

    template_name = "surveys/survey_answer.html"

    def context(self, request, survey, form=None):
        questions = list(survey.questions.all())
        return {
            "survey": survey,
            "form": form or AnswerForm(questions=questions),
            "response": response_of(user=request.user, survey=survey),
            "is_manager": is_survey_manager(survey, request.user),
            "accepting": survey.status == SurveyStatus.OPEN
            and (survey.closes_at is None or survey.closes_at > timezone.now()),
        }

    def get(self, request, pk):
        survey = survey_get_for_answer(user=request.user, pk=pk)
        return render(request, self.template_name, self.context(request, survey))

    def post(self, request, pk):
        survey = survey_get_for_answer(user=request.user, pk=pk)
        form = AnswerForm(request.POST, questions=list(survey.questions.all()))
        if form.is_valid():
            answers = {int(name[1:]): value for name, value in form.cleaned_data.items()}
            done = call_service(
                request, services.response_submit, errors_to=form, survey=survey, answers=answers
            )
            if done is not None:
                messages.success(request, _("Thank you: your answers are recorded."))
                return redirect("surveys:list")
        return render(request, self.template_name, self.context(request, survey, form))
