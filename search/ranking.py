"""How results are ordered: every weight in one place, the same for every backend.

    score = TEXT × relevance (the text score over the best one in the result set, 0…1)
          + RATING × (provider's Bayesian rating − 1) / 4               (0…1)
          + DISTANCE × 0.5 ^ (distance / DISTANCE_HALF_KM)²  when a point is given
          + FRESHNESS × 0.5 ^ (age / FRESHNESS_HALF_DAYS)

Staff can see the parts of each result's score ("explain").
"""

from dataclasses import dataclass

TEXT = 1.0
TITLE_WEIGHT = 3.0  # a word in the title counts this many times one in the text
RATING = 0.3
DISTANCE = 0.6
FRESHNESS = 0.15
DISTANCE_HALF_KM = 1.0  # a place 1 km away keeps half the distance bonus
FRESHNESS_HALF_DAYS = 30.0
NEUTRAL_RATING = 3.0


@dataclass(frozen=True)
class Parts:
    text: float
    rating: float
    distance: float
    freshness: float

    @property
    def total(self) -> float:
        return self.text + self.rating + self.distance + self.freshness

    def as_dict(self) -> dict:
        return {
            "text": round(self.text, 4),
            "rating": round(self.rating, 4),
            "distance": round(self.distance, 4),
            "freshness": round(self.freshness, 4),
            "total": round(self.total, 4),
        }


def score(
    *, relevance: float, rating: float | None, distance_km: float | None, age_days: float | None
) -> Parts:
    rating = NEUTRAL_RATING if rating is None else rating
    return Parts(
        text=TEXT * relevance,
        rating=RATING * max(0.0, min(1.0, (rating - 1) / 4)),
        distance=0.0
        if distance_km is None
        else DISTANCE * 0.5 ** ((distance_km / DISTANCE_HALF_KM) ** 2),
        freshness=0.0
        if age_days is None
        else FRESHNESS * 0.5 ** (max(age_days, 0) / FRESHNESS_HALF_DAYS),
    )
