"""Every write to demands and their responses."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.scope import scope_of
from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.core.transitions import transition_apply, transition_with_reason
from marketplace.core.validation import validated
from marketplace.demands.models import Demand, DemandResponse, DemandStatus, ResponseStatus

EDITABLE_STATUSES = {DemandStatus.DRAFT, DemandStatus.OPEN}
DEMAND_FIELDS = (  # in the order forms show them
    "community",
    "title",
    "category",
    "kind",
    "description",
    "beneficiaries_count",
    "place",
    "latitude",
    "longitude",
    "starts_at",
    "ends_at",
    "budget",
)


def _check_staff(actor, community_id) -> None:
    if not scope_of(actor).acts_for_community(community_id):
        raise NotPermitted(_("You can only manage demands of your own communities."))


def _locked(demand: Demand) -> Demand:
    return (
        Demand.objects.select_for_update(of=("self",))
        .select_related("accepted_response")
        .get(pk=demand.pk)
    )


@transaction.atomic
def demand_create(*, actor, **fields) -> Demand:
    """Community staff post a demand for one of their communities; it starts as a draft."""
    demand = Demand(created_by=actor, **{k: v for k, v in fields.items() if k in DEMAND_FIELDS})
    _check_staff(actor, demand.community_id)
    validated(demand, exclude=["accepted_response"])
    demand.save()
    audit_record(actor=actor, event="demands.demand.created", target=demand)
    return demand


@transaction.atomic
def demand_update(*, actor, demand: Demand, **fields) -> Demand:
    demand = _locked(demand)
    _check_staff(actor, demand.community_id)
    if demand.status not in EDITABLE_STATUSES:
        raise DomainError(_("Only a draft or open demand can be edited."))
    changed = [name for name in DEMAND_FIELDS if name in fields]
    for name in changed:
        setattr(demand, name, fields[name])
    _check_staff(actor, demand.community_id)
    validated(demand, exclude=["accepted_response"])
    demand.save(update_fields=[*changed, "updated_at"])
    audit_record(actor=actor, event="demands.demand.updated", target=demand, fields=changed)
    return demand


@transaction.atomic
def demand_publish(*, actor, demand: Demand) -> Demand:
    demand = _locked(demand)
    demand.published_at = timezone.now()
    transition_apply(
        obj=demand,
        name="publish",
        actor=actor,
        event="demands.demand.published",
        fields=("published_at",),
    )
    return demand


@transaction.atomic
def demand_cancel(*, actor, demand: Demand, reason: str) -> Demand:
    if not reason.strip():
        raise DomainError(_("Say why the demand is cancelled."), field="reason")
    demand = _locked(demand)
    transition_with_reason(
        obj=demand, name="cancel", actor=actor, event="demands.demand.cancelled", reason=reason
    )
    return demand


@transaction.atomic
def demand_start(*, actor, demand: Demand) -> Demand:
    demand = _locked(demand)
    transition_apply(obj=demand, name="start", actor=actor, event="demands.demand.started")
    return demand


@transaction.atomic
def demand_deliver(*, actor, demand: Demand) -> Demand:
    demand = _locked(demand)
    transition_apply(obj=demand, name="deliver", actor=actor, event="demands.demand.delivered")
    return demand


@transaction.atomic
def demand_close(*, actor, demand: Demand) -> Demand:
    """Community staff confirm delivery; the demand is closed."""
    demand = _locked(demand)
    transition_apply(obj=demand, name="close", actor=actor, event="demands.demand.closed")
    return demand


@transaction.atomic
def response_submit(
    *,
    actor,
    demand: Demand,
    message: str,
    organization=None,
    proposed_price: Decimal | None = None,
) -> DemandResponse:
    """A provider offers to meet an open demand, for their organization or as a person."""
    demand = _locked(demand)
    if demand.status != DemandStatus.OPEN:
        raise DomainError(_("Only an open demand takes responses."))
    scope = scope_of(actor)
    if organization is not None:
        if not organization.is_provider:
            raise DomainError(_("Only a verified service provider can respond."))
        if not scope.acts_for_organization(organization.pk):
            raise NotPermitted(_("You can only respond for your own organization."))
    elif not (hasattr(actor, "social_worker_profile") or hasattr(actor, "volunteer_profile")):
        raise NotPermitted(_("Respond for an organization, or as a social worker or volunteer."))
    if not message.strip():
        raise DomainError(_("Say how you would meet this demand."), field="message")
    if proposed_price is not None and proposed_price < 0:
        raise DomainError(_("A price cannot be negative."), field="proposed_price")
    response = DemandResponse(
        demand=demand,
        organization=organization,
        responder=actor,
        message=message.strip(),
        proposed_price=proposed_price,
    )
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        raise DomainError(_("You have already responded to this demand.")) from None
    audit_record(actor=actor, event="demands.response.submitted", target=response, demand=demand.pk)
    return response


@transaction.atomic
def response_withdraw(*, actor, response: DemandResponse) -> DemandResponse:
    response = DemandResponse.objects.select_for_update().get(pk=response.pk)
    if response.responder_id != actor.pk and not (
        response.organization_id and scope_of(actor).acts_for_organization(response.organization_id)
    ):
        raise NotPermitted(_("You can only withdraw your own response."))
    if response.status != ResponseStatus.PENDING:
        raise DomainError(_("Only a pending response can be withdrawn."))
    response.status = ResponseStatus.WITHDRAWN
    response.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, event="demands.response.withdrawn", target=response)
    return response


@transaction.atomic
def response_accept(*, actor, response: DemandResponse) -> Demand:
    """Staff accept one response: the demand is matched and the other responses declined."""
    demand = _locked(response.demand)
    response = DemandResponse.objects.select_for_update().get(pk=response.pk)
    if response.demand_id != demand.pk or response.status != ResponseStatus.PENDING:
        raise DomainError(_("Only a pending response to this demand can be accepted."))
    demand.accepted_response = response
    transition_apply(
        obj=demand,
        name="match",
        actor=actor,
        event="demands.demand.matched",
        fields=("accepted_response",),
        response=response.pk,
    )
    response.status = ResponseStatus.ACCEPTED
    response.save(update_fields=["status", "updated_at"])
    demand.responses.filter(status=ResponseStatus.PENDING).update(
        status=ResponseStatus.DECLINED, updated_at=timezone.now()
    )
    return demand
