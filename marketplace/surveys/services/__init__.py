"""Every write to surveys, their questions and residents' answers."""

from marketplace.surveys.services.responses import response_submit
from marketplace.surveys.services.surveys import (
    survey_close,
    survey_create,
    survey_open,
    survey_questions_set,
    survey_update,
)

__all__ = [
    "response_submit",
    "survey_close",
    "survey_create",
    "survey_open",
    "survey_questions_set",
    "survey_update",
]
