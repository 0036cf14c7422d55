"""Candidates for a demand, read in a fixed number of queries.

Hard constraints are filters in SQL, so only people and organizations who could take
the demand reach the scoring in Python, at most CANDIDATES of each kind:

- organizations: verified providers (not purchasers) that offer or declare the demand's
  category, and whose declared service area covers the demand's community (an
  organization that declares no area is kept, without the area points);
- social workers: active accounts with the demand's category among their specialties,
  not already booked (a sign-up or an accepted demand) at an overlapping time;
- volunteers: active, real-name registered (实名注册) volunteers living in the demand's
  district (or reporting to its community as Party members), free at that time (no
  sign-up or accepted demand overlapping it), whose declared availability overlaps
  the demand's time (those who declared none are kept, without availability points).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from marketplace.accounts.models import SocialWorkerProfile, User, VolunteerProfile
from marketplace.catalog.models import Skill
from marketplace.demands.models import Demand, DemandResponse, DemandStatus, ResponseStatus
from marketplace.matching.slots import slots_between
from marketplace.organizations.models import (
    Offering,
    Organization,
    provider_q,
)
from marketplace.regions.models import Region
from marketplace.reviews.registry import ProviderType
from marketplace.reviews.selectors import with_rating
from marketplace.volunteering.models import (
    ACTIVE_SIGNUP_STATUSES,
    Attendance,
    PartyMemberRegistration,
    Signup,
    Task,
    TaskStatus,
)

CANDIDATES = 200  # of each kind, read from the database before scoring
LOAD_WINDOW = timedelta(days=7)  # sign-ups this far ahead count as a person's load
UNDERWAY = [DemandStatus.MATCHED, DemandStatus.IN_PROGRESS]

ServiceArea = Organization.service_area.through
OrgCategory = Organization.categories.through
Specialty = SocialWorkerProfile.specialties.through
VolunteerSkill = VolunteerProfile.skills.through
TaskSkill = Task.required_skills.through


@dataclass(frozen=True)
class DemandFacts:
    """What matching needs to know about a demand, read once."""

    demand: Demand
    region_ids: frozenset[int]  # the community and every region above it
    street_id: int | None
    district_id: int | None
    latitude: float | None  # the demand's place, else its community's centre
    longitude: float | None
    slots: frozenset[str]
    named_skills: dict[int, str]  # skills the title or description names: id → name
    typical_skills: dict[int, str]  # skills volunteer tasks of the category ask for


def demand_facts(demand: Demand) -> DemandFacts:
    """Two queries: the regions above the community, and the skill catalogue."""
    community = Region.objects.select_related("parent__parent__parent__parent").get(
        pk=demand.community_id
    )
    chain, node = [], community
    while node is not None:
        chain.append(node)
        node = node.parent
    text = f"{demand.title}\n{demand.description}".lower()
    typical = TaskSkill.objects.filter(
        skill=OuterRef("pk"), task__category=demand.category_id
    ).exclude(task__status=TaskStatus.DRAFT)
    named, usual = {}, {}
    for skill in Skill.objects.annotate(typical=Exists(typical)):
        if any(n and n.lower() in text for n in (skill.name_zh, skill.name_en)):
            named[skill.pk] = skill.name
        elif skill.typical:
            usual[skill.pk] = skill.name
    latitude, longitude = demand.latitude, demand.longitude
    if latitude is None or longitude is None:
        latitude, longitude = community.latitude, community.longitude
    return DemandFacts(
        demand=demand,
        region_ids=frozenset(region.pk for region in chain),
        street_id=community.parent_id,
        district_id=chain[2].pk if len(chain) > 2 else None,
        latitude=latitude,
        longitude=longitude,
        slots=slots_between(demand.starts_at, demand.ends_at),
        named_skills=named,
        typical_skills=usual,
    )


def _count(queryset, by: str):
    """A correlated COUNT(*) of `queryset` grouped by its outer reference `by`."""
    counted = queryset.order_by().values(by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted[:1]), 0, output_field=IntegerField())


def _accepted_underway(*conditions, **where) -> QuerySet:
    return DemandResponse.objects.filter(
        *conditions, status=ResponseStatus.ACCEPTED, demand__status__in=UNDERWAY, **where
    )


def _overlapping(starts_at: datetime, ends_at: datetime, prefix: str) -> Q:
    return Q(**{f"{prefix}starts_at__lt": ends_at, f"{prefix}ends_at__gt": starts_at})


def _person_load(now: datetime):
    """Accepted demands not yet delivered, plus active sign-ups in the next week."""
    demands = _count(_accepted_underway(responder=OuterRef("pk")), "responder")
    signups = _count(
        Signup.objects.filter(
            volunteer=OuterRef("pk"),
            status__in=ACTIVE_SIGNUP_STATUSES,
            shift__starts_at__gte=now,
            shift__starts_at__lt=now + LOAD_WINDOW,
        ),
        "volunteer",
    )
    return demands + signups


def _free(demand: Demand) -> tuple:
    """Filters: the person holds no sign-up and no accepted demand at the demand's time."""
    window = (demand.starts_at, demand.ends_at)
    shifts = Signup.objects.filter(
        _overlapping(*window, "shift__"),
        volunteer=OuterRef("pk"),
        status__in=ACTIVE_SIGNUP_STATUSES,
    )
    demands = _accepted_underway(_overlapping(*window, "demand__"), responder=OuterRef("pk"))
    return ~Exists(shifts), ~Exists(demands.exclude(demand=demand))


def _pending_response(demand: Demand, **where):
    responses = DemandResponse.objects.filter(
        demand=demand, status=ResponseStatus.PENDING, **where
    ).values("pk")
    return Subquery(responses[:1])


def organization_candidates(facts: DemandFacts, *, limit: int = CANDIDATES) -> list:
    """Organizations with `offers_kind`, `offers_category`, `declares_category`,
    `area_declared`, `in_area`, `load`, `response_id` and their rating."""
    demand = facts.demand
    offers = Offering.objects.filter(
        organization=OuterRef("pk"), is_active=True, category=demand.category_id
    )
    area = ServiceArea.objects.filter(organization=OuterRef("pk"))
    organizations = (
        Organization.objects.providers()
        .annotate(
            offers_kind=Exists(offers.filter(kind=demand.kind)),
            offers_category=Exists(offers),
            declares_category=Exists(
                OrgCategory.objects.filter(
                    organization=OuterRef("pk"), servicecategory=demand.category_id
                )
            ),
            area_declared=Exists(area),
            in_area=Exists(area.filter(region__in=facts.region_ids)),
            load=_count(_accepted_underway(organization=OuterRef("pk")), "organization"),
            response_id=_pending_response(demand, organization=OuterRef("pk")),
        )
        .filter(Q(offers_category=True) | Q(declares_category=True))
        .filter(Q(area_declared=False) | Q(in_area=True))
    )
    organizations = with_rating(organizations, provider_type=ProviderType.ORGANIZATION)
    return list(organizations.order_by("-offers_kind", "-in_area", "-rating_bayesian")[:limit])


def social_worker_candidates(facts: DemandFacts, *, limit: int = CANDIDATES) -> list:
    """Users with `social_worker_profile` (and its organization), `specialist`,
    `org_in_area`, `load`, `response_id` and their rating."""
    demand = facts.demand
    profile = "social_worker_profile"
    workers = (
        User.objects.filter(is_active=True, social_worker_profile__isnull=False)
        .select_related(profile, f"{profile}__organization")
        .filter(*_free(demand))
        .annotate(
            specialist=Exists(
                Specialty.objects.filter(
                    socialworkerprofile__user=OuterRef("pk"), servicecategory=demand.category_id
                )
            ),
            org_in_area=Exists(
                ServiceArea.objects.filter(
                    provider_q("organization__"),
                    organization=OuterRef(f"{profile}__organization"),
                    region__in=facts.region_ids,
                )
            ),
            load=_person_load(timezone.now()),
            response_id=_pending_response(demand, responder=OuterRef("pk"), organization=None),
        )
        .filter(specialist=True)
    )
    workers = with_rating(workers, provider_type=ProviderType.PERSON)
    return list(workers.order_by("-org_in_area", "-rating_bayesian", "pk")[:limit])


def volunteer_candidates(facts: DemandFacts, *, limit: int = CANDIDATES) -> list:
    """Users with `volunteer_profile` (skills prefetched, home community), `attended`
    (shifts of tasks in the category), `party_here`, `load`, `response_id` and rating."""
    demand = facts.demand
    home = "volunteer_profile__home_community"
    party_here = PartyMemberRegistration.objects.filter(
        volunteer=OuterRef("pk"), community=demand.community_id, ended_at__isnull=True
    )
    wanted = set(facts.named_skills) | set(facts.typical_skills)
    volunteers = (
        User.objects.filter(is_active=True, volunteer_profile__id_number_index__isnull=False)
        .annotate(party_here=Exists(party_here))
        .filter(_near(facts, home) | Q(party_here=True))
        .filter(_available(facts.slots))
        .filter(*_free(demand))
        .select_related("volunteer_profile", home)
        .prefetch_related("volunteer_profile__skills")
        .annotate(
            has_skill=Exists(
                VolunteerSkill.objects.filter(
                    volunteerprofile__user=OuterRef("pk"), skill__in=wanted
                )
            ),
            at_home=ExpressionWrapper(
                Q(volunteer_profile__home_community=demand.community_id),
                output_field=BooleanField(),
            ),
            attended=_count(
                Signup.objects.filter(
                    volunteer=OuterRef("pk"),
                    attendance=Attendance.ATTENDED,
                    shift__task__category=demand.category_id,
                ),
                "volunteer",
            ),
            load=_person_load(timezone.now()),
            response_id=_pending_response(demand, responder=OuterRef("pk"), organization=None),
        )
    )
    volunteers = with_rating(volunteers, provider_type=ProviderType.PERSON)
    ordering = ("-has_skill", "-at_home", "-party_here", "-attended", "pk")
    return list(volunteers.order_by(*ordering)[:limit])


def _near(facts: DemandFacts, home: str) -> Q:
    if facts.district_id:
        return Q(**{f"{home}__parent__parent": facts.district_id})
    if facts.street_id:
        return Q(**{f"{home}__parent": facts.street_id})
    return Q(**{home: facts.demand.community_id})


def _available(slots: frozenset[str]) -> Q:
    """Declared no availability, or declared a slot the demand's time touches."""
    if not slots:
        return Q()
    condition = Q(volunteer_profile__availability=[])
    for slot in sorted(slots):
        condition |= Q(volunteer_profile__availability__icontains=f'"{slot}"')
    return condition
