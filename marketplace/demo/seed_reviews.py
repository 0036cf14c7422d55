"""Seeds ratings the way residents leave them: staff record who a finished demand or
volunteer shift served, those residents rate it through the services, providers answer
some bad reviews, and one case goes overdue and is escalated.

`rate_milestones` is called by the procurement seed before its performance evaluation,
so residents' satisfaction enters the evaluated project's total.
"""

from datetime import timedelta

from django.utils import timezone

from marketplace.accounts.models import ResidentProfile
from marketplace.demands.models import Demand
from marketplace.demo.data_people import DEMO_RESIDENT_HOME, DEMO_SERVICE_ORG
from marketplace.demo.seed import Ctx
from marketplace.reviews import services
from marketplace.reviews.models import RectificationCase, Review
from marketplace.reviews.services.common import provider_people
from marketplace.volunteering.models import Shift

# Level weights: mostly satisfied, as real 好差评 data is.
LEVELS = [5] * 9 + [4] * 6 + [3] * 3 + [2] * 1 + [1] * 1
COMMENTS = {
    5: [
        "服务人员非常耐心细致，老人很满意。",
        "准时上门，做得很专业，谢谢！",
        "态度特别好，下次还找他们。",
    ],
    4: ["整体不错，就是沟通可以再及时一些。", "服务到位，价格也合理。", ""],
    3: ["还可以，时间安排上有点仓促。", ""],
    2: ["约好的时间迟到了四十分钟，也没提前说。", "做得比较马虎，需要返工。"],
    1: ["人没来，电话也打不通，耽误了老人吃饭。"],
}
TAGS = {5: ["on_time", "friendly"], 4: ["skilled"], 3: [], 2: ["late"], 1: ["no_show"]}
ANSWERS = [
    (
        "非常抱歉给您带来不便，我们已经和当班人员核实了情况。",
        "调整了排班，增加了一名备班人员，并对服务人员进行了守时培训。",
    ),
    ("感谢您的批评，问题已记录。", "已安排人员重新上门返工，并把回访纳入服务流程。"),
]


def residents_of(community_ids) -> list:
    return [
        profile.user
        for profile in ResidentProfile.objects.filter(community_id__in=community_ids)
        .exclude(user__email__startswith="resident@")
        .select_related("user")
        .order_by("pk")
    ]


def _rate(ctx: Ctx, person, kind: str, service_id: int) -> None:
    level = ctx.rng.choice(LEVELS)
    services.review_create(
        actor=person,
        service_kind=kind,
        service_id=service_id,
        level=level,
        text=ctx.rng.choice(COMMENTS[level]),
        tags=TAGS[level],
    )


def rate_milestones(ctx: Ctx, milestones, community_ids) -> None:
    """Residents of the communities a contract serves rate its accepted deliverables."""
    people = residents_of(community_ids)
    for milestone in milestones:
        for person in ctx.rng.sample(people, min(len(people), 4)):
            _rate(ctx, person, "milestone", milestone.pk)


def seed_reviews(ctx: Ctx) -> None:
    ctx.stage("ratings")
    demands = Demand.objects.filter(
        status__in=["delivered", "closed"], accepted_response__isnull=False
    ).select_related("created_by", "accepted_response")
    for demand in demands:
        _served_and_rated(ctx, "demand", demand.pk, demand.community_id, demand.created_by)
    shifts = Shift.objects.filter(
        ends_at__lt=timezone.now(), task__status__in=["published", "completed"]
    )
    for shift in shifts.select_related("task__created_by")[:12]:
        staff = ctx.staff[shift.task.community_id][0]
        _served_and_rated(ctx, "shift", shift.pk, shift.task.community_id, staff)
    _requests_rated(ctx)
    _answer_cases(ctx)
    _demo_resident(ctx, demands)
    _demo_provider_case(ctx, demands)


def _served_and_rated(ctx: Ctx, kind, service_id, community_id, staff) -> None:
    people = residents_of([community_id])
    if not people or staff is None:
        return
    served = ctx.rng.sample(people, min(len(people), ctx.rng.randint(2, 4)))
    services.served_people_record(
        actor=staff,
        service_kind=kind,
        service_id=service_id,
        contacts=[person.email for person in served],
    )
    for person in served[:-1]:  # the last one has not rated yet
        _rate(ctx, person, kind, service_id)


def _requests_rated(ctx: Ctx) -> None:
    """Most residents rate how their resolved request was handled."""
    from marketplace.hotline.models import Request

    finished = Request.objects.filter(status__in=["resolved", "closed"]).select_related("resident")
    for index, item in enumerate(finished.order_by("pk")):
        if index % 4 != 3 and not item.resident.email.startswith("resident@"):
            _rate(ctx, item.resident, "request", item.pk)


def _answer_cases(ctx: Ctx) -> None:
    """Providers answer most bad reviews; one is left to go overdue and escalate."""
    cases = list(RectificationCase.objects.select_related("review").order_by("pk"))
    for index, case in enumerate(cases):
        if index == 0:
            RectificationCase.objects.filter(pk=case.pk).update(
                due_at=timezone.now() - timedelta(hours=2)
            )
            continue
        if index % 3 == 2:
            continue  # still open, within its deadline
        speaker = provider_people(case.review.provider_type, case.review.provider_id).first()
        if speaker is not None:
            answer, fixed = ANSWERS[index % len(ANSWERS)]
            services.case_answer(actor=speaker, case=case, answer=answer, fixed=fixed)
    services.cases_escalate_overdue()


def _demo_resident(ctx: Ctx, demands) -> None:
    """The demo resident has one service to rate and one bad review with an answer."""
    resident = ctx.demo_users["resident"]
    home = ctx.regions[DEMO_RESIDENT_HOME[0]]
    mine = [d for d in demands if d.community_id == home.pk][:2]
    for demand in mine:
        services.served_people_record(
            actor=demand.created_by,
            service_kind="demand",
            service_id=demand.pk,
            contacts=[resident.email],
        )
    if len(mine) == 2:
        review = services.review_create(
            actor=resident,
            service_kind="demand",
            service_id=mine[1].pk,
            level=2,
            text="约好的时间迟到了四十分钟，也没提前说。",
            tags=["late"],
        )
        speaker = provider_people(review.provider_type, review.provider_id).first()
        if speaker is not None:
            answer, fixed = ANSWERS[0]
            services.case_answer(
                actor=speaker, case=review.rectification, answer=answer, fixed=fixed
            )


def _demo_provider_case(ctx: Ctx, demands) -> None:
    """The demo organization has a fresh bad review waiting for its answer."""
    org = ctx.orgs[DEMO_SERVICE_ORG]
    demand = next((d for d in demands if d.accepted_response.organization_id == org.pk), None)
    if demand is None:
        return
    reviewed = Review.objects.filter(service_kind="demand", service_id=demand.pk)
    people = [
        p for p in residents_of([demand.community_id]) if not reviewed.filter(reviewer=p).exists()
    ]
    if not people:
        return
    person = people[0]
    services.served_people_record(
        actor=demand.created_by,
        service_kind="demand",
        service_id=demand.pk,
        contacts=[person.email],
    )
    services.review_create(
        actor=person,
        service_kind="demand",
        service_id=demand.pk,
        level=2,
        text="送餐比约定时间晚了一个小时，饭菜都凉了。",
        tags=["late"],
    )
