"""Seeds residents' requests (接诉即办) through the same services residents and staff use:
categories with their deadlines, a drawn boundary for the demo community, a street staff
member, and about fifteen requests at every stage — one left overdue and escalated.

Requests are filed and handled now, then their timestamps are moved back to when they
would have happened, as if the clock had run on (services only work in the present).
"""

from datetime import timedelta

from django.utils import timezone

from marketplace.accounts.models import CommunityStaffAssignment, ResidentProfile
from marketplace.demo import data_hotline as dh
from marketplace.demo.seed import Ctx
from marketplace.demo.seed_people import create_person_user
from marketplace.hotline import services
from marketplace.hotline.models import Request, RequestCategory, RequestEvent
from marketplace.notifications.models import Notification

STEP_FIELDS = {"accept": "accepted_at", "resolve": "resolved_at", "close": "closed_at"}


def seed_hotline(ctx: Ctx) -> None:
    ctx.stage("residents' requests")
    categories = _categories(ctx)
    _boundary(ctx)
    _street_staff(ctx)
    now = timezone.now().replace(second=0, microsecond=0)
    overdue = []
    for row in dh.REQUESTS:
        item = _request(ctx, row, categories, now)
        if item is not None and row[5] == "escalate":
            overdue.append(item)
    for item in overdue:
        item.refresh_from_db()
        services.requests_escalate_overdue(now=item.respond_by + timedelta(minutes=5))
    # The seed's notifications stay on the site, but nobody is emailed about them.
    Notification.objects.filter(kind__startswith="hotline.", emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )


def _categories(ctx: Ctx) -> dict[str, RequestCategory]:
    categories = {}
    for order, (code, zh, en, respond, resolve) in enumerate(dh.CATEGORIES):
        categories[code] = ctx.save(
            RequestCategory(
                code=code,
                name_zh=zh,
                name_en=en,
                response_hours=respond,
                resolution_hours=resolve,
                sort_order=order,
            ),
            tick=False,
        )
    return categories


def _boundary(ctx: Ctx) -> None:
    community = ctx.regions["xinghua-shequ"]
    community.boundary = dh.XINGHUA_BOUNDARY
    ctx.save(community, tick=False)


def _street_staff(ctx: Ctx) -> None:
    """Someone at the street office who sees requests escalated from its communities."""
    user = ctx.demo_users.get("streetstaff")
    if user is None:
        user, _person = create_person_user(ctx, born=(1975, 1992))
        ctx.demo_users["streetstaff"] = user
    ctx.save(
        CommunityStaffAssignment(
            user=user, community=ctx.regions["xinghua-jie"], title=dh.STREET_STAFF_TITLE
        ),
        tick=False,
    )


def _resident(ctx: Ctx, who: str):
    if who == "demo":
        return ctx.demo_users["resident"]
    profile = (
        ResidentProfile.objects.filter(community=ctx.regions[who])
        .exclude(user=ctx.demo_users["resident"])
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return profile.user if profile else None


def _request(ctx: Ctx, row, categories, now) -> Request | None:
    who, code, text, place, hours_ago, steps = row
    resident = _resident(ctx, who)
    if resident is None:
        return None
    community = resident.resident_profile.community
    category = categories[code]
    item = services.request_file(
        actor=resident,
        category=category,
        text=text,
        place=place,
        latitude=ctx.jitter(community.latitude),
        longitude=ctx.jitter(community.longitude),
        about_organization=ctx.orgs[dh.COMPLAINED_ORG] if code == "service-complaint" else None,
    )
    staff = ctx.staff[community.id][0]
    steps = [] if steps == "escalate" else steps
    for action, _hours, words, *upheld in steps:
        _step(item, action, staff=staff, resident=resident, words=words, upheld=upheld)
    _backdate(item, category, filed_at=now - timedelta(hours=hours_ago), steps=steps)
    return item


def _step(item, action, *, staff, resident, words, upheld) -> None:
    if action == "accept":
        services.request_accept(actor=staff, resident_request=item, note=words)
    elif action == "resolve":
        services.request_resolve(
            actor=staff,
            resident_request=item,
            resolution=words,
            upheld=upheld[0] if upheld else None,
        )
    elif action == "close":
        services.request_close(actor=resident, resident_request=item, note=words)
    elif action == "reject":
        services.request_reject(actor=staff, resident_request=item, reason=words)
    elif action == "withdraw":
        services.request_withdraw(actor=resident, resident_request=item, reason=words)


def _backdate(item, category, *, filed_at, steps) -> None:
    times = [filed_at + timedelta(hours=step[1]) for step in steps]
    for event, at in zip(item.events.order_by("pk"), [filed_at, *times], strict=True):
        RequestEvent.objects.filter(pk=event.pk).update(created_at=at)
    fields = {
        STEP_FIELDS[step[0]]: at
        for step, at in zip(steps, times, strict=True)
        if step[0] in STEP_FIELDS
    }
    Request.objects.filter(pk=item.pk).update(
        created_at=filed_at,
        updated_at=times[-1] if times else filed_at,
        respond_by=filed_at + timedelta(hours=category.response_hours),
        resolve_by=filed_at + timedelta(hours=category.resolution_hours),
        **fields,
    )
