"""Seeds one purchased-service project in each stage, through the services: planning,
tendering, evaluating, awarded, in contract, completed, evaluated, failed, cancelled.

Times are moved on between steps (deadline, opening, objection period), as the seed does
for volunteer shifts, so every stage is reached the way users reach it.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from marketplace.demo import data_procurement as dp
from marketplace.demo.data_people import DEMO_PURCHASER_ORG, DEMO_SOCIAL_WORK_AGENCY
from marketplace.demo.seed import Ctx
from marketplace.demo.seed_people import create_user, new_mobile
from marketplace.demo.seed_reviews import rate_milestones
from marketplace.organizations.models import OrganizationType
from marketplace.procurement import services
from marketplace.procurement.models import Award, Project

PLAN_PDF = b"%PDF-1.4\n% Linli demo bid document\n"
DOCS = ["registration", "plan"]


def seed_procurement(ctx: Ctx) -> None:
    ctx.stage("purchased services")
    purchaser = ctx.demo_users["purchaser"]
    purchaser_org = ctx.orgs[DEMO_PURCHASER_ORG]
    bidders = _bidders(ctx)
    panel = [
        create_user(ctx, name=name, email=f"{email}@demo.linli.cn", phone=new_mobile(ctx))
        for name, email in zip(dp.PANEL, dp.PANEL_EMAILS, strict=True)
    ]
    for stage, title, purpose, category, budget, eligible, prices in dp.PROJECTS:
        project = _project(
            ctx, purchaser, purchaser_org, title, purpose, category, budget, eligible
        )
        if stage != "planning":
            _advance(ctx, stage, project, purchaser, bidders, panel, prices)
        ctx.bar.update(1)


def _bidders(ctx: Ctx) -> list:
    """Verified social-work agencies and social organizations that have an administrator,
    the demo agency first."""
    orgs = [ctx.orgs[DEMO_SOCIAL_WORK_AGENCY]] + [
        o
        for o in ctx.orgs.values()
        if o.type in (OrganizationType.SOCIAL_WORK_AGENCY, OrganizationType.SOCIAL_ORGANIZATION)
        and o.name != DEMO_SOCIAL_WORK_AGENCY
    ]
    return [(o, ctx.org_admins[o.id]) for o in orgs if o.id in ctx.org_admins][:3]


def _project(ctx, purchaser, org, title, purpose, category, budget, eligible) -> Project:
    start = ctx.anchor.date() + timedelta(days=60)
    return services.project_create(
        actor=purchaser,
        purchaser=org,
        title=title,
        purpose=purpose,
        category=ctx.categories[category],
        budget=Decimal(budget),
        funding_source="fiscal",
        service_starts=start,
        service_ends=start + timedelta(days=364),
        eligible_types=eligible,
        qualifications="依法登记满两年，近三年无违法违规记录，具有相关领域服务经验。",
        required_documents=DOCS,
        price_weight=Decimal(dp.PRICE_WEIGHT),
        bid_deadline=ctx.anchor + timedelta(days=20, hours=17),
        opening_at=ctx.anchor + timedelta(days=21, hours=9),
        criteria=[{"name": n, "description": d, "max_score": p} for n, d, p in dp.CRITERIA],
        communities=ctx.communities[:4],
    )


def _advance(ctx, stage, project, purchaser, bidders, panel, prices) -> None:
    if stage == "cancelled":
        services.project_cancel(actor=purchaser, project=project, reason=dp.CANCEL_REASON)
        return
    project = services.project_publish(actor=purchaser, project=project)
    for (org, admin), price in zip(bidders, prices, strict=False):
        services.bid_submit(
            actor=admin,
            project=project,
            organization=org,
            price=price,
            plan=f"{org.name}关于“{project.title}”的服务方案：分片包干、专人负责、月度回访。",
            team=["项目负责人（中级社工师）", "一线社工 3 名", "志愿者骨干 10 名"],
            files=[(kind, f"{kind}.pdf", PLAN_PDF) for kind in DOCS],
        )
    if stage == "tendering":
        return
    for person in panel:
        services.panel_appoint(actor=purchaser, project=project, user=person)
    _time_passes(project)
    services.tender_open(actor=purchaser, project=project)
    if stage == "failed":
        return
    _score(ctx, project, panel, complete=stage != "evaluating")
    if stage == "evaluating":
        return
    award = services.project_award(actor=purchaser, project=project)
    loser = next((o, a) for o, a in bidders if o.pk != award.bid.organization_id)
    objection = services.objection_file(
        actor=loser[1], project=project, organization=loser[0], text=dp.OBJECTION
    )
    services.objection_answer(
        actor=purchaser, objection=objection, answer=dp.OBJECTION_ANSWER, upheld=False
    )
    if stage == "awarded":
        return
    Award.objects.filter(pk=award.pk).update(standstill_ends_at=timezone.now())
    contract = services.contract_sign(
        actor=purchaser,
        project=project,
        milestones=[
            {
                "title": t,
                "deliverables": d,
                "payment_share": s,
                "due_date": ctx.anchor.date() + timedelta(days=days),
            }
            for t, d, s, days in dp.MILESTONES
        ],
    )
    undertaker = award.bid.organization.memberships.filter(role="admin").first().user
    milestones = list(contract.milestones.all())
    done = milestones[:1] if stage == "in_contract" else milestones
    for milestone in done:
        services.milestone_submit(actor=undertaker, milestone=milestone, evidence="材料已上传。")
        services.milestone_accept(actor=purchaser, milestone=milestone)
        services.payment_record(
            actor=purchaser,
            milestone=milestone,
            amount=(contract.amount * milestone.payment_share / 100).quantize(Decimal("0.01")),
            paid_on=ctx.anchor.date(),
        )
    if stage == "evaluated":
        rate_milestones(ctx, done, project.communities.values_list("pk", flat=True))
        services.performance_evaluate(
            actor=purchaser,
            project=project,
            indicators=[{"name": n, "weight": w, "score": s} for n, w, s in dp.INDICATORS],
        )


def _time_passes(project: Project) -> None:
    """The deadline and the opening time are now behind us."""
    now = timezone.now()
    Project.objects.filter(pk=project.pk).update(
        bid_deadline=now - timedelta(minutes=2), opening_at=now - timedelta(minutes=1)
    )
    project.refresh_from_db()


def _score(ctx, project, panel, *, complete: bool) -> None:
    """Every evaluator declares; all score (or two of three, while still evaluating)."""
    bids = list(project.bids.filter(status="submitted"))
    criteria = list(project.criteria.all())
    for index, person in enumerate(panel):
        services.evaluator_declare(
            actor=person, project=project, no_conflict=True, statement="与各投标人无利害关系。"
        )
        if not complete and index == len(panel) - 1:
            continue
        scores = {
            (bid.pk, c.pk): (c.max_score * Decimal(ctx.rng.randint(70, 95)) / 100).quantize(
                Decimal("0.5")
            )
            for bid in bids
            for c in criteria
        }
        services.score_sheet_submit(actor=person, project=project, scores=scores)
