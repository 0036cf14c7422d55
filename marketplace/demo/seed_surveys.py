"""Seeds satisfaction surveys through the same services staff and residents use: in the
demo resident's community a closed survey with answers from its residents and an open
one the demo resident has not answered yet; a draft in the demo staff's other community.

The closed survey is opened and answered on the seed's day, then moved back a few weeks
(within the same year, so the district's coverage counts it), as if the clock had run on.
"""

from datetime import timedelta

from django.utils import timezone

from marketplace.accounts.models import ResidentProfile
from marketplace.demo.data_people import DEMO_RESIDENT_HOME, DEMO_STAFF_COMMUNITIES
from marketplace.demo.seed import Ctx
from marketplace.demo.seed_people import create_person_user, home_address
from marketplace.notifications.models import Notification
from marketplace.surveys import services
from marketplace.surveys.models import Survey

CLOSED_ANSWERS = 20
# How residents tend to answer: weights for 非常满意 … 非常不满意 (5 … 1).
LEVEL_WEIGHTS = {5: 9, 4: 7, 3: 3, 2: 1, 1: 0.5}
COMMENTS = [
    "楼道灯坏了报修后第二天就修好了，很及时。",
    "希望社区食堂周末也能开放。",
    "老年活动室的空调夏天不太够用。",
    "网格员上门走访很耐心，点赞。",
    "垃圾分类督导员早上来得太晚，希望提前一点。",
    "快递柜太少，希望增加。",
    "",
]

CLOSED = {
    "title": "{year}年上半年社区服务满意度调查",
    "introduction": (
        "为了解居民对社区各项服务的评价，社区居委会开展本次满意度调查。"
        "问卷匿名统计，结果只以汇总数据呈现，约需3分钟。感谢您的支持！"
    ),
    "questions": [
        {"text": "您对社区环境卫生（楼道、绿化、垃圾分类）是否满意？", "kind": "satisfaction"},
        {"text": "您对社区为老服务（助餐、日间照料、上门探访）是否满意？", "kind": "satisfaction"},
        {"text": "您对社区工作人员的服务态度是否满意？", "kind": "satisfaction"},
        {"text": "您有多大可能向亲友推荐本社区的服务？（0–10分）", "kind": "scale10"},
        {
            "text": "您最希望社区下半年优先改进哪一项？",
            "kind": "choice",
            "options": ["停车管理", "老年助餐", "儿童托管", "文体活动", "物业维修"],
        },
        {"text": "其他意见和建议", "kind": "text", "required": False},
    ],
}
OPEN = {
    "title": "社区食堂（长者助餐点）用餐满意度调查",
    "introduction": "长者助餐点运营满三个月，请就菜品、价格和服务给我们打个分。",
    "questions": [
        {"text": "您对助餐点菜品口味是否满意？", "kind": "satisfaction"},
        {"text": "您对助餐点的价格是否满意？", "kind": "satisfaction"},
        {
            "text": "您一般在哪个时段就餐？",
            "kind": "choice",
            "options": ["11:00之前", "11:00–11:30", "11:30–12:00", "12:00之后"],
        },
        {"text": "您希望增加哪些菜品？", "kind": "text", "required": False},
    ],
}
DRAFT = {
    "title": "社区文体活动需求调查",
    "introduction": "社区计划调整活动室开放时间和课程安排，请告诉我们您的需求。",
    "questions": [
        {"text": "您对目前活动室的开放时间是否满意？", "kind": "satisfaction"},
        {
            "text": "您最想参加哪类活动？",
            "kind": "choice",
            "options": ["太极拳", "合唱", "书法", "智能手机课", "广场舞"],
        },
    ],
}


def seed_surveys(ctx: Ctx) -> None:
    ctx.stage("surveys")
    staff = ctx.demo_users["communitystaff"]
    home = ctx.regions[DEMO_RESIDENT_HOME[0]]
    elsewhere = ctx.regions[next(s for s in DEMO_STAFF_COMMUNITIES if s != home.slug)]
    _closed_survey(ctx, staff, home)
    _create(staff, home, OPEN, ctx=ctx, open_it=True)
    _create(staff, elsewhere, DRAFT, ctx=ctx)
    # The seed's notifications stay on the site, but nobody is emailed about them.
    Notification.objects.filter(kind__startswith="surveys.").update(emailed_at=timezone.now())


def _create(staff, community, plan: dict, *, ctx: Ctx, open_it: bool = False) -> Survey:
    survey = services.survey_create(
        actor=staff,
        community=community,
        title=plan["title"].format(year=ctx.anchor.year),
        introduction=plan["introduction"],
        closes_at=ctx.anchor + timedelta(days=21, hours=18) if open_it else None,
        questions=plan["questions"],
    )
    if open_it:
        survey = services.survey_open(actor=staff, survey=survey)
    ctx.bar.update(1)
    return survey


def _closed_survey(ctx: Ctx, staff, community) -> None:
    survey = _create(staff, community, CLOSED, ctx=ctx, open_it=True)
    demo_resident = ctx.demo_users["resident"]
    for resident in _residents(ctx, community, exclude=demo_resident)[:CLOSED_ANSWERS]:
        services.response_submit(actor=resident, survey=survey, answers=_answers(ctx, survey))
    services.survey_close(actor=staff, survey=survey)
    _move_back(ctx, survey)


def _residents(ctx: Ctx, community, *, exclude) -> list:
    """Residents of the community other than the demo resident, made up to the number
    of answers wanted with the same helpers the people seed uses."""
    people = [
        p.user
        for p in ResidentProfile.objects.filter(community=community)
        .exclude(user=exclude)
        .select_related("user")
        .order_by("pk")
    ]
    while len(people) < CLOSED_ANSWERS:
        user, _person = create_person_user(ctx, born=(1938, 2002))
        ctx.save(
            ResidentProfile(user=user, community=community, address=home_address(ctx, community)),
            tick=False,
        )
        people.append(user)
    return people


def _answers(ctx: Ctx, survey: Survey) -> dict:
    rng, answers = ctx.rng, {}
    levels, weights = list(LEVEL_WEIGHTS), list(LEVEL_WEIGHTS.values())
    for question in survey.questions.all():
        if question.kind == "satisfaction":
            answers[question.pk] = rng.choices(levels, weights=weights)[0]
        elif question.kind == "scale10":
            answers[question.pk] = rng.choices(range(11), weights=[1] * 5 + [2, 3, 5, 8, 7, 5])[0]
        elif question.kind == "choice":
            answers[question.pk] = rng.randrange(len(question.options))
        else:
            answers[question.pk] = rng.choice(COMMENTS)
    return answers


def _move_back(ctx: Ctx, survey: Survey) -> None:
    """Opened five weeks before the seed's day and closed two weeks later: over, at
    whatever hour of whatever day of the year the demo is seeded."""
    opened = ctx.anchor - timedelta(days=35) + timedelta(hours=9)
    closed = opened + timedelta(days=14)
    Survey.objects.filter(pk=survey.pk).update(opens_at=opened, closes_at=closed, closed_at=closed)
    survey.responses.update(submitted_at=opened + timedelta(days=2))
