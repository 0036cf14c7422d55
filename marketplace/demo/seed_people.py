"""Seeds people: the demo accounts, community staff, organization members, volunteers,
social workers and residents. Every seeded user can log in with the shared demo
password, by e-mail or by mobile number, and has a verified e-mail address."""

from dataclasses import dataclass
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password

from marketplace.accounts.models import (
    Availability,
    CertificationLevel,
    CommunityStaffAssignment,
    ResidentProfile,
    SocialWorkerProfile,
    User,
    VolunteerProfile,
)
from marketplace.accounts.validators import id_number_check_char
from marketplace.demo import data_people as dp
from marketplace.demo.seed import Ctx, community_row
from marketplace.organizations.models import MemberRole, Membership

DEMO_PHONES = {row[4] for row in dp.DEMO_ACCOUNTS}
SURNAME_WEIGHTS = [4 if i < 12 else 1 for i in range(len(dp.SURNAMES))]
SOCIAL_WORK_SPECIALTIES = [
    "elderly-care",
    "disability-support",
    "psychological-support",
    "mediation",
    "legal-aid",
    "childcare",
    "education",
    "employment",
    "health",
]


@dataclass
class Person:
    name: str
    pinyin: str
    male: bool
    birth: date


def new_person(ctx: Ctx, *, born: tuple[int, int]) -> Person:
    rng = ctx.rng
    surname, surname_py = rng.choices(dp.SURNAMES, weights=SURNAME_WEIGHTS)[0]
    male = rng.random() < 0.5
    chars = rng.sample(dp.GIVEN_MALE if male else dp.GIVEN_FEMALE, 2 if rng.random() < 0.7 else 1)
    birth = date(rng.randint(*born), 1, 1) + timedelta(days=rng.randint(0, 364))
    return Person(
        name=surname + "".join(c for c, _ in chars),
        pinyin=surname_py + "".join(p for _, p in chars),
        male=male,
        birth=birth,
    )


def new_mobile(ctx: Ctx) -> str:
    while True:
        phone = "+86" + ctx.rng.choice(dp.MOBILE_PREFIXES) + f"{ctx.rng.randint(0, 99999999):08d}"
        if phone not in ctx.used_phones and phone not in DEMO_PHONES:
            ctx.used_phones.add(phone)
            return phone


def id_number(ctx: Ctx, person: Person) -> str:
    """A resident ID number (GB 11643): area, birth date, sequence with sex digit, check."""
    sequence = ctx.rng.randint(0, 49) * 2 + (1 if person.male else 0)
    area = ctx.rng.choice(dp.ID_AREA_CODES)
    first17 = f"{area}{person.birth:%Y%m%d}{ctx.rng.randint(0, 9)}{sequence:02d}"
    return first17 + id_number_check_char(first17)


def _email(ctx: Ctx, person: Person) -> str:
    local = f"{person.pinyin}{person.birth.year % 100:02d}"
    email, n = f"{local}@{dp.DEMO_DOMAIN}", 1
    while email in ctx.used_emails:
        n += 1
        email = f"{local}.{n}@{dp.DEMO_DOMAIN}"
    ctx.used_emails.add(email)
    return email


def create_user(ctx: Ctx, *, name: str, email: str, phone: str, **extra) -> User:
    user = ctx.save(
        User(
            email=email,
            name=name,
            phone=phone,
            phone_verified=True,
            password=ctx.password_hash,
            **extra,
        )
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def create_person_user(ctx: Ctx, *, born: tuple[int, int]) -> tuple[User, Person]:
    person = new_person(ctx, born=born)
    user = create_user(ctx, name=person.name, email=_email(ctx, person), phone=new_mobile(ctx))
    return user, person


def _pick_community(ctx: Ctx):
    """A community, more often a populous one."""
    return ctx.rng.choices(ctx.communities, weights=[c.population for c in ctx.communities])[0]


def home_address(ctx: Ctx, community) -> str:
    rng = ctx.rng
    road = rng.choice(community_row(community.slug)[8])
    if community.community_type == "village":
        return dp.VILLAGE_ADDRESS.format(road=road, no=rng.randint(1, 180))
    return dp.URBAN_ADDRESS.format(
        road=road,
        no=rng.randint(1, 260),
        bld=rng.randint(1, 28),
        unit=rng.randint(1, 4),
        room=rng.randint(1, 18) * 100 + rng.randint(1, 4),
    )


def seed_people(ctx: Ctx) -> None:
    ctx.password_hash = make_password(dp.DEMO_PASSWORD)
    ctx.used_emails.update(row[2] for row in dp.DEMO_ACCOUNTS)
    seed_demo_accounts(ctx)
    seed_community_staff(ctx)
    seed_org_admins(ctx)
    seed_social_workers(ctx)
    seed_volunteers(ctx)
    seed_residents(ctx)


# --- the demo accounts ------------------------------------------------------


def seed_demo_accounts(ctx: Ctx) -> None:
    ctx.stage("demo accounts")
    for key, _role, email, name, phone, secret in dp.DEMO_ACCOUNTS:
        extra = {"is_staff": True, "is_superuser": True} if key == "admin" else {}
        user = create_user(ctx, name=name, email=email, phone=phone, **extra)
        if secret:
            TOTP.activate(user, secret)
        ctx.demo_users[key] = user
    users, regions = ctx.demo_users, ctx.regions

    home, address = dp.DEMO_RESIDENT_HOME
    ctx.save(
        ResidentProfile(user=users["resident"], community=regions[home], address=address),
        tick=False,
    )

    volunteer = ctx.save(
        VolunteerProfile(
            user=users["volunteer"],
            home_community=regions[dp.DEMO_VOLUNTEER["home"]],
            availability=dp.DEMO_VOLUNTEER["availability"],
            is_party_member=True,
            id_number=id_number(ctx, Person("李志强", "lizhiqiang", True, date(1986, 5, 14))),
        ),
        tick=False,
    )
    volunteer.skills.set([ctx.skills[code] for code in dp.DEMO_VOLUNTEER["skills"]])

    worker = ctx.save(
        SocialWorkerProfile(
            user=users["socialworker"],
            level=CertificationLevel.INTERMEDIATE,
            certificate_number="ZJ2019SG0331202",
            organization=ctx.orgs[dp.DEMO_SOCIAL_WORK_AGENCY],
        ),
        tick=False,
    )
    worker.specialties.set(
        [ctx.categories[c] for c in ("elderly-care", "psychological-support", "mediation")]
    )
    ctx.social_workers.append(worker)

    for slug in dp.DEMO_STAFF_COMMUNITIES:
        community = regions[slug]
        ctx.save(
            CommunityStaffAssignment(
                user=users["communitystaff"], community=community, title="社区专职工作者"
            ),
            tick=False,
        )
        ctx.staff.setdefault(community.id, []).append(users["communitystaff"])

    service_org, purchaser_org = ctx.orgs[dp.DEMO_SERVICE_ORG], ctx.orgs[dp.DEMO_PURCHASER_ORG]
    _member(ctx, service_org, users["orgadmin"], MemberRole.ADMIN)
    _member(ctx, service_org, users["orgstaff"], MemberRole.STAFF)
    _member(ctx, purchaser_org, users["purchaser"], MemberRole.ADMIN)


def _member(ctx: Ctx, org, user, role) -> None:
    ctx.save(Membership(organization=org, user=user, role=role), tick=False)
    if role == MemberRole.ADMIN:
        ctx.org_admins[org.id] = user


# --- generated people -------------------------------------------------------


def seed_community_staff(ctx: Ctx) -> None:
    ctx.stage("community staff")
    for community in ctx.communities:
        for title in dp.STAFF_TITLES[community.community_type][: dp.STAFF_PER_COMMUNITY]:
            user, _person = create_person_user(ctx, born=(1968, 1998))
            ctx.save(
                CommunityStaffAssignment(user=user, community=community, title=title), tick=False
            )
            ctx.staff.setdefault(community.id, []).append(user)


def seed_org_admins(ctx: Ctx) -> None:
    ctx.stage("organization members")
    for org in ctx.orgs.values():
        if org.id not in ctx.org_admins:
            user, _person = create_person_user(ctx, born=(1965, 1995))
            _member(ctx, org, user, MemberRole.ADMIN)


def seed_social_workers(ctx: Ctx) -> None:
    ctx.stage("social workers")
    rng = ctx.rng
    agencies = [
        o for o in ctx.orgs.values() if o.type == "social_work_agency" and o.status == "verified"
    ]
    levels = (
        [CertificationLevel.ASSISTANT] * 6
        + [CertificationLevel.INTERMEDIATE] * 5
        + [CertificationLevel.SENIOR]
    )
    for index in range(dp.SOCIAL_WORKER_COUNT):
        user, _person = create_person_user(ctx, born=(1972, 2000))
        level = levels[index % len(levels)]
        year = rng.randint(2012, 2024)
        serial = f"{'SG' if level != 'assistant' else 'ZL'}{rng.randint(1000000, 9999999)}"
        worker = ctx.save(
            SocialWorkerProfile(
                user=user,
                level=level,
                certificate_number=f"ZJ{year}{serial}",
                organization=agencies[index % len(agencies)] if index % 3 != 2 else None,
            ),
            tick=False,
        )
        worker.specialties.set(
            [ctx.categories[c] for c in rng.sample(SOCIAL_WORK_SPECIALTIES, rng.randint(2, 3))]
        )
        ctx.social_workers.append(worker)


def seed_volunteers(ctx: Ctx) -> None:
    ctx.stage("volunteers")
    rng = ctx.rng
    party = set(
        rng.sample(range(dp.VOLUNTEER_COUNT), round(dp.VOLUNTEER_COUNT * dp.PARTY_MEMBER_SHARE))
    )
    skills = list(ctx.skills.values())
    for index in range(dp.VOLUNTEER_COUNT):
        user, person = create_person_user(ctx, born=(1955, 2006))
        slots = rng.sample(Availability.values, rng.randint(1, 4))
        profile = ctx.save(
            VolunteerProfile(
                user=user,
                home_community=_pick_community(ctx),
                availability=[code for code in Availability.values if code in slots],
                id_number=id_number(ctx, person),
                is_party_member=index in party,
            ),
            tick=False,
        )
        profile.skills.set(rng.sample(skills, rng.randint(1, 4)))


def seed_residents(ctx: Ctx) -> None:
    ctx.stage("residents")
    for _ in range(dp.RESIDENT_COUNT):
        user, _person = create_person_user(ctx, born=(1938, 2002))
        community = _pick_community(ctx)
        ctx.save(
            ResidentProfile(user=user, community=community, address=home_address(ctx, community)),
            tick=False,
        )
