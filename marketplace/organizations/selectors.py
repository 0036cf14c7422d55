from django.db.models import Count, Q, QuerySet

from marketplace.accounts.scope import scope_of
from marketplace.core.selectors import object_or_not_found
from marketplace.organizations.models import Organization


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
