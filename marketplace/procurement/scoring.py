"""The composite scoring method (综合评分法), as the evaluation report shows it.

  price score  = price_weight × lowest valid price ÷ this bid's price
                 (the lowest valid price gets the full price_weight)
  technical    = Σ over criteria of the mean of the evaluators' points
  total        = price score + technical
Ranks by total, highest first; a tie is broken by the rule the notice stated.
Figures are kept as Decimals and rounded to two places only for display.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from marketplace.procurement.models import BidStatus, Project, Score, TieBreak

TWO = Decimal("0.01")  # figures are rounded to this for display and the report


@dataclass
class BidResult:
    bid: object
    price_score: Decimal
    criterion_means: dict  # criterion id → mean points
    technical: Decimal
    total: Decimal
    rank: int = 0
    sheets: dict = field(default_factory=dict)  # evaluator id → {criterion id: points}


def evaluation_results(project: Project) -> list[BidResult]:
    bids = list(
        project.bids.filter(status=BidStatus.SUBMITTED, opened_at__isnull=False)
        .select_related("organization")
        .order_by("submitted_at", "pk")
    )
    if not bids:
        return []
    criteria = list(project.criteria.all())
    evaluators = [e for e in project.evaluators.all() if e.sheet_submitted_at]
    points = {}
    for score in Score.objects.filter(evaluator__in=evaluators, bid__project=project):
        points[(score.evaluator_id, score.bid_id, score.criterion_id)] = score.points
    lowest = min(b.price for b in bids)
    results = []
    for bid in bids:
        sheets = {e.pk: {c.pk: points[(e.pk, bid.pk, c.pk)] for c in criteria} for e in evaluators}
        means = {
            c.pk: (sum(s[c.pk] for s in sheets.values()) / len(evaluators)) if evaluators else 0
            for c in criteria
        }
        technical = sum(means.values(), Decimal(0))
        price_score = project.price_weight * lowest / bid.price
        results.append(
            BidResult(bid, price_score, means, technical, price_score + technical, sheets=sheets)
        )
    results.sort(key=lambda r: (-r.total, *_tie_break(project.tie_break, r)))
    for rank, result in enumerate(results, start=1):
        result.rank = rank
    return results


def _tie_break(rule: str, result: BidResult) -> tuple:
    if rule == TieBreak.TECHNICAL:
        return (-result.technical, result.bid.submitted_at)
    if rule == TieBreak.PRICE:
        return (result.bid.price, result.bid.submitted_at)
    return (result.bid.submitted_at,)
