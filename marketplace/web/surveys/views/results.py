"""Aggregate results of one survey (page and CSV), and a street's or district's coverage."""

import csv

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from marketplace.core.formats import percent
from marketplace.surveys.selectors import (
    QuestionResult,
    coverage,
    coverage_region_get,
    survey_get_results,
    survey_results,
)
from marketplace.web.surveys.charts import bar_chart


def _chart(result: QuestionResult, number: int):
    labels = [row["label"] for row in result.rows]
    counts = [row["count"] for row in result.rows]
    described = "; ".join(f"{label} {n}" for label, n in zip(labels, counts, strict=True))
    return bar_chart(
        labels=labels,
        values=counts,
        name=_("Answers"),
        label=_("Chart of answers to question %(n)s: %(counts)s")
        % {"n": number, "counts": described},
    )


class SurveyResultsView(LoginRequiredMixin, TemplateView):
    """Staff of the community (or above it) see totals per question, never a person."""

    template_name = "surveys/survey_results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        survey = survey_get_results(user=self.request.user, pk=self.kwargs["pk"])
        results = survey_results(survey=survey)
        for number, result in enumerate(results.questions, start=1):
            result.number = number
            result.chart = _chart(result, number) if result.charted and result.answered else None
        context.update(survey=survey, results=results)
        return context


class SurveyResultsCsvView(LoginRequiredMixin, View):
    def get(self, request, pk):
        survey = survey_get_results(user=request.user, pk=pk)
        results = survey_results(survey=survey)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="linli-survey-{survey.pk}.csv"'
        response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
        writer = csv.writer(response)
        writer.writerow([_("Survey"), survey.title])
        writer.writerow([_("Community"), survey.community.name])
        writer.writerow([_("Responses"), results.responses])
        writer.writerow([_("Registered residents"), results.residents])
        writer.writerow([_("Response rate"), percent(results.response_rate, digits=1, empty="")])
        writer.writerow([])
        writer.writerow([_("No."), _("Question"), _("Answer"), _("Count"), _("Share")])
        for number, result in enumerate(results.questions, start=1):
            text = result.question.text
            for row in result.rows:
                writer.writerow(
                    [
                        number,
                        text,
                        row["label"],
                        row["count"],
                        percent(row["share"], digits=1, empty=""),
                    ]
                )
            if result.mean is not None:
                writer.writerow([number, text, _("Mean"), f"{result.mean:.2f}", ""])
            if result.satisfaction_rate is not None:
                writer.writerow(
                    [
                        number,
                        text,
                        _("Satisfaction rate"),
                        "",
                        percent(result.satisfaction_rate, digits=1, empty=""),
                    ]
                )
            for answer in result.texts:
                writer.writerow([number, text, answer, "", ""])
        return response


class CoverageView(LoginRequiredMixin, TemplateView):
    """For a street or district: which communities ran a survey this year."""

    template_name = "surveys/coverage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region = coverage_region_get(user=self.request.user, pk=self.kwargs["pk"])
        year = self._year()
        report = coverage(region=region, year=year)
        labels = [row["community"].name for row in report.rows]
        counts = [row["surveys"] for row in report.rows]
        context.update(
            region=region,
            year=year,
            report=report,
            years=range(timezone.localdate().year, timezone.localdate().year - 5, -1),
            chart=bar_chart(
                labels=labels,
                values=counts,
                name=_("Surveys"),
                label=_("Chart of surveys run in %(year)s per community: %(counts)s")
                % {
                    "year": year,
                    "counts": "; ".join(f"{a} {b}" for a, b in zip(labels, counts, strict=True)),
                },
            )
            if report.rows
            else None,
        )
        return context

    def _year(self) -> int:
        this_year = timezone.localdate().year
        try:
            year = int(self.request.GET.get("year", this_year))
        except ValueError:
            return this_year
        return year if 2000 <= year <= this_year else this_year
