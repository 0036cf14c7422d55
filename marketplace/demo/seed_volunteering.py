"""Seeds volunteer tasks through the same services people use: upcoming shifts with
sign-ups and waiting lists, finished shifts with attendance and approved hours, a
Party member's report, a draft and a cancelled task.

Finished shifts are created upcoming (services refuse a shift in the past), signed up
for, then moved back in time before attendance is recorded, as if the clock had run on.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from marketplace.accounts.models import VolunteerProfile, age_on
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.demo import data_volunteering as dv
from marketplace.demo.data_people import DEMO_SERVICE_ORG, DEMO_STAFF_COMMUNITIES
from marketplace.demo.seed import Ctx
from marketplace.demo.seed_demands import _place
from marketplace.matching.slots import slot_at
from marketplace.notifications.models import Notification
from marketplace.volunteering import services
from marketplace.volunteering.models import (
    ACTIVE_SIGNUP_STATUSES,
    Shift,
    Signup,
    SignupStatus,
    Task,
)

TASKS_PER_COMMUNITY = 2
PAST_EVERY = 3  # every third task has already happened
PAST_DAYS = [(6, 60), (330, 390)]  # this year, and last year
# Sessions with places added near the demo volunteer, at times they ticked: the first
# starts two days after the seed at the earliest, so its sign-up (closing 12 hours
# before) stays open for a day and a half, whenever the demo is seeded.
OPEN_SESSIONS = 4
OPEN_SESSION_LEAD = timedelta(days=2)
OPEN_SESSION_LENGTH = timedelta(hours=2)
OPEN_SESSION_HOURS = (9, 14, 19)  # a morning, an afternoon and an evening start
OPEN_SESSION_SEARCH_DAYS = 28


def seed_volunteering(ctx: Ctx) -> None:
    ctx.stage("volunteer tasks")
    people = list(
        VolunteerProfile.objects.select_related("user").order_by("pk").exclude(id_number_index=None)
    )
    demo = ctx.demo_users["volunteer"]
    index = 0
    for community in ctx.communities:
        for _ in range(TASKS_PER_COMMUNITY):
            template = dv.TASK_TEMPLATES[index % len(dv.TASK_TEMPLATES)]
            past = index % PAST_EVERY == 0
            task, actor = _task(ctx, template, community, organized_by_org=index % 5 == 4)
            home_demo = community.slug in DEMO_STAFF_COMMUNITIES
            _sign_up(ctx, task, people, demo if home_demo else None, over=not past)
            if past:
                _happened(ctx, task, actor, days=PAST_DAYS[index % 6 == 0])
            ctx.bar.update(1)
            index += 1
    _demo_extras(ctx)
    _open_sessions(ctx)
    # The seed's notifications stay on the site, but nobody is emailed about them.
    Notification.objects.update(emailed_at=timezone.now())


def _task(ctx: Ctx, template, community, *, organized_by_org: bool):
    (category, title, description, place_kind, skills, hours, starts, places, approval, ages) = (
        template
    )
    rng = ctx.rng
    organization = ctx.orgs[DEMO_SERVICE_ORG] if organized_by_org else None
    actor = ctx.org_admins[organization.id] if organization else ctx.staff[community.id][0]
    place, lat, lon = _place(ctx, community, place_kind)
    first_day = rng.randint(2, 18)
    shifts = []
    for day in sorted(rng.sample(range(first_day, first_day + 14), rng.randint(1, 3))):
        start = ctx.anchor + timedelta(days=day, hours=rng.choice(starts))
        shifts.append(
            {
                "starts_at": start,
                "ends_at": start + timedelta(hours=hours),
                "capacity": rng.randint(*places),
                "signup_deadline": start - timedelta(hours=12),
            }
        )
    task = services.task_create(
        actor=actor,
        title=title.format(c=community.name),
        category=ctx.categories[category],
        description=description,
        community=community,
        organization=organization,
        place=place,
        latitude=lat,
        longitude=lon,
        required_skills=[ctx.skills[code] for code in skills],
        min_age=ages[0],
        max_age=ages[1],
        contact_name=actor.name,
        contact_phone=f"0571-8{rng.randint(1000000, 9999999)}",
        requires_approval=approval,
        shifts=shifts,
    )
    return services.task_publish(actor=actor, task=task), actor


def _sign_up(ctx: Ctx, task, people, demo, *, over: bool) -> None:
    """Volunteers sign up; on some upcoming shifts more than there are places."""
    rng = ctx.rng
    for shift in task.shifts.all():
        wanted = shift.capacity + (rng.randint(1, 3) if over and rng.random() < 0.3 else 0)
        queue = ([demo] if demo else []) + [p.user for p in rng.sample(people, 40)]
        signed = 0
        for person in queue:
            if signed >= wanted:
                break
            try:
                services.shift_signup(actor=person, shift=shift)
                signed += 1
            except (DomainError, NotPermitted):
                continue
        if task.requires_approval:
            for signup in shift.signups.filter(status=SignupStatus.PENDING)[: shift.capacity]:
                manager = task.created_by
                services.signup_approve(actor=manager, signup=signup)


def _happened(ctx: Ctx, task, actor, *, days) -> None:
    """Move the task's shifts into the past, record attendance and approve the hours."""
    rng = ctx.rng
    back = timedelta(days=rng.randint(*days) + 30)
    for shift in task.shifts.all():
        Shift.objects.filter(pk=shift.pk).update(
            starts_at=shift.starts_at - back,
            ends_at=shift.ends_at - back,
            signup_deadline=None,
        )
        shift.refresh_from_db()
        for signup in shift.signups.filter(status=SignupStatus.CONFIRMED):
            if rng.random() < 0.1:
                services.attendance_no_show(actor=actor, signup=signup)
                continue
            late = timedelta(minutes=rng.choice([0, 0, 5, 10, 20]))
            signup = services.attendance_mark(
                actor=actor,
                signup=signup,
                checked_in_at=shift.starts_at + late,
                checked_out_at=shift.ends_at + timedelta(minutes=rng.choice([0, 10, 30])),
            )
            if rng.random() < 0.1:
                signup = services.hours_adjust(
                    actor=actor,
                    signup=signup,
                    minutes=signup.minutes + 60,
                    reason=dv.ADJUST_REASON,
                )
            services.hours_approve(actor=actor, signup=signup)
    services.task_complete(actor=actor, task=task)


def _demo_extras(ctx: Ctx) -> None:
    """The demo volunteer reports as a Party member; the demo staff have a draft and a
    cancelled task."""
    demo = ctx.demo_users["volunteer"]
    staff = ctx.demo_users["communitystaff"]
    home = ctx.regions[DEMO_STAFF_COMMUNITIES[0]]
    services.party_registration_create(actor=demo, community=home, workplace=dv.PARTY_WORKPLACE)
    start = ctx.anchor + timedelta(days=20, hours=9)
    window = {"starts_at": start, "ends_at": start + timedelta(hours=3), "capacity": 6}
    common = {
        "category": ctx.categories["elderly-care"],
        "description": "走访慰问社区困难老人和独居老人，送上过冬物资。",
        "community": home,
        "place": f"{home.name}党群服务中心",
        "contact_name": staff.name,
        "contact_phone": "0571-86001234",
    }
    services.task_create(
        actor=staff, title=dv.DRAFT_TITLE.format(c=home.name), shifts=[window], **common
    )
    cancelled = services.task_create(
        actor=staff, title=dv.CANCELLED_TITLE.format(c=home.name), shifts=[window], **common
    )
    services.task_publish(actor=staff, task=cancelled)
    services.task_cancel(actor=staff, task=cancelled, reason=dv.CANCEL_REASON)


def _open_sessions(ctx: Ctx) -> None:
    """Organizers near the demo volunteer add a session with places left: the seeded
    shifts are full, and “Recommended for you” should have tasks the volunteer can join,
    whatever the day and hour the demo is seeded at."""
    demo = ctx.demo_users["volunteer"]
    profile = VolunteerProfile.objects.select_related("home_community__parent").get(user=demo)
    street = profile.home_community.parent
    held = set(profile.skills.values_list("pk", flat=True))
    missing = [skill.pk for skill in ctx.skills.values() if skill.pk not in held]
    candidates = (
        Task.objects.filter(status="published", community__parent__parent=street.parent_id)
        .filter(_age_allows(profile.birth_date))
        .exclude(pk__in=Signup.objects.filter(volunteer=demo).values("shift__task"))
        .exclude(required_skills__in=missing)
        .select_related("community", "created_by")
        .order_by("pk")
    )
    nearest = sorted(candidates, key=lambda task: task.community.parent_id != street.pk)
    starts = _free_starts(demo, profile.availability, count=OPEN_SESSIONS)
    for task, start in zip(nearest, starts, strict=False):
        services.shift_add(
            actor=task.created_by,
            task=task,
            starts_at=start,
            ends_at=start + OPEN_SESSION_LENGTH,
            capacity=4,
            signup_deadline=start - timedelta(hours=12),
        )


def _age_allows(birth_date) -> Q:
    if birth_date is None:
        return Q()
    age = age_on(birth_date, timezone.localdate())
    return (Q(min_age__isnull=True) | Q(min_age__lte=age)) & (
        Q(max_age__isnull=True) | Q(max_age__gte=age)
    )


def _free_starts(volunteer, availability, *, count: int) -> list:
    """`count` session starts, one a day, from OPEN_SESSION_LEAD after now on: each in a
    slot the volunteer ticked, none clashing with a shift they signed up for."""
    busy = [
        (signup.shift.starts_at, signup.shift.ends_at)
        for signup in Signup.objects.filter(
            volunteer=volunteer, status__in=ACTIVE_SIGNUP_STATUSES
        ).select_related("shift")
    ]
    earliest = timezone.now() + OPEN_SESSION_LEAD
    day = timezone.localtime(earliest).replace(hour=0, minute=0, second=0, microsecond=0)
    starts = []
    for _ in range(OPEN_SESSION_SEARCH_DAYS):
        for hour in OPEN_SESSION_HOURS:
            start = day + timedelta(hours=hour)
            end = start + OPEN_SESSION_LENGTH
            if start < earliest or (availability and slot_at(start) not in availability):
                continue
            if not any(s < end and start < e for s, e in busy):
                starts.append(start)
                break
        if len(starts) == count:
            break
        day += timedelta(days=1)
    return starts
