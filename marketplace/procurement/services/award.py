"""Award (定标) with its published evaluation report, and objections (质疑)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.scope import scope_of
from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.core.transitions import transition_apply
from marketplace.procurement import signals
from marketplace.procurement.models import Award, Objection, Project, ProjectStatus
from marketplace.procurement.scoring import TWO, evaluation_results
from marketplace.procurement.services.common import locked_project
from marketplace.procurement.services.evaluation import MIN_PANEL
from marketplace.procurement.states import is_project_purchaser


def _report(project: Project, results) -> dict:
    """The evaluation report as published: formula, every sheet, totals and ranks."""
    criteria = list(project.criteria.all())
    evaluators = {e.pk: str(e.user) for e in project.evaluators.select_related("user")}
    return {
        "formula": "price score = price_weight × lowest price ÷ price; "
        "total = price score + Σ mean criterion points",
        "price_weight": str(project.price_weight),
        "tie_break": project.tie_break,
        "criteria": [{"id": c.pk, "name": c.name, "points": str(c.max_score)} for c in criteria],
        "rows": [
            {
                "rank": r.rank,
                "bid": r.bid.pk,
                "organization": r.bid.organization.name,
                "price": str(r.bid.price),
                "price_score": str(r.price_score.quantize(TWO)),
                "technical": str(r.technical.quantize(TWO)),
                "total": str(r.total.quantize(TWO)),
                "sheets": {
                    evaluators[e]: {str(c): str(p) for c, p in sheet.items()}
                    for e, sheet in r.sheets.items()
                },
            }
            for r in results
        ],
    }


@transaction.atomic
def project_award(*, actor, project: Project) -> Award:
    """Award the top-ranked bid once at least three evaluators have all sent their sheets."""
    project = locked_project(project)
    if project.status != ProjectStatus.EVALUATING:
        raise DomainError(_("Only a project under evaluation can be awarded."))
    evaluators = list(project.evaluators.all())
    if len(evaluators) < MIN_PANEL:
        raise DomainError(_("The panel needs at least %(n)s evaluators.") % {"n": MIN_PANEL})
    if any(e.sheet_submitted_at is None for e in evaluators):
        raise DomainError(_("Every evaluator must send a score sheet first."))
    results = evaluation_results(project)
    if not results:
        raise DomainError(_("There is no valid bid to award."))
    transition_apply(
        obj=project,
        name="grant_award",
        actor=actor,
        event="procurement.project.awarded",
        winner=results[0].bid.organization_id,
    )
    award = Award.objects.create(
        project=project,
        bid=results[0].bid,
        awarded_by=actor,
        standstill_ends_at=timezone.now() + timedelta(days=project.standstill_days),
        report=_report(project, results),
    )
    project_id = project.pk
    transaction.on_commit(
        lambda: signals.project_awarded.send(sender=Project, project_id=project_id)
    )
    return award


@transaction.atomic
def objection_file(*, actor, project: Project, organization, text: str) -> Objection:
    if not scope_of(actor).acts_for_organization(organization.pk):
        raise NotPermitted(_("You can only object for your own organization."))
    if not project.bids.filter(organization=organization).exists():
        raise DomainError(_("Only a bidder in this tender can object to its award."))
    award = Award.objects.filter(project=project).first()
    if award is None or timezone.now() > award.standstill_ends_at:
        raise DomainError(_("Objections are accepted only during the objection period."))
    if not text.strip():
        raise DomainError(_("Say what you object to and why."), field="text")
    objection = Objection.objects.create(
        project=project, organization=organization, filed_by=actor, text=text.strip()
    )
    audit_record(actor=actor, event="procurement.objection.filed", target=objection)
    return objection


@transaction.atomic
def objection_answer(*, actor, objection: Objection, answer: str, upheld: bool) -> Objection:
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    if not is_project_purchaser(objection.project, actor):
        raise NotPermitted(_("Only the purchasing body answers objections."))
    if objection.answered_at is not None:
        raise DomainError(_("This objection has been answered."))
    if not answer.strip():
        raise DomainError(_("Write the answer."), field="answer")
    objection.answer, objection.upheld = answer.strip(), upheld
    objection.answered_by, objection.answered_at = actor, timezone.now()
    objection.save(update_fields=["answer", "upheld", "answered_by", "answered_at"])
    audit_record(
        actor=actor, event="procurement.objection.answered", target=objection, upheld=upheld
    )
    return objection
