"""Clarifications (答疑): questions from would-be bidders, answers published to all."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.procurement.models import Clarification, Project, ProjectStatus
from marketplace.procurement.states import is_project_purchaser


@transaction.atomic
def clarification_ask(*, actor, project: Project, question: str) -> Clarification:
    if not actor.is_authenticated:
        raise NotPermitted(_("Sign in to ask a question."))
    if project.status != ProjectStatus.TENDERING or timezone.now() >= project.bid_deadline:
        raise DomainError(_("Questions are taken while the tender is open."))
    if not question.strip():
        raise DomainError(_("Write your question."), field="question")
    clarification = Clarification.objects.create(
        project=project, question=question.strip(), asked_by=actor
    )
    audit_record(actor=actor, event="procurement.clarification.asked", target=clarification)
    return clarification


@transaction.atomic
def clarification_answer(*, actor, clarification: Clarification, answer: str) -> Clarification:
    clarification = Clarification.objects.select_for_update().get(pk=clarification.pk)
    if not is_project_purchaser(clarification.project, actor):
        raise NotPermitted(_("Only the purchasing body answers questions."))
    if not answer.strip():
        raise DomainError(_("Write the answer."), field="answer")
    if clarification.answered_at is not None:
        raise DomainError(_("This question has been answered."))
    clarification.answer, clarification.answered_at = answer.strip(), timezone.now()
    clarification.save(update_fields=["answer", "answered_at"])
    audit_record(actor=actor, event="procurement.clarification.answered", target=clarification)
    return clarification
