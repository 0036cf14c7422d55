"""The shown rating against figures computed by hand."""

import math

import pytest

from marketplace.reviews import services
from marketplace.reviews.rating import (
    bayesian_average,
    rating_from_counts,
    satisfaction_rate,
    wilson_lower_bound,
)
from marketplace.reviews.registry import ProviderType
from marketplace.reviews.selectors import rating_get, ratings_for
from tests.factories import OrganizationFactory
from tests.factories.reviews import delivered_demand, resident_of

# A provider with 8 reviews: 4 × 非常满意, 2 × 满意, 1 × 基本满意, 1 × 非常不满意.
PROVIDER = {5: 4, 4: 2, 3: 1, 2: 0, 1: 1}
# The platform: that provider plus others, 40 reviews summing to 148 (mean 3.7).
PLATFORM = {5: 15, 4: 10, 3: 7, 2: 4, 1: 4}


def test_the_figures_by_hand(settings):
    settings.RATING_PRIOR_WEIGHT = 10
    assert sum(PLATFORM.values()) == 40
    assert sum(k * v for k, v in PLATFORM.items()) == 75 + 40 + 21 + 8 + 4 == 148
    rating = rating_from_counts(PROVIDER, platform_counts=PLATFORM)
    # Provider: n = 8, sum = 20 + 8 + 3 + 0 + 1 = 32, mean 4.0.
    assert rating.count == 8
    assert rating.mean == pytest.approx(4.0)
    # Prior mean m = 148 / 40 = 3.7; Bayesian = (10 × 3.7 + 32) / (10 + 8) = 69 / 18.
    assert rating.prior_mean == pytest.approx(3.7)
    assert rating.bayesian == pytest.approx(69 / 18)  # 3.8333…
    assert rating.bayesian == pytest.approx(3.833333, abs=1e-6)
    # Satisfied (满意 and above): 6 of 8.
    assert rating.satisfaction_rate == pytest.approx(0.75)
    # Wilson, z = 1.96, p = 0.75, n = 8:
    #   z² = 3.8416; centre = 0.75 + 3.8416 / 16 = 0.9901
    #   margin = 1.96 × sqrt(0.75 × 0.25 / 8 + 3.8416 / 256)
    #          = 1.96 × sqrt(0.0234375 + 0.0150063) = 1.96 × sqrt(0.0384438) = 0.384300…
    #   lower = (0.9901 − 0.384300) / (1 + 3.8416 / 8) = 0.605800 / 1.4802 = 0.409270…
    assert rating.wilson_lower == pytest.approx(0.40927, abs=1e-4)
    assert rating.stars == 4.0


def test_the_formulas_on_edge_cases():
    assert bayesian_average({5: 0}, prior_mean=3.7, prior_weight=10) == pytest.approx(3.7)
    assert satisfaction_rate(dict.fromkeys(range(1, 6), 0)) is None
    assert wilson_lower_bound(0, 0) == 0.0
    # One 非常满意 review: rate 100 %, yet the bound stays low: 1 / (1 + z²) = 0.2065.
    assert wilson_lower_bound(1, 1, z=1.96) == pytest.approx(1 / (1 + 1.96**2))
    # All satisfied out of 100: bound = 100 / (100 + z²) ≈ 0.9630.
    assert wilson_lower_bound(100, 100, z=1.96) == pytest.approx(100 / (100 + 1.96**2))
    assert math.isclose(wilson_lower_bound(50, 100), 0.4038, abs_tol=1e-3)


def test_reviews_move_the_stored_aggregates(world, settings):
    """Through the services: three residents rate one provider 5, 4 and 1."""
    settings.RATING_PRIOR_WEIGHT = 10
    people = [resident_of(world["home"]) for _ in range(3)]
    demand = delivered_demand(world, served=people)
    for person, level in zip(people, (5, 4, 1), strict=True):
        services.review_create(
            actor=person, service_kind="demand", service_id=demand.pk, level=level
        )
    rating = rating_get(provider_type=ProviderType.ORGANIZATION, provider_id=world["provider"].pk)
    # Only these three reviews on the platform: m = 10 / 3; Bayesian = (10 × 10/3 + 10) / 13.
    assert rating.count == 3
    assert rating.prior_mean == pytest.approx(10 / 3)
    assert rating.bayesian == pytest.approx((100 / 3 + 10) / 13)
    assert rating.satisfaction_rate == pytest.approx(2 / 3)
    other = OrganizationFactory()
    shown = ratings_for(provider_type="organization", ids=[world["provider"].pk, other.pk])
    assert shown[world["provider"].pk] == rating
    # A provider without reviews sits at the platform mean.
    assert shown[other.pk].bayesian == pytest.approx(10 / 3)
    assert shown[other.pk].count == 0
