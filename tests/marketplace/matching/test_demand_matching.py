"""Matching a demand on the small world of conftest.py: who is left out, who ranks first."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from marketplace.demands import services as demands
from marketplace.matching.demand import matches_for_demand
from marketplace.reviews.models import RatingAggregate
from tests.factories import OrganizationFactory
from tests.factories.volunteering import volunteer

from .builders import HOME, accept, open_demand, organization, social_worker

pytestmark = pytest.mark.clock_sweep


def names(matches):
    return [m.candidate.name for m in matches]


def run(demand, **kwargs):
    with translation.override("zh-hans"):
        return matches_for_demand(demand=demand, **kwargs)


def test_organizations_rank_by_fit_and_the_ineligible_are_left_out(matching):
    found = run(matching["demand"]).organizations
    assert names(found) == ["乐龄养老服务中心", "同心社工", "无范围社工"]
    best = found[0]
    assert best.part("category").fit == 1.0 and best.part("area").fit == 1.0
    assert best.part("load").fit == -0.2  # one accepted demand underway
    assert "提供" in best.reasons[0] or "Offers" in best.reasons[0]
    assert found[2].part("area").fit == 0  # declares no area: kept, without the points


def test_organization_reasons_are_readable(matching):
    found = run(matching["demand"]).organizations
    declared = next(m for m in found if m.candidate.name == "同心社工")
    with translation.override("en"):
        english = matches_for_demand(demand=matching["demand"]).organizations[1].reasons
    assert any("1.1 km away." == reason for reason in english)
    assert any("service area covers this community" in reason for reason in english)
    assert "距离 1.1 公里" in run(matching["demand"]).organizations[1].reasons
    assert any("No reviews yet" in reason for reason in english)
    assert declared.part("distance").fit < 1


def test_social_workers_are_specialists_who_are_free(matching):
    found = run(matching["demand"]).social_workers
    workers = matching["workers"]
    assert [m.candidate for m in found] == [workers["senior"], workers["assistant"]]
    senior, assistant = found
    assert senior.part("area").fit == 1.0  # works for `best`, which serves the street
    assert senior.part("skill").fit == 1.0 and assistant.part("skill").fit == 0.5
    # 30 + 20 + 10 + 15 + 5 = 80 of 85; 30 + 10 + 0 + 0 + 5 = 45 of 85 (no organization)
    assert senior.score == pytest.approx(100 * 80 / 85)
    assert assistant.score == pytest.approx(100 * 45 / 85)


def test_volunteers_fit_available_and_free(matching):
    found = run(matching["demand"]).volunteers
    people = matching["people"]
    assert [m.candidate for m in found] == [people["signer"], people["open"]]
    signer = found[0]
    assert signer.part("skill").fit == 1.0  # 手语 is named in the demand
    assert signer.part("availability").fit == 1.0
    assert signer.part("area").fit == 1.0
    assert signer.part("load").fit == 0
    assert found[1].part("availability").fit == 0  # declared none: kept, without the points


def test_a_person_who_responded_is_marked(matching):
    demand = matching["demand"]
    demands.response_submit(actor=matching["people"]["signer"], demand=demand, message="我会手语")
    signer = run(demand).volunteers[0]
    assert signer.candidate.response_id and signer.notes


def test_rating_raises_a_candidate(matching):
    declared = matching["orgs"]["declared"]

    def declared_match():
        return next(m for m in run(matching["demand"]).organizations if m.candidate == declared)

    before = declared_match()
    RatingAggregate.objects.create(provider_type="organization", provider_id=declared.pk, n5=40)
    after = declared_match()
    # Bayesian: (10 × 3 + 40 × 5) / (10 + 40) = 4.6 → fit (4.6 − 1) / 4 = 0.9
    assert after.part("rating").fit == pytest.approx(0.9)
    assert after.score - before.score == pytest.approx(100 * 10 * (0.9 - 0.5) / 65)


def test_a_matched_demand_has_no_matches(matching):
    demand = matching["demand"]
    accept(matching, demand, actor=matching["workers"]["senior"])
    demand.refresh_from_db()
    assert run(demand) is None


def test_queries_do_not_grow_with_candidates(matching, django_assert_max_num_queries):
    demand = matching["demand"]
    demand.category  # noqa: B018 — the page reads the demand with its category
    with CaptureQueriesContext(connection) as few:
        run(demand)
    for n in range(6):
        organization(name=f"新机构{n}", categories=[matching["category"]], area=[matching["home"]])
        social_worker(level="intermediate", specialties=[matching["category"]])
        person = volunteer(matching["home"], skills=[matching["skills"]["sign_language"]])
        person.volunteer_profile.availability = ["weekend_morning"]
        person.volunteer_profile.save()
    # Regions, skills, then for each kind its rows, the platform's rating counts (for
    # the Bayesian prior) and, for volunteers, their skills: 9 whatever the numbers.
    with django_assert_max_num_queries(9):
        many = run(demand)
    with CaptureQueriesContext(connection) as more:
        run(demand)
    assert len(more) == len(few)
    assert len(many.organizations) == len(many.volunteers) == 5


def test_an_organization_far_away_scores_less_than_one_next_door(matching):
    organization(name="近处", categories=[matching["category"]])
    far = OrganizationFactory(name="远处", latitude=HOME[0] + Decimal("0.2"), longitude=HOME[1])
    far.categories.add(matching["category"])
    found = {m.candidate.name: m for m in run(matching["demand"], limit=10).organizations}
    assert found["近处"].score > found["远处"].score


def test_a_demand_without_a_place_uses_its_community_centre(matching):
    demand = open_demand(matching, latitude=None, longitude=None)
    found = run(demand).organizations
    assert found[0].part("distance").fit > 0.99  # the community centre is HOME
