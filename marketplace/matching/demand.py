"""Ranked organizations, social workers and volunteers for a demand, with reasons.

`matches_for_demand` reads the candidates (selectors.py: a fixed number of queries,
whatever their number) and scores each with the parts below (scoring.py has the
weights and the formula).
"""

from dataclasses import dataclass

from marketplace.core.geo import distance_km
from marketplace.demands.models import Demand, DemandStatus
from marketplace.matching import reasons, scoring
from marketplace.matching.scoring import Match, Part, ranked
from marketplace.matching.selectors import (
    DemandFacts,
    demand_facts,
    organization_candidates,
    social_worker_candidates,
    volunteer_candidates,
)

TOP = 5  # shown per list
MATCHABLE = frozenset({DemandStatus.DRAFT, DemandStatus.OPEN})


@dataclass(frozen=True)
class DemandMatches:
    organizations: list[Match]
    social_workers: list[Match]
    volunteers: list[Match]


def matches_for_demand(*, demand: Demand, limit: int = TOP) -> DemandMatches | None:
    """The best `limit` of each kind; None once the demand is matched or finished."""
    if demand.status not in MATCHABLE:
        return None
    facts = demand_facts(demand)
    return DemandMatches(
        organizations=ranked(
            [organization_match(facts, o) for o in organization_candidates(facts)], limit
        ),
        social_workers=ranked(
            [social_worker_match(facts, u) for u in social_worker_candidates(facts)], limit
        ),
        volunteers=ranked([volunteer_match(facts, u) for u in volunteer_candidates(facts)], limit),
    )


# --- one candidate each: pure, given the annotated rows the selectors return ----------


def organization_match(facts: DemandFacts, org) -> Match:
    if org.offers_kind:
        how = "offering_of_kind"
    elif org.offers_category:
        how = "offering"
    else:
        how = "declared"
    category = facts.demand.category.name
    parts = [
        Part("category", scoring.ORG_CATEGORY_FIT[how], reasons.org_category(how, category)),
        Part("area", float(org.in_area), reasons.serves_area() if org.in_area else ""),
        _distance(facts, org.latitude, org.longitude),
        _rating(org),
        Part("load", scoring.load_fit(org.load), reasons.org_load(org.load) if org.load else ""),
    ]
    return Match(org, parts, notes=_notes(org), tie_break=(org.name, org.pk))


def social_worker_match(facts: DemandFacts, user) -> Match:
    profile = user.social_worker_profile
    organization = profile.organization
    category = facts.demand.category.name
    parts = [
        Part(
            "category",
            float(user.specialist),
            reasons.specialty(category) if user.specialist else "",
        ),
        Part(
            "skill",
            scoring.LEVEL_FIT.get(profile.level, 0.0),
            reasons.certification(profile.get_level_display()),
        ),
        Part(
            "area", float(user.org_in_area), reasons.org_serves_area() if user.org_in_area else ""
        ),
        _distance(
            facts,
            organization.latitude if organization else None,
            organization.longitude if organization else None,
        ),
        _rating(user),
        _person_load(user.load),
    ]
    return Match(user, parts, notes=_notes(user), tie_break=(user.name, user.pk))


def volunteer_match(facts: DemandFacts, user) -> Match:
    profile = user.volunteer_profile
    home = profile.home_community
    held = {skill.pk: skill.name for skill in profile.skills.all()}
    category = facts.demand.category.name
    parts = [
        Part(
            "category",
            scoring.experience_fit(user.attended),
            reasons.experience(user.attended, category) if user.attended else "",
        ),
        _skills(facts, held),
        _home(facts, home, party_here=user.party_here),
        _distance(facts, home.latitude, home.longitude),
        _availability(facts, profile.availability),
        _rating(user),
        _person_load(user.load),
    ]
    return Match(user, parts, notes=_notes(user), tie_break=(user.name, user.pk))


def _skills(facts: DemandFacts, held: dict[int, str]) -> Part:
    fit = scoring.skill_fit(set(held), set(facts.named_skills), set(facts.typical_skills))
    named = [held[pk] for pk in held if pk in facts.named_skills]
    typical = [held[pk] for pk in held if pk in facts.typical_skills]
    if named:
        return Part("skill", fit, reasons.skills_named(named))
    return Part("skill", fit, reasons.skills_typical(typical) if typical else "")


def _home(facts: DemandFacts, home, *, party_here: bool) -> Part:
    at_home = home.pk == facts.demand.community_id
    in_street = home.parent_id == facts.street_id
    fit = scoring.area_fit(same_community=at_home or party_here, same_street=in_street)
    if at_home:
        reason = reasons.lives_here()
    elif party_here:
        reason = reasons.reports_here()
    else:
        reason = reasons.lives_in_street() if in_street else ""
    return Part("area", fit, reason)


def _availability(facts: DemandFacts, declared) -> Part:
    fit = scoring.availability_fit(facts.slots, declared)
    if not declared:
        return Part("availability", fit, reasons.availability_unknown())
    return Part("availability", fit, reasons.available(fit) if fit else "")


def _distance(facts: DemandFacts, latitude, longitude) -> Part:
    km = distance_km(facts.latitude, facts.longitude, latitude, longitude)
    return Part(
        "distance", scoring.distance_fit(km), reasons.distance(km) if km is not None else ""
    )


def _rating(candidate) -> Part:
    bayesian, count = candidate.rating_bayesian, candidate.rating_count
    return Part("rating", scoring.rating_fit(bayesian), reasons.rating(bayesian, count))


def _person_load(count: int) -> Part:
    return Part("load", scoring.load_fit(count), reasons.person_load(count) if count else "")


def _notes(candidate) -> list[str]:
    return [reasons.responded()] if candidate.response_id else []
