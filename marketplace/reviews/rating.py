"""How a provider's rating is shown: the formulas, in one place.

Levels are scored 5 (非常满意) … 1 (非常不满意).

- Bayesian average: (C × m + Σ levels) / (C + n), where n is the provider's number of
  counted reviews, m the platform-wide mean of every counted review (3, the middle of
  the scale, while the platform has none) and C the prior weight, settings
  RATING_PRIOR_WEIGHT (10: a provider's own mean outweighs the platform's once it has
  more than ten reviews). New providers start at the platform mean instead of at the
  mercy of one review.
- Satisfaction rate: the share of 满意 and 非常满意 among counted reviews.
- Wilson lower bound (95 %, z = 1.96) of that rate: the rate we are fairly sure the
  provider reaches, which is low while reviews are few.

A review counts unless staff removed it as abusive; hidden text still counts.
"""

import math
from dataclasses import dataclass

from django.conf import settings

Z_95 = 1.959963984540054
NEUTRAL_MEAN = 3.0


def total(counts: dict[int, int]) -> int:
    return sum(counts.values())


def level_sum(counts: dict[int, int]) -> int:
    return sum(level * n for level, n in counts.items())


def mean(counts: dict[int, int], default: float = NEUTRAL_MEAN) -> float:
    n = total(counts)
    return level_sum(counts) / n if n else default


def bayesian_average(counts: dict[int, int], *, prior_mean: float, prior_weight: float) -> float:
    return (prior_weight * prior_mean + level_sum(counts)) / (prior_weight + total(counts))


def satisfied(counts: dict[int, int]) -> int:
    return counts.get(4, 0) + counts.get(5, 0)


def satisfaction_rate(counts: dict[int, int]) -> float | None:
    n = total(counts)
    return satisfied(counts) / n if n else None


def wilson_lower_bound(successes: int, n: int, z: float = Z_95) -> float:
    if n == 0:
        return 0.0
    p = successes / n
    z2 = z * z
    centre = p + z2 / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return (centre - margin) / (1 + z2 / n)


@dataclass(frozen=True)
class Rating:
    """A provider's rating as pages show it."""

    count: int
    mean: float | None
    bayesian: float
    satisfaction_rate: float | None
    wilson_lower: float
    prior_mean: float
    prior_weight: int

    @property
    def stars(self) -> float:
        """The Bayesian average rounded to a half, for the star display."""
        return round(self.bayesian * 2) / 2


def rating_from_counts(counts: dict[int, int], *, platform_counts: dict[int, int]) -> Rating:
    prior_mean = mean(platform_counts)
    prior_weight = settings.RATING_PRIOR_WEIGHT
    n = total(counts)
    return Rating(
        count=n,
        mean=mean(counts) if n else None,
        bayesian=bayesian_average(counts, prior_mean=prior_mean, prior_weight=prior_weight),
        satisfaction_rate=satisfaction_rate(counts),
        wilson_lower=wilson_lower_bound(satisfied(counts), n),
        prior_mean=prior_mean,
        prior_weight=prior_weight,
    )
