"""Sealed bids: submitted, withdrawn and resubmitted before the deadline, opened after."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.scope import scope_of
from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.core.transitions import transition_apply
from marketplace.procurement import sealing
from marketplace.procurement.models import (
    Bid,
    BidAttachment,
    BidStatus,
    DocumentKind,
    Project,
    ProjectStatus,
)
from marketplace.procurement.services.common import locked_project

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def _check_bidder(actor, project: Project, organization) -> None:
    if not scope_of(actor).acts_for_organization(organization.pk):
        raise NotPermitted(_("You can only bid for your own organization."))
    if not organization.is_verified:
        raise DomainError(_("Only a verified organization can bid."))
    if organization.type not in project.eligible_types:
        raise DomainError(
            _("This tender is open to other kinds of organization than “%(type)s”.")
            % {"type": organization.get_type_display()}
        )


def _check_open_for_bids(project: Project) -> None:
    if project.takes_bids():
        return
    if project.status != ProjectStatus.TENDERING:
        raise DomainError(_("This project is not taking bids."))
    raise DomainError(_("The bid deadline has passed."))


def _check_price(project: Project, price) -> Decimal:
    try:
        price = Decimal(str(price)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise DomainError(_("Enter the price as a number of yuan."), field="price") from None
    if price <= 0:
        raise DomainError(_("The price must be more than zero."), field="price")
    if price > project.budget:
        raise DomainError(
            _("The price is above the budget ceiling of %(budget)s yuan.")
            % {"budget": project.budget},
            field="price",
        )
    return price


def _check_documents(project: Project, files) -> None:
    given = {kind for kind, _name, _content in files}
    missing = [DocumentKind(k).label for k in project.required_documents if k not in given]
    if missing:
        raise DomainError(
            _("These required documents are missing: %(docs)s.")
            % {"docs": "、".join(str(m) for m in missing)},
            field="files",
        )
    for _kind, name, content in files:
        if len(content) > MAX_ATTACHMENT_BYTES:
            raise DomainError(_("“%(name)s” is larger than 10 MB.") % {"name": name})


@transaction.atomic
def bid_submit(
    *, actor, project: Project, organization, price, plan: str, team=(), files=()
) -> Bid:
    """Seal and store a bid. `files` are (kind, file name, bytes); the price, the plan,
    the team and the files are readable by nobody until the opening."""
    project = locked_project(project)
    _check_bidder(actor, project, organization)
    _check_open_for_bids(project)
    price = _check_price(project, price)
    if not plan.strip():
        raise DomainError(_("Describe how you would deliver the service."), field="plan")
    _check_documents(project, files)
    if project.bids.filter(organization=organization, status=BidStatus.SUBMITTED).exists():
        raise DomainError(_("Your organization has a bid in already; withdraw it to bid again."))
    payload = {
        "price": str(price),
        "plan": plan.strip(),
        "team": list(team),
        "files": [name for _kind, name, _content in files],
    }
    wrapped, sealed_payload, sealed_files = sealing.seal(
        project.tender_key.public_key, payload, [content for _k, _n, content in files]
    )
    bid = Bid.objects.create(
        project=project,
        organization=organization,
        submitted_by=actor,
        status=BidStatus.SUBMITTED,
        submitted_at=timezone.now(),
        wrapped_key=wrapped,
        sealed_payload=sealed_payload,
    )
    BidAttachment.objects.bulk_create(
        BidAttachment(bid=bid, kind=kind, sealed_content=sealed, size=len(content))
        for (kind, _name, content), sealed in zip(files, sealed_files, strict=True)
    )
    audit_record(actor=actor, event="procurement.bid.submitted", target=bid)
    return bid


@transaction.atomic
def bid_withdraw(*, actor, bid: Bid) -> Bid:
    project = locked_project(bid.project)
    bid = Bid.objects.select_for_update().get(pk=bid.pk)
    if not scope_of(actor).acts_for_organization(bid.organization_id):
        raise NotPermitted(_("You can only withdraw your own organization's bid."))
    if bid.status != BidStatus.SUBMITTED:
        raise DomainError(_("This bid has already been withdrawn."))
    _check_open_for_bids(project)
    bid.status, bid.withdrawn_at = BidStatus.WITHDRAWN, timezone.now()
    bid.save(update_fields=["status", "withdrawn_at", "updated_at"])
    audit_record(actor=actor, event="procurement.bid.withdrawn", target=bid)
    return bid


@transaction.atomic
def tender_open(*, actor, project: Project) -> Project:
    """At the opening time the purchaser opens the bids: each is decrypted into its
    readable fields. With no bid, the tender fails."""
    project = locked_project(project)
    live = list(project.bids.select_for_update().filter(status=BidStatus.SUBMITTED))
    try:
        key = sealing.private_key_for(
            project_id=project.pk,
            sealed_private_key=project.tender_key.sealed_private_key,
            opening_at=project.opening_at,
        )
    except sealing.StillSealed:
        raise DomainError(
            _("The bids stay sealed until %(when)s.")
            % {"when": timezone.localtime(project.opening_at).strftime("%Y-%m-%d %H:%M")}
        ) from None
    now = timezone.now()
    project.opened_at = now
    name = "open_bids" if live else "fail"
    event = "procurement.tender.opened" if live else "procurement.tender.failed"
    transition_apply(
        obj=project, name=name, actor=actor, event=event, fields=("opened_at",), bids=len(live)
    )
    for bid in live:
        payload = sealing.unseal_payload(key, bid.wrapped_key, bid.sealed_payload)
        bid.price = Decimal(payload["price"])
        bid.plan, bid.team, bid.opened_at = payload["plan"], payload["team"], now
        bid.save(update_fields=["price", "plan", "team", "opened_at", "updated_at"])
    return project


def attachment_content(*, attachment: BidAttachment) -> tuple[str, bytes]:
    """(file name, bytes) of an opened bid's document; sealed ones refuse."""
    bid = attachment.bid
    project = bid.project
    key = sealing.private_key_for(
        project_id=project.pk,
        sealed_private_key=project.tender_key.sealed_private_key,
        opening_at=project.opening_at,
    )
    if not bid.is_open:
        raise sealing.StillSealed(project.pk)
    names = sealing.unseal_payload(key, bid.wrapped_key, bid.sealed_payload)["files"]
    index = list(bid.attachments.values_list("pk", flat=True)).index(attachment.pk)
    return names[index], sealing.unseal(key, bid.wrapped_key, attachment.sealed_content)
