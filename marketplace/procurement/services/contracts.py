"""The contract: milestones delivered and accepted (or returned), payments recorded,
and the performance evaluation at the end."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.scope import scope_of
from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.core.transitions import transition_apply
from marketplace.core.validation import validated
from marketplace.procurement.models import (
    Contract,
    Milestone,
    MilestoneStatus,
    PaymentRecord,
    PerformanceEvaluation,
    Project,
)
from marketplace.procurement.selectors import contract_satisfaction
from marketplace.procurement.services.common import locked_project
from marketplace.procurement.states import is_project_purchaser
from marketplace.reviews.models import CreditEventKind
from marketplace.reviews.services import credit_event_record

HUNDRED = Decimal(100)
M = MilestoneStatus


@transaction.atomic
def contract_sign(*, actor, project: Project, milestones) -> Contract:
    """Sign with the winner once the objection period is over and no objection is open.
    `milestones`: [{title, deliverables, due_date, payment_share}], shares adding to 100."""
    project = locked_project(project)
    award = getattr(project, "award", None)
    if award is None:
        raise DomainError(_("Only an awarded project gets a contract."))
    if timezone.now() < award.standstill_ends_at:
        raise DomainError(_("The contract is signed after the objection period."))
    if project.objections.filter(answered_at__isnull=True).exists():
        raise DomainError(_("Answer every objection before signing."))
    if project.objections.filter(upheld=True).exists():
        raise DomainError(_("An objection was upheld: the award must be reviewed first."))
    if not milestones:
        raise DomainError(_("A contract needs at least one milestone."))
    shares = sum(Decimal(str(m["payment_share"])) for m in milestones)
    if shares != HUNDRED:
        raise DomainError(
            _("The milestones' payment shares must add up to 100%%; they add up to %(n)s%%.")
            % {"n": shares}
        )
    transition_apply(
        obj=project, name="sign_contract", actor=actor, event="procurement.contract.signed"
    )
    contract = Contract.objects.create(
        project=project,
        organization=award.bid.organization,
        amount=award.bid.price,
        signed_by=actor,
    )
    for order, values in enumerate(milestones):
        validated(Milestone(contract=contract, sort_order=order, **values)).save()
    return contract


def _milestone(milestone: Milestone) -> Milestone:
    return Milestone.objects.select_for_update().select_related("contract").get(pk=milestone.pk)


@transaction.atomic
def milestone_submit(*, actor, milestone: Milestone, evidence: str) -> Milestone:
    milestone = _milestone(milestone)
    if not scope_of(actor).acts_for_organization(milestone.contract.organization_id):
        raise NotPermitted(_("Only the undertaker delivers its milestones."))
    if milestone.status not in (M.PENDING, M.RETURNED):
        raise DomainError(_("This milestone is not waiting for delivery."))
    if not evidence.strip():
        raise DomainError(_("Describe what was delivered."), field="evidence")
    milestone.status, milestone.evidence = M.SUBMITTED, evidence.strip()
    milestone.submitted_at = timezone.now()
    milestone.save(update_fields=["status", "evidence", "submitted_at"])
    audit_record(actor=actor, event="procurement.milestone.submitted", target=milestone)
    return milestone


def _decide(actor, milestone: Milestone) -> Milestone:
    milestone = _milestone(milestone)
    if not is_project_purchaser(milestone.contract.project, actor):
        raise NotPermitted(_("Only the purchasing body accepts milestones."))
    if milestone.status != M.SUBMITTED:
        raise DomainError(_("Only a delivered milestone can be accepted or returned."))
    milestone.decided_by, milestone.decided_at = actor, timezone.now()
    return milestone


@transaction.atomic
def milestone_accept(*, actor, milestone: Milestone) -> Milestone:
    milestone = _decide(actor, milestone)
    milestone.status = M.ACCEPTED
    milestone.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(actor=actor, event="procurement.milestone.accepted", target=milestone)
    _credit_if_late(milestone, actor)
    project = locked_project(milestone.contract.project)
    if not milestone.contract.milestones.exclude(status=M.ACCEPTED).exists():
        transition_apply(
            obj=project, name="complete", actor=actor, event="procurement.project.completed"
        )
    return milestone


def _credit_if_late(milestone: Milestone, actor) -> None:
    """A deliverable handed in after its due date counts against the undertaker's credit."""
    delivered = timezone.localtime(milestone.submitted_at).date()
    if delivered > milestone.due_date:
        credit_event_record(
            organization_id=milestone.contract.organization_id,
            kind=CreditEventKind.MILESTONE_LATE,
            source=milestone,
            actor=actor,
            note=_("%(title)s: due %(due)s, delivered %(delivered)s")
            % {"title": milestone.title, "due": milestone.due_date, "delivered": delivered},
        )


@transaction.atomic
def milestone_return(*, actor, milestone: Milestone, reason: str) -> Milestone:
    if not reason.strip():
        raise DomainError(_("Say what must be reworked."), field="reason")
    milestone = _decide(actor, milestone)
    milestone.status, milestone.return_reason = M.RETURNED, reason.strip()
    milestone.save(update_fields=["status", "return_reason", "decided_by", "decided_at"])
    audit_record(
        actor=actor, event="procurement.milestone.returned", target=milestone, reason=reason
    )
    return milestone


@transaction.atomic
def payment_record(*, actor, milestone: Milestone, amount, paid_on) -> PaymentRecord:
    milestone = _milestone(milestone)
    contract = milestone.contract
    if not is_project_purchaser(contract.project, actor):
        raise NotPermitted(_("Only the purchasing body records payments."))
    if milestone.status != M.ACCEPTED:
        raise DomainError(_("Payments are recorded for accepted milestones only."))
    if paid_on is None:
        raise DomainError(_("Enter the date of the payment."), field="paid_on")
    if PaymentRecord.objects.filter(milestone=milestone).exists():
        raise DomainError(_("This milestone's payment is recorded already."))
    try:
        amount = Decimal(str(amount)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise DomainError(_("Enter the amount in yuan."), field="amount") from None
    due = (contract.amount * milestone.payment_share / HUNDRED).quantize(Decimal("0.01"))
    if amount <= 0 or amount > due:
        raise DomainError(
            _("The payment for this milestone is at most %(due)s yuan.") % {"due": due},
            field="amount",
        )
    record = PaymentRecord.objects.create(
        milestone=milestone, amount=amount, paid_on=paid_on, recorded_by=actor
    )
    audit_record(
        actor=actor, event="procurement.payment.recorded", target=record, amount=str(amount)
    )
    return record


@transaction.atomic
def performance_evaluate(
    *, actor, project: Project, indicators, satisfaction_weight=30
) -> PerformanceEvaluation:
    """Indicator scores (each 0–100, weights adding to 100) by the purchaser, combined with
    residents' satisfaction: the share of 满意 and 非常满意 among the residents' reviews of
    the contract's deliverables. total = indicators × (100 − w)% + satisfaction × w%;
    without reviews the indicators count alone. The grade feeds the undertaker's credit."""
    project = locked_project(project)
    weights = sum(Decimal(str(i["weight"])) for i in indicators)
    if not indicators or weights != HUNDRED:
        raise DomainError(_("The indicators' weights must add up to 100."))
    for item in indicators:
        if not 0 <= Decimal(str(item["score"])) <= 100:
            raise DomainError(_("“%(name)s” is scored from 0 to 100.") % {"name": item["name"]})
    indicator_score = sum(
        Decimal(str(i["weight"])) * Decimal(str(i["score"])) / HUNDRED for i in indicators
    )
    satisfaction = contract_satisfaction(project).percent
    if satisfaction is None:
        total = indicator_score
    else:
        w = Decimal(str(satisfaction_weight)) / HUNDRED
        total = indicator_score * (1 - w) + satisfaction * w
    transition_apply(
        obj=project, name="evaluate", actor=actor, event="procurement.project.evaluated"
    )
    evaluation = PerformanceEvaluation.objects.create(
        project=project,
        indicators=[
            {**i, "weight": str(i["weight"]), "score": str(i["score"])} for i in indicators
        ],
        indicator_score=indicator_score.quantize(Decimal("0.01")),
        satisfaction=satisfaction,
        total=total.quantize(Decimal("0.01")),
        evaluated_by=actor,
    )
    credit_event_record(
        organization_id=project.contract.organization_id,
        kind=performance_grade(evaluation.total),
        source=evaluation,
        actor=actor,
        note=project.title,
    )
    return evaluation


def performance_grade(total: Decimal) -> str:
    """优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, else 不合格 — the usual grades of 绩效评价."""
    if total >= 90:
        return CreditEventKind.PERFORMANCE_EXCELLENT
    if total >= 80:
        return CreditEventKind.PERFORMANCE_GOOD
    if total >= 60:
        return CreditEventKind.PERFORMANCE_PASS
    return CreditEventKind.PERFORMANCE_FAIL
