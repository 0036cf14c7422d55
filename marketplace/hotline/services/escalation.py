"""Escalating overdue requests to the street (the street office supervises its communities).

A request is late to respond once `respond_by` has passed while it is still submitted,
and late to resolve once `resolve_by` has passed while it is still open. Each lateness
escalates once: `escalation_reason` records the latest one, so a run finds only requests
whose current lateness is not yet recorded. A deadline is met up to and including its
exact moment.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from marketplace.core.audit import audit_record
from marketplace.hotline.models import (
    OPEN_STATUSES,
    EscalationReason,
    EventKind,
    Request,
    RequestStatus,
)
from marketplace.hotline.services.common import (
    detail_url,
    notice_data,
    notify_resident,
    staff_by_region,
    timeline_add,
)
from marketplace.notifications.services import notify

R = EscalationReason


def _overdue(now) -> Q:
    late_resolution = Q(status__in=OPEN_STATUSES, resolve_by__lt=now) & ~Q(
        escalation_reason=R.LATE_RESOLUTION
    )
    late_response = Q(status=RequestStatus.SUBMITTED, respond_by__lt=now, escalation_reason="")
    return late_resolution | late_response


@transaction.atomic
def requests_escalate_overdue(*, now=None) -> dict[str, int]:
    """Escalate every request whose lateness is not yet escalated; tell the street's
    staff, the community's staff and the resident. Safe to run as often as you like."""
    now = now or timezone.now()
    due = list(
        Request.objects.select_for_update(of=("self",))
        .filter(_overdue(now))
        .select_related("community", "category", "resident")
        .order_by("pk")
    )
    staff = staff_by_region(
        [r.community_id for r in due]
        + [r.community.parent_id for r in due if r.community.parent_id]
    )
    counts = {R.LATE_RESPONSE.value: 0, R.LATE_RESOLUTION.value: 0}
    for resident_request in due:
        reason = R.LATE_RESOLUTION if resident_request.resolve_by < now else R.LATE_RESPONSE
        if _escalate(resident_request, reason=reason, now=now, staff=staff):
            counts[reason.value] += 1
    return counts


def _escalate(resident_request: Request, *, reason: EscalationReason, now, staff) -> bool:
    # A conditional update: a concurrent run that got here first has changed the reason.
    updated = Request.objects.filter(
        pk=resident_request.pk, escalation_reason=resident_request.escalation_reason
    ).update(escalated_at=now, escalation_reason=reason, updated_at=now)
    if not updated:
        return False
    resident_request.escalated_at, resident_request.escalation_reason = now, reason
    # The note is the reason's code: the timeline shows it in each reader's language.
    timeline_add(resident_request, kind=EventKind.ESCALATED, actor=None, note=reason.value, at=now)
    audit_record(
        actor=None,
        event="hotline.request.escalated",
        target=resident_request,
        reason=reason.value,
        deadline=(
            resident_request.resolve_by
            if reason == R.LATE_RESOLUTION
            else resident_request.respond_by
        ).isoformat(),
    )
    community = resident_request.community
    people = {
        user.pk: user for user in staff.get(community.parent_id, []) + staff.get(community.pk, [])
    }
    notify(
        users=people.values(),
        kind="hotline.request.escalated",
        data=notice_data(resident_request, reason=reason.value),
        url=detail_url(resident_request),
    )
    notify_resident(resident_request, "hotline.request.escalated_notice")
    return True
