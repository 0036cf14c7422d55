"""The evaluation panel: appointment with conflict checks, declarations, score sheets.

The result itself (price scores, totals, ranking) is computed in procurement.scoring.
"""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.organizations.models import Membership
from marketplace.procurement.models import BidStatus, Evaluator, Project, ProjectStatus, Score
from marketplace.procurement.services.common import locked_project
from marketplace.procurement.states import is_project_purchaser

MIN_PANEL = 3


def _conflict(project: Project, user) -> str | None:
    """The bidding organization this person belongs to, if any."""
    bidders = project.bids.values("organization")
    membership = (
        Membership.objects.filter(user=user, organization__in=bidders)
        .select_related("organization")
        .first()
    )
    return membership.organization.name if membership else None


@transaction.atomic
def panel_appoint(*, actor, project: Project, user) -> Evaluator:
    project = locked_project(project)
    if not is_project_purchaser(project, actor):
        raise NotPermitted(_("Only the purchasing body appoints the panel."))
    if project.status not in (ProjectStatus.TENDERING, ProjectStatus.EVALUATING):
        raise DomainError(_("The panel is appointed while the tender is open or being evaluated."))
    if project.evaluators.filter(user=user).exists():
        raise DomainError(_("This person is on the panel already."), field="user")
    bidder = _conflict(project, user)
    if bidder:
        raise DomainError(
            _("%(person)s belongs to %(org)s, which has bid: a conflict of interest.")
            % {"person": user, "org": bidder},
            field="user",
        )
    evaluator = Evaluator.objects.create(project=project, user=user, appointed_by=actor)
    audit_record(actor=actor, event="procurement.panel.appointed", target=evaluator)
    return evaluator


@transaction.atomic
def evaluator_declare(
    *, actor, project: Project, no_conflict: bool, statement: str = ""
) -> Evaluator:
    """The evaluator declares no conflict of interest with any bidder (checked again)."""
    if not no_conflict:
        raise DomainError(
            _("Declare that you have no conflict of interest with any bidder."),
            field="no_conflict",
        )
    evaluator = Evaluator.objects.select_for_update().filter(project=project, user=actor).first()
    if evaluator is None:
        raise NotPermitted(_("You are not on this project's panel."))
    bidder = _conflict(project, actor)
    if bidder:
        raise DomainError(
            _("You belong to %(org)s, which has bid: you cannot evaluate this tender.")
            % {"org": bidder}
        )
    evaluator.declared_at, evaluator.declaration = timezone.now(), statement.strip()
    evaluator.save(update_fields=["declared_at", "declaration"])
    audit_record(actor=actor, event="procurement.panel.declared", target=evaluator)
    return evaluator


def _points(value, criterion) -> Decimal:
    try:
        points = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise DomainError(_("Scores are numbers.")) from None
    if not Decimal(0) <= points <= criterion.max_score:
        raise DomainError(
            _("“%(criterion)s” is scored from 0 to %(max)s; %(points)s is outside that.")
            % {"criterion": criterion.name, "max": criterion.max_score, "points": points}
        )
    return points


@transaction.atomic
def score_sheet_submit(*, actor, project: Project, scores: dict, comments=None) -> Evaluator:
    """An evaluator's whole sheet at once: {(bid id, criterion id): points} for every
    opened bid and every criterion. It is final once sent; evaluators score
    independently and see no one else's sheet before the report."""
    project = locked_project(project)
    evaluator = Evaluator.objects.select_for_update().filter(project=project, user=actor).first()
    if evaluator is None:
        raise NotPermitted(_("You are not on this project's panel."))
    if project.status != ProjectStatus.EVALUATING:
        raise DomainError(_("Scoring happens after the bids are opened."))
    if evaluator.declared_at is None:
        raise DomainError(_("Declare that you have no conflict of interest first."))
    if evaluator.sheet_submitted_at is not None:
        raise DomainError(_("Your score sheet has been sent and is final."))
    bids = list(project.bids.filter(status=BidStatus.SUBMITTED, opened_at__isnull=False))
    criteria = list(project.criteria.all())
    cells = {(b.pk, c.pk): (b, c) for b in bids for c in criteria}
    if set(scores) != set(cells):
        raise DomainError(_("Score every bid on every criterion, and nothing else."))
    comments = comments or {}
    Score.objects.bulk_create(
        Score(
            evaluator=evaluator,
            bid=bid,
            criterion=criterion,
            points=_points(scores[key], criterion),
            comment=comments.get(key, ""),
        )
        for key, (bid, criterion) in cells.items()
    )
    evaluator.sheet_submitted_at = timezone.now()
    evaluator.save(update_fields=["sheet_submitted_at"])
    audit_record(actor=actor, event="procurement.panel.scored", target=evaluator)
    return evaluator
