"""Helpers the survey services share: the row lock and the staff check."""

from django.utils.translation import gettext as _

from marketplace.core.errors import NotPermitted
from marketplace.surveys.models import Survey
from marketplace.surveys.states import is_survey_manager


def locked_survey(survey: Survey) -> Survey:
    """The survey's row lock orders answers, edits and status changes (on SQLite every
    write transaction is BEGIN IMMEDIATE, which serializes writers)."""
    return (
        Survey.objects.select_for_update(of=("self",)).select_related("community").get(pk=survey.pk)
    )


def require_manager(actor, survey: Survey) -> None:
    if not is_survey_manager(survey, actor):
        raise NotPermitted(_("Only the community's staff can run its surveys."))
