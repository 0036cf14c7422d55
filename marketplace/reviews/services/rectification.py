"""Bad-review rectification: open, answer, accept, escalate when overdue, close."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError
from marketplace.core.transitions import transition_apply
from marketplace.notifications.services import notify
from marketplace.reviews.models import CaseStatus, CreditEventKind, Level, RectificationCase, Review
from marketplace.reviews.registry import ProviderType
from marketplace.reviews.services.common import provider_people, staff_of_region
from marketplace.reviews.services.credit import credit_event_record
from marketplace.reviews.states import oversight_region_id

# An answered case the reviewer neither accepts nor revises closes on its own after this.
ANSWERED_CLOSES_AFTER = timedelta(days=14)


def _case_data(case: RectificationCase) -> dict:
    review = case.review
    return {
        "service": review.service_title,
        "provider": review.provider_name,
        "level": str(Level(review.level).label),
        "due": date_format(timezone.localtime(case.due_at), "SHORT_DATETIME_FORMAT"),
        "answer": case.answer,
    }


def _cases_url() -> str:
    from django.urls import reverse

    return reverse("reviews:cases")


def case_open(*, review: Review, now=None) -> RectificationCase:
    """Open the case for a bad review (inside the caller's transaction) and tell the provider."""
    now = now or timezone.now()
    case = RectificationCase.objects.create(
        review=review, due_at=now + timedelta(days=settings.RECTIFICATION_DAYS)
    )
    audit_record(actor=None, event="reviews.case.opened", target=case, due=case.due_at.isoformat())
    notify(
        users=provider_people(review.provider_type, review.provider_id),
        kind="reviews.case.opened",
        data=_case_data(case),
        url=_cases_url(),
    )
    return case


def _locked(case: RectificationCase) -> RectificationCase:
    return (
        RectificationCase.objects.select_for_update(of=("self",))
        .select_related("review")
        .get(pk=case.pk)
    )


@transaction.atomic
def case_answer(*, actor, case: RectificationCase, answer: str, fixed: str) -> RectificationCase:
    """The provider answers a bad review and says what was fixed; the reviewer is told."""
    case = _locked(case)
    if case.status == CaseStatus.CLOSED:
        raise DomainError(_("This case is closed; it can no longer be answered."))
    if not answer.strip():
        raise DomainError(_("Write your answer to the reviewer."), field="answer")
    if not fixed.strip():
        raise DomainError(_("Say what was fixed or changed."), field="fixed")
    case.answer, case.fixed = answer.strip(), fixed.strip()
    case.answered_by, case.answered_at = actor, timezone.now()
    transition_apply(
        obj=case,
        name="answer_case",
        actor=actor,
        event="reviews.case.answered",
        fields=("answer", "fixed", "answered_by", "answered_at"),
        late=case.escalated_at is not None,
    )
    notify(
        users=[case.review.reviewer],
        kind="reviews.case.answered",
        data=_case_data(case),
        url=_cases_url(),
    )
    return case


@transaction.atomic
def case_accept(*, actor, case: RectificationCase) -> RectificationCase:
    """The reviewer accepts the provider's answer and keeps their rating."""
    case = _locked(case)
    case.closed_at = timezone.now()
    transition_apply(
        obj=case, name="accept", actor=actor, event="reviews.case.accepted", fields=("closed_at",)
    )
    return case


def case_close_by_system(*, case: RectificationCase, why: str) -> None:
    """Close a case because the review was revised or removed (caller holds the transaction)."""
    case = _locked(case)
    if case.status == CaseStatus.CLOSED:
        return
    source = case.status
    case.close()
    case.closed_at = timezone.now()
    case.save(update_fields=["status", "closed_at", "updated_at"])
    audit_record(actor=None, event="reviews.case.closed", target=case, source=source, why=why)


@transaction.atomic
def cases_escalate_overdue(*, now=None) -> dict[str, int]:
    """Escalate open cases past their deadline (once each): community staff are told and
    an organization's credit records it. Close answered cases left 14 days unacknowledged.
    Safe to repeat; meant for a cron every few minutes."""
    now = now or timezone.now()
    overdue = list(
        RectificationCase.objects.select_for_update(of=("self",))
        .select_related("review__community")
        .filter(status=CaseStatus.OPEN, escalated_at__isnull=True, due_at__lt=now)
    )
    for case in overdue:
        _escalate(case, now)
    stale = list(
        RectificationCase.objects.select_for_update(of=("self",))
        .select_related("review")
        .filter(status=CaseStatus.ANSWERED, answered_at__lt=now - ANSWERED_CLOSES_AFTER)
    )
    for case in stale:
        case_close_by_system(case=case, why="unacknowledged")
    return {"escalated": len(overdue), "closed": len(stale)}


def _escalate(case: RectificationCase, now) -> None:
    review = case.review
    case.escalated_at = now
    case.save(update_fields=["escalated_at", "updated_at"])
    audit_record(actor=None, event="reviews.case.escalated", target=case)
    if review.provider_type == ProviderType.ORGANIZATION:
        credit_event_record(
            organization_id=review.provider_id,
            kind=CreditEventKind.RECTIFICATION_OVERDUE,
            source=case,
            occurred_at=now,
            note=review.service_title,
        )
    notify(
        users=staff_of_region(oversight_region_id(review)),
        kind="reviews.case.escalated",
        data=_case_data(case),
        url=_cases_url(),
    )
