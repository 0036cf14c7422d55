"""Setting up (立项) and publishing purchased-service projects."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.scope import scope_of
from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.core.transitions import transition_apply, transition_with_reason
from marketplace.core.validation import validated
from marketplace.organizations.models import OrganizationType
from marketplace.procurement import sealing, signals
from marketplace.procurement.models import Criterion, Project, ProjectStatus, TenderKey
from marketplace.procurement.services.common import locked_project

PROJECT_FIELDS = (
    "purchaser",
    "title",
    "purpose",
    "category",
    "budget",
    "funding_source",
    "service_starts",
    "service_ends",
    "eligible_types",
    "qualifications",
    "required_documents",
    "price_weight",
    "tie_break",
    "bid_deadline",
    "opening_at",
    "standstill_days",
)
FULL_MARKS = Decimal(100)


def _require_purchaser_staff(actor, purchaser) -> None:
    if purchaser is None or purchaser.type != OrganizationType.PURCHASER:
        raise DomainError(_("Choose the purchasing body."), field="purchaser")
    if not scope_of(actor).acts_for_organization(purchaser.pk):
        raise NotPermitted(_("Only the purchasing body's staff manage its projects."))


def _set_criteria(project: Project, criteria) -> None:
    project.criteria.all().delete()
    for order, item in enumerate(criteria):
        validated(
            Criterion(
                project=project,
                name=item["name"],
                description=item.get("description", ""),
                max_score=Decimal(str(item["max_score"])),
                sort_order=order,
            ),
            exclude=["project"],
        ).save()


@transaction.atomic
def project_create(*, actor, criteria=(), communities=(), **fields) -> Project:
    project = Project(created_by=actor, **{k: v for k, v in fields.items() if k in PROJECT_FIELDS})
    _require_purchaser_staff(actor, project.purchaser if project.purchaser_id else None)
    validated(project)
    project.save()
    project.communities.set(communities)
    _set_criteria(project, criteria)
    audit_record(actor=actor, event="procurement.project.created", target=project)
    return project


@transaction.atomic
def project_update(*, actor, project: Project, criteria=None, communities=None, **fields):
    project = locked_project(project)
    _require_purchaser_staff(actor, project.purchaser)
    if project.status != ProjectStatus.PLANNING:
        raise DomainError(_("A project can be changed only while it is being planned."))
    changed = [name for name in PROJECT_FIELDS if name in fields and name != "purchaser"]
    for name in changed:
        setattr(project, name, fields[name])
    validated(project)
    project.save(update_fields=[*changed, "updated_at"])
    if communities is not None:
        project.communities.set(communities)
    if criteria is not None:
        _set_criteria(project, criteria)
    audit_record(actor=actor, event="procurement.project.updated", target=project, fields=changed)
    return project


def _check_ready(project: Project) -> None:
    criteria = list(project.criteria.all())
    if not criteria:
        raise DomainError(_("Add at least one technical criterion."))
    total = project.price_weight + sum(c.max_score for c in criteria)
    if total != FULL_MARKS:
        raise DomainError(
            _("The price score and the criteria must add up to 100 points; they add up to %(n)s.")
            % {"n": total}
        )
    if project.bid_deadline <= timezone.now():
        raise DomainError(_("The bid deadline must be in the future."), field="bid_deadline")
    if not project.eligible_types:
        raise DomainError(_("Say which kinds of organization may bid."), field="eligible_types")


@transaction.atomic
def project_publish(*, actor, project: Project) -> Project:
    """Open the tender: the project gets its sealing key, and bids may come in."""
    project = locked_project(project)
    _check_ready(project)
    project.published_at = timezone.now()
    transition_apply(
        obj=project,
        name="publish",
        actor=actor,
        event="procurement.project.published",
        fields=("published_at",),
    )
    public_key, sealed_private_key = sealing.new_key_pair(project.pk)
    TenderKey.objects.create(
        project=project, public_key=public_key, sealed_private_key=sealed_private_key
    )
    project_id = project.pk
    transaction.on_commit(
        lambda: signals.project_published.send(sender=Project, project_id=project_id)
    )
    return project


@transaction.atomic
def project_cancel(*, actor, project: Project, reason: str) -> Project:
    if not reason.strip():
        raise DomainError(_("Say why the project is cancelled."), field="reason")
    project = locked_project(project)
    transition_with_reason(
        obj=project,
        name="cancel",
        actor=actor,
        event="procurement.project.cancelled",
        reason=reason,
    )
    return project
