"""How a candidate is scored: the weights and the formula, in one place.

A candidate's score is made of named parts. Each part has a fit between 0 and 1
(the load part between −1 and 0) and a weight W:

    score = 100 × Σ W[p] · fit[p]  /  Σ W[p]      (p over the parts that apply to the
                                                   candidate; the load weight is left
                                                   out of the divisor)

so a candidate that fits perfectly and carries no load scores 100, and scores of one
kind of candidate (organizations, social workers, volunteers) compare with each other.

The fits:

    category      organization: 1 with an active offering in the demand's category and
                  of its kind, 0.8 with one of another kind, 0.5 when it only declares
                  the category; social worker: 1 when it is one of their specialties;
                  volunteer: min(n, 3) / 3 for n attended shifts of tasks in the category
    skill         volunteer: 1 holding a skill the demand or task names, 0.6 holding one
                  that tasks of the category usually ask for; social worker: the
                  certification level (senior 1, intermediate 0.75, assistant 0.5)
    area          1 inside the declared service area (an organization, a social worker's
                  organization) or home in the same community; 0.5 home in the same street
    distance      e^(−km / 3): 1 next door, 0.72 at 1 km, 0.37 at 3 km; 0 if unknown
    availability  the share of the demand's time slots the volunteer said suit them
    rating        (r − 1) / 4 for r the Bayesian average rating (reviews.rating), so a
                  provider without reviews sits at the platform's mean
    load          −min(n, 5) / 5 for n open commitments (accepted demands not yet
                  delivered; for people also sign-ups in the next 7 days)

Which parts apply (and so the divisor): organizations category, area, distance,
rating, load (65); social workers those and skill (85); volunteers all (100); tasks
for a volunteer category, skill, area, distance, availability (90). Equal scores keep
the caller's tie-break: the name for candidates, the soonest shift for tasks.
"""

import math
from dataclasses import dataclass, field

from marketplace.matching.reasons import PART_LABELS

WEIGHTS = {
    "category": 30.0,
    "skill": 20.0,
    "area": 10.0,
    "distance": 15.0,
    "availability": 15.0,
    "rating": 10.0,
    "load": 10.0,
}
PENALTIES = frozenset({"load"})  # subtracted; left out of the divisor

ORG_CATEGORY_FIT = {"offering_of_kind": 1.0, "offering": 0.8, "declared": 0.5}
LEVEL_FIT = {"senior": 1.0, "intermediate": 0.75, "assistant": 0.5}
NAMED_SKILL_FIT = 1.0
TYPICAL_SKILL_FIT = 0.6
SAME_COMMUNITY_FIT, SAME_STREET_FIT = 1.0, 0.5
EXPERIENCE_FULL = 3  # attended shifts in the category for a full category fit
DISTANCE_SCALE_KM = 3.0
LOAD_FULL = 5  # commitments for the full load penalty
RATING_MIN, RATING_MAX = 1.0, 5.0


@dataclass(frozen=True)
class Part:
    """One named part of a score: its fit and the reason shown for it ('' for none)."""

    name: str
    fit: float
    reason: str = ""

    @property
    def points(self) -> float:
        return WEIGHTS[self.name] * self.fit


@dataclass
class Match:
    """A candidate with the parts of their score, best first when sorted by `rank_key`."""

    candidate: object
    parts: list[Part]
    notes: list[str] = field(default_factory=list)  # facts beside the score, e.g. responded
    tie_break: tuple = ()

    @property
    def score(self) -> float:
        return score_of(self.parts)

    @property
    def reasons(self) -> list[str]:
        return [part.reason for part in self.parts if part.reason]

    @property
    def breakdown(self) -> list[dict]:
        """Rows for the "why" table: part name, weight, fit and points."""
        return [
            {
                "label": PART_LABELS[p.name],
                "weight": WEIGHTS[p.name],
                "fit": p.fit,
                "points": p.points,
            }
            for p in self.parts
        ]

    @property
    def points(self) -> float:
        return sum(p.points for p in self.parts)

    @property
    def possible(self) -> float:
        return possible_of(self.parts)

    def part(self, name: str) -> Part | None:
        return next((p for p in self.parts if p.name == name), None)

    def rank_key(self) -> tuple:
        return (-round(self.score, 6), *self.tie_break)


def possible_of(parts: list[Part]) -> float:
    """Σ W over the parts given, penalties left out: the most points they can make."""
    return sum(WEIGHTS[p.name] for p in parts if p.name not in PENALTIES)


def score_of(parts: list[Part]) -> float:
    """100 × Σ W·fit / Σ W over the parts given (penalties not in the divisor)."""
    possible = possible_of(parts)
    return 100.0 * sum(p.points for p in parts) / possible if possible else 0.0


def ranked(matches: list[Match], limit: int | None = None) -> list[Match]:
    matches = sorted(matches, key=Match.rank_key)
    return matches if limit is None else matches[:limit]


# --- the fits -----------------------------------------------------------------


def distance_fit(km: float | None) -> float:
    return 0.0 if km is None else math.exp(-km / DISTANCE_SCALE_KM)


def rating_fit(bayesian: float) -> float:
    clipped = min(max(bayesian, RATING_MIN), RATING_MAX)
    return (clipped - RATING_MIN) / (RATING_MAX - RATING_MIN)


def load_fit(commitments: int) -> float:
    return -min(commitments, LOAD_FULL) / LOAD_FULL


def experience_fit(attended: int) -> float:
    return min(attended, EXPERIENCE_FULL) / EXPERIENCE_FULL


def availability_fit(wanted: frozenset[str], declared) -> float:
    """The share of the wanted slots among the declared ones (0 when either is empty)."""
    if not wanted or not declared:
        return 0.0
    return len(wanted & set(declared)) / len(wanted)


def skill_fit(held: set, named: set, typical: set) -> float:
    if held & named:
        return NAMED_SKILL_FIT
    if held & typical:
        return TYPICAL_SKILL_FIT
    return 0.0


def area_fit(*, same_community: bool, same_street: bool = False) -> float:
    if same_community:
        return SAME_COMMUNITY_FIT
    return SAME_STREET_FIT if same_street else 0.0
