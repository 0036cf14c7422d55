from marketplace.surveys.models.responses import Answer, Response
from marketplace.surveys.models.surveys import (
    MAX_OPTIONS_PER_QUESTION,
    SATISFIED_LEVELS,
    SCALE_10_RANGE,
    Question,
    QuestionKind,
    SatisfactionLevel,
    Survey,
    SurveyStatus,
)

__all__ = [
    "MAX_OPTIONS_PER_QUESTION",
    "SATISFIED_LEVELS",
    "SCALE_10_RANGE",
    "Answer",
    "Question",
    "QuestionKind",
    "Response",
    "SatisfactionLevel",
    "Survey",
    "SurveyStatus",
]
