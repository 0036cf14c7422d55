import pytest
from django.utils import translation

from marketplace.accounts.models import ResidentProfile
from marketplace.surveys import services
from tests.factories import UserFactory

QUESTIONS = [
    {"text": "您对社区环境卫生满意吗？", "kind": "satisfaction", "required": True},
    {"text": "您向邻居推荐社区服务的可能性有多大？", "kind": "scale10", "required": True},
    {
        "text": "您最希望增加哪项服务？",
        "kind": "choice",
        "options": ["助餐", "日间照料", "儿童托管"],
        "required": False,
    },
    {"text": "其他意见和建议", "kind": "text", "required": False},
]


@pytest.fixture(autouse=True)
def in_english():
    """Messages are matched in English; the zh-hans catalog is checked by test_i18n."""
    with translation.override("en"):
        yield


def resident_of(community):
    user = UserFactory()
    ResidentProfile.objects.create(user=user, community=community)
    return user


def draft_survey(staff, community, **fields):
    return services.survey_create(
        actor=staff,
        community=community,
        title=fields.pop("title", "2026年社区服务满意度调查"),
        introduction="请花几分钟告诉我们您的意见。",
        questions=fields.pop("questions", QUESTIONS),
        **fields,
    )


def open_survey(staff, community, **fields):
    survey = draft_survey(staff, community, **fields)
    return services.survey_open(actor=staff, survey=survey)


def answers_for(survey, satisfaction=5, scale=9, choice=0, text="很好"):
    q = {question.kind: question.pk for question in survey.questions.all()}
    return {
        q["satisfaction"]: satisfaction,
        q["scale10"]: scale,
        q["choice"]: choice,
        q["text"]: text,
    }


@pytest.fixture
def survey(world):
    return open_survey(world["staff"], world["home"])
