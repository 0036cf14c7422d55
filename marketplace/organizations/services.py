"""Every write to organizations, their members and their offerings."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.scope import scope_of
from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.core.services import managed_save
from marketplace.core.transitions import transition_apply, transition_with_reason
from marketplace.core.validation import validated
from marketplace.organizations.models import MemberRole, Membership, Offering, Organization

ORGANIZATION_FIELDS = (
    "name",
    "type",
    "credit_code",
    "legal_representative",
    "phone",
    "email",
    "address",
    "latitude",
    "longitude",
    "description",
)
# What an organization may change about itself later: not its credit code, which is who
# it is. Its service area and categories are many-to-many, saved beside the fields.
ORGANIZATION_EDITABLE_FIELDS = tuple(name for name in ORGANIZATION_FIELDS if name != "credit_code")
ORGANIZATION_RELATIONS = ("service_area", "categories")
OFFERING_FIELDS = ("title", "category", "kind", "description", "price", "unit", "is_active")


def _locked(organization: Organization) -> Organization:
    return Organization.objects.select_for_update().get(pk=organization.pk)


def _require_platform_admin(actor) -> None:
    if not actor.is_superuser:
        raise NotPermitted(_("Only a platform administrator verifies organizations."))


@transaction.atomic
def organization_register(*, actor, **fields) -> Organization:
    """Anyone signed in registers an organization; it waits for verification.

    The registering user becomes its first administrator once it is verified.
    """
    values = {k: v for k, v in fields.items() if k in ORGANIZATION_FIELDS}
    values["credit_code"] = (values.get("credit_code") or "").strip().upper()
    organization = validated(Organization(**values))
    organization.save()
    Membership.objects.create(organization=organization, user=actor, role=MemberRole.ADMIN)
    audit_record(actor=actor, event="organizations.organization.registered", target=organization)
    return organization


@transaction.atomic
def organization_verify(*, actor, organization: Organization) -> Organization:
    _require_platform_admin(actor)
    organization = _locked(organization)
    organization.verified_at = timezone.now()
    transition_apply(
        obj=organization,
        name="verify",
        actor=actor,
        event="organizations.organization.verified",
        fields=("verified_at", "rejection_reason"),
    )
    return organization


@transaction.atomic
def organization_reject(*, actor, organization: Organization, reason: str) -> Organization:
    _require_platform_admin(actor)
    if not reason.strip():
        raise DomainError(
            _("Give the reason for rejecting, so the organization can fix it."), field="reason"
        )
    organization = _locked(organization)
    transition_with_reason(
        obj=organization,
        name="reject",
        actor=actor,
        event="organizations.organization.rejected",
        reason=reason,
        field="rejection_reason",
    )
    return organization


@transaction.atomic
def organization_resubmit(*, actor, organization: Organization, **fields) -> Organization:
    """The organization's administrator corrects its details and asks again."""
    organization = _locked(organization)
    is_admin = organization.memberships.filter(user=actor, role=MemberRole.ADMIN).exists()
    if not (is_admin or actor.is_superuser):
        raise NotPermitted(_("Only the organization's administrator can resubmit it."))
    changed = [name for name in ORGANIZATION_FIELDS if name in fields]
    for name in changed:
        setattr(organization, name, fields[name])
    validated(organization)
    transition_apply(
        obj=organization,
        name="resubmit",
        actor=actor,
        event="organizations.organization.resubmitted",
        fields=tuple(changed),
    )
    return organization


@transaction.atomic
def organization_update(*, actor, organization: Organization, **fields) -> Organization:
    if not scope_of(actor).acts_for_organization(organization.pk, admin=True):
        raise NotPermitted(_("Only the organization's administrator can change its details."))
    organization = _locked(organization)
    changed = [name for name in ORGANIZATION_EDITABLE_FIELDS if name in fields]
    for name in changed:
        setattr(organization, name, fields[name])
    validated(organization)
    organization.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=actor, event="organizations.organization.updated", target=organization, fields=changed
    )
    return organization


@transaction.atomic
def membership_add(*, actor, organization: Organization, user, role: str) -> Membership:
    if not scope_of(actor).acts_for_organization(organization.pk, admin=True):
        raise NotPermitted(_("Only the organization's administrator can add members."))
    if organization.memberships.filter(user=user).exists():
        raise DomainError(_("This person is already a member."), field="user")
    membership = validated(Membership(organization=organization, user=user, role=role))
    membership.save()
    audit_record(actor=actor, event="organizations.membership.added", target=membership)
    return membership


@transaction.atomic
def offering_save(*, actor, offering: Offering) -> Offering:
    """Create or change an offering of the actor's organization (from the back office)."""
    return managed_save(
        actor=actor,
        instance=offering,
        may_manage=lambda o: scope_of(actor).acts_for_organization(o.organization_id),
        refused=_("You can only manage offerings of your own organization."),
        event="organizations.offering",
    )
