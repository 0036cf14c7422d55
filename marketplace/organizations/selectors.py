from django.db.models import Count, Q, QuerySet

from marketplace.accounts.roles import Role
from marketplace.accounts.scope import of_own_organizations, scope_of
from marketplace.core.selectors import object_or_not_found
from marketplace.organizations.models import Offering, Organization, VerificationStatus


def provider_list() -> QuerySet[Organization]:
    """Verified service providers (purchasers are not providers)."""
    return (
        Organization.objects.providers()
        .annotate(offering_count=Count("offerings", filter=Q(offerings__is_active=True)))
        .prefetch_related("categories")
        .order_by("name")
    )


def provider_get(*, pk: int) -> Organization:
    return object_or_not_found(provider_list(), pk=pk)


def organizations_acting_for(user) -> QuerySet[Organization]:
    """Verified providers the user is a member of (for responding to demands)."""
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.providers().filter(pk__in=scope_of(user).organization_ids)


def organizations_managed_by(user, *, admin: bool = False) -> QuerySet[Organization]:
    """The organizations the user is a member of (admin=True: administers); every one
    for a platform admin."""
    if user.is_superuser:
        return Organization.objects.all()
    scope = scope_of(user)
    ids = scope.organization_ids_with_role("admin") if admin else scope.organization_ids
    return Organization.objects.filter(pk__in=ids)


def organizations_seen_in_back_office(user) -> Q:
    """Members see their own organizations; purchasers' staff every verified one (they
    weigh bidders); platform admins all of them."""
    if user.is_superuser:
        return Q()
    scope = scope_of(user)
    if scope.has_role(Role.PURCHASER_STAFF):
        return Q(status=VerificationStatus.VERIFIED)
    return Q(pk__in=scope.organization_ids)


def offerings_managed_by(user) -> QuerySet[Offering]:
    """The offerings of the organizations the user is a member of (whose slots and
    bookings they manage); every one for a platform admin."""
    return Offering.objects.filter(of_own_organizations(user))
