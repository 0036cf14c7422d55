"""The formula, worked by hand. If a weight or a fit changes, these numbers change."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from marketplace.matching import scoring
from marketplace.matching.demand import organization_match, volunteer_match
from marketplace.matching.scoring import Match, Part, score_of
from marketplace.matching.slots import slot_at, slots_between


def test_an_organization_worked_by_hand():
    parts = [
        Part("category", 1.0),  # an offering of the demand's kind: 30 × 1 = 30
        Part("area", 1.0),  # serves the community: 10 × 1 = 10
        Part("distance", scoring.distance_fit(1.5)),  # 15 × e^(−1.5/3) = 15 × 0.6065 = 9.098
        Part("rating", scoring.rating_fit(4.0)),  # 10 × (4 − 1)/4 = 7.5
        Part("load", scoring.load_fit(2)),  # 10 × −2/5 = −4
    ]
    # 30 + 10 + 9.098 + 7.5 − 4 = 52.598 points of a possible 30 + 10 + 15 + 10 = 65
    # (load is a penalty, not in the divisor): 100 × 52.598 / 65 = 80.92
    assert sum(p.points for p in parts) == pytest.approx(52.598, abs=1e-3)
    assert scoring.possible_of(parts) == 65
    assert score_of(parts) == pytest.approx(80.92, abs=0.01)


def test_a_volunteer_worked_by_hand():
    parts = [
        Part("category", scoring.experience_fit(1)),  # 1 of 3 shifts: 30 × 1/3 = 10
        Part("skill", scoring.skill_fit({1, 2}, named={2}, typical=set())),  # 20 × 1 = 20
        Part("area", scoring.area_fit(same_community=False, same_street=True)),  # 10 × .5 = 5
        Part("distance", scoring.distance_fit(0.0)),  # 15 × e^0 = 15
        Part("availability", scoring.availability_fit(frozenset({"a", "b"}), ["a"])),  # 7.5
        Part("rating", scoring.rating_fit(3.0)),  # no reviews: the prior 3 → 10 × 2/4 = 5
        Part("load", scoring.load_fit(1)),  # 10 × −1/5 = −2
    ]
    # 10 + 20 + 5 + 15 + 7.5 + 5 − 2 = 60.5 of a possible 100
    assert score_of(parts) == pytest.approx(60.5)


@pytest.mark.parametrize(
    "km, fit", [(None, 0.0), (0.0, 1.0), (1.0, 0.7165), (3.0, 0.3679), (9.0, 0.0498)]
)
def test_distance_decays_over_three_kilometres(km, fit):
    assert scoring.distance_fit(km) == pytest.approx(fit, abs=1e-4)


def test_fits_stay_in_their_range():
    assert scoring.rating_fit(0.2) == 0 and scoring.rating_fit(5.4) == 1
    assert scoring.load_fit(0) == 0 and scoring.load_fit(12) == -1
    assert scoring.experience_fit(0) == 0 and scoring.experience_fit(7) == 1
    assert scoring.skill_fit({1}, named={2}, typical={1}) == scoring.TYPICAL_SKILL_FIT
    assert scoring.availability_fit(frozenset(), ["weekday_morning"]) == 0
    assert scoring.availability_fit(frozenset({"weekday_morning"}), []) == 0


def test_a_higher_score_ranks_first_and_ties_go_to_the_tie_break():
    low = Match("low", [Part("category", 0.5)], tie_break=("a",))
    high = Match("high", [Part("category", 1.0)], tie_break=("z",))
    tie = Match("tie", [Part("category", 1.0)], tie_break=("b",))
    assert [m.candidate for m in scoring.ranked([low, high, tie])] == ["tie", "high", "low"]


def _local(day, hour):
    return timezone.make_aware(datetime.datetime(2026, 12, day, hour))


def test_slots_of_a_window():
    # 5 December 2026 is a Saturday.
    assert slot_at(_local(5, 9)) == "weekend_morning"
    assert slot_at(_local(7, 19)) == "weekday_evening"
    assert slot_at(_local(7, 3)) is None
    assert slots_between(_local(5, 11), _local(5, 13)) == {"weekend_morning", "weekend_afternoon"}
    assert len(slots_between(_local(1, 0), _local(28, 0))) == 6  # a long window: all of them


def _facts(**fields):
    demand = SimpleNamespace(category=SimpleNamespace(name="养老"), community_id=1)
    defaults = {
        "demand": demand,
        "latitude": 30.25,
        "longitude": 120.16,
        "street_id": 10,
        "slots": frozenset({"weekend_morning"}),
        "named_skills": {7: "手语"},
        "typical_skills": {8: "助老陪伴"},
    }
    return SimpleNamespace(**{**defaults, **fields})


def test_an_organization_scored_from_its_row():
    org = SimpleNamespace(
        pk=3,
        name="乐龄",
        offers_kind=False,
        offers_category=True,
        in_area=True,
        latitude=30.25,
        longitude=120.16,
        rating_bayesian=4.6,
        rating_count=12,
        load=3,
        response_id=None,
    )
    match = organization_match(_facts(), org)
    fits = {p.name: round(p.fit, 3) for p in match.parts}
    assert fits == {"category": 0.8, "area": 1.0, "distance": 1.0, "rating": 0.9, "load": -0.6}
    # 24 + 10 + 15 + 9 − 6 = 52 of 65 → 80
    assert match.score == pytest.approx(80.0)
    assert len(match.reasons) == 5 and match.notes == []


def test_a_volunteer_scored_from_their_row():
    home = SimpleNamespace(pk=2, parent_id=10, latitude=None, longitude=None)
    skills = SimpleNamespace(all=lambda: [SimpleNamespace(pk=7, name="手语")])
    profile = SimpleNamespace(home_community=home, skills=skills, availability=[])
    user = SimpleNamespace(
        pk=5,
        name="张三",
        volunteer_profile=profile,
        attended=0,
        party_here=False,
        rating_bayesian=3.0,
        rating_count=0,
        load=0,
        response_id=9,
    )
    match = volunteer_match(_facts(), user)
    fits = {p.name: p.fit for p in match.parts}
    assert fits == {
        "category": 0,
        "skill": 1.0,  # 手语 is named in the demand
        "area": 0.5,  # the same street
        "distance": 0,  # home has no coordinates
        "availability": 0,  # none declared
        "rating": 0.5,
        "load": 0,
    }
    # 20 + 5 + 5 = 30 of 100
    assert match.score == pytest.approx(30.0)
    assert len(match.notes) == 1  # already responded
