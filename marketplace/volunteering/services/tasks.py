"""Creating, changing, publishing and cancelling tasks and their shifts."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError
from marketplace.core.transitions import transition_apply, transition_with_reason
from marketplace.core.validation import validated
from marketplace.volunteering.models import (
    ACTIVE_SIGNUP_STATUSES,
    Shift,
    Signup,
    SignupStatus,
    Task,
    TaskStatus,
)
from marketplace.volunteering.services.common import (
    locked_shift,
    locked_task,
    notify_signups,
    require_manager,
)
from marketplace.volunteering.services.signups import promote_waitlisted

TASK_FIELDS = (
    "title",
    "category",
    "description",
    "community",
    "organization",
    "place",
    "latitude",
    "longitude",
    "min_age",
    "max_age",
    "qualifications",
    "contact_name",
    "contact_phone",
    "requires_approval",
)
SHIFT_FIELDS = ("starts_at", "ends_at", "capacity", "signup_deadline")
OPEN_FOR_CHANGES = (TaskStatus.DRAFT, TaskStatus.PUBLISHED)


@transaction.atomic
def task_create(*, actor, shifts=(), required_skills=(), **fields) -> Task:
    """A draft task of the actor's community or organization, with its shifts."""
    task = Task(created_by=actor, **{k: v for k, v in fields.items() if k in TASK_FIELDS})
    require_manager(actor, task)
    validated(task)
    task.save()
    task.required_skills.set(required_skills)
    for shift in shifts:
        _shift_create(task, shift)
    audit_record(actor=actor, event="volunteering.task.created", target=task)
    return task


def _shift_create(task: Task, values: dict) -> Shift:
    shift = validated(Shift(task=task, **{k: v for k, v in values.items() if k in SHIFT_FIELDS}))
    if shift.starts_at <= timezone.now():
        raise DomainError(_("A new shift must start in the future."), field="starts_at")
    shift.save()
    return shift


@transaction.atomic
def task_update(*, actor, task: Task, required_skills=None, **fields) -> Task:
    task = locked_task(task)
    require_manager(actor, task)
    if task.status not in OPEN_FOR_CHANGES:
        raise DomainError(_("A cancelled or completed task cannot be changed."))
    changed = [name for name in TASK_FIELDS if name in fields]
    for name in changed:
        setattr(task, name, fields[name])
    require_manager(actor, task)  # also for the community or organization it moves to
    validated(task)
    task.save(update_fields=[*changed, "updated_at"])
    if required_skills is not None:
        task.required_skills.set(required_skills)
    audit_record(actor=actor, event="volunteering.task.updated", target=task, fields=changed)
    return task


@transaction.atomic
def shift_add(*, actor, task: Task, **values) -> Shift:
    task = locked_task(task)
    require_manager(actor, task)
    if task.status not in OPEN_FOR_CHANGES:
        raise DomainError(_("A cancelled or completed task cannot be changed."))
    shift = _shift_create(task, values)
    audit_record(actor=actor, event="volunteering.shift.added", target=shift)
    return shift


@transaction.atomic
def shift_update(*, actor, shift: Shift, **values) -> Shift:
    """Change a shift's time or places. A new time is announced to everyone signed up;
    more places promote the waiting list; fewer than already confirmed is refused."""
    shift = locked_shift(shift)
    require_manager(actor, shift.task)
    if shift.task.status not in OPEN_FOR_CHANGES:
        raise DomainError(_("A cancelled or completed task cannot be changed."))
    before = (shift.starts_at, shift.ends_at)
    changed = [name for name in SHIFT_FIELDS if name in values]
    for name in changed:
        setattr(shift, name, values[name])
    if shift.capacity < shift.confirmed_count:
        raise DomainError(
            _("%(n)s volunteers are already confirmed; places cannot go below that.")
            % {"n": shift.confirmed_count},
            field="capacity",
        )
    validated(shift)
    shift.save(update_fields=[*changed, "updated_at"])
    promoted = promote_waitlisted(shift)
    if (shift.starts_at, shift.ends_at) != before:
        active = shift.signups.filter(status__in=ACTIVE_SIGNUP_STATUSES).exclude(
            pk__in=[s.pk for s in promoted]
        )
        notify_signups(
            active.select_related("volunteer", "shift__task"), "volunteering.shift.changed"
        )
    audit_record(actor=actor, event="volunteering.shift.updated", target=shift, fields=changed)
    return shift


@transaction.atomic
def task_publish(*, actor, task: Task) -> Task:
    task = locked_task(task)
    if not task.shifts.exists():
        raise DomainError(_("Add at least one shift before publishing."))
    task.published_at = timezone.now()
    transition_apply(
        obj=task,
        name="publish",
        actor=actor,
        event="volunteering.task.published",
        fields=("published_at",),
    )
    return task


@transaction.atomic
def task_complete(*, actor, task: Task) -> Task:
    """Close a task once its shifts are over; it stays on the site as finished."""
    task = locked_task(task)
    if task.shifts.filter(ends_at__gt=timezone.now()).exists():
        raise DomainError(_("A task with shifts still to come cannot be completed."))
    transition_apply(obj=task, name="complete", actor=actor, event="volunteering.task.completed")
    return task


@transaction.atomic
def task_cancel(*, actor, task: Task, reason: str) -> Task:
    """Cancel the task: every sign-up is released and told why."""
    if not reason.strip():
        raise DomainError(_("Say why the task is cancelled."), field="reason")
    task = locked_task(task)
    transition_with_reason(
        obj=task, name="cancel", actor=actor, event="volunteering.task.cancelled", reason=reason
    )
    released = list(
        Signup.objects.select_for_update(of=("self",))
        .filter(shift__task=task, status__in=ACTIVE_SIGNUP_STATUSES)
        .select_related("volunteer", "shift__task")
    )
    Signup.objects.filter(pk__in=[s.pk for s in released]).update(
        status=SignupStatus.CANCELLED,
        cancelled_at=timezone.now(),
        reason=task.cancel_reason,
        updated_at=timezone.now(),
    )
    task.shifts.update(confirmed_count=0)
    notify_signups(released, "volunteering.task.cancelled", reason=task.cancel_reason)
    return task
