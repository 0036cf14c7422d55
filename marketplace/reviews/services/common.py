"""What the review services share: looking up kinds, and who speaks for a provider."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from marketplace.core.errors import DomainError
from marketplace.organizations.models import VerificationStatus
from marketplace.reviews.registry import ProviderType, RatedService, kind_get


def rated_kind(key: str) -> RatedService:
    try:
        return kind_get(key)
    except KeyError:
        raise DomainError(_("There is no such kind of service to rate.")) from None


def provider_people(provider_type: str, provider_id: int):
    """The users who speak for a provider: its members, the person, or community staff."""
    users = get_user_model().objects.filter(is_active=True)
    if provider_type == ProviderType.ORGANIZATION:
        return users.filter(
            memberships__organization_id=provider_id,
            memberships__organization__status=VerificationStatus.VERIFIED,
        ).distinct()
    if provider_type == ProviderType.COMMUNITY:
        return users.filter(community_assignments__community_id=provider_id).distinct()
    return users.filter(pk=provider_id)


def staff_of_region(region_id: int | None):
    """Staff assigned to a community (or to a street, for the street's staff)."""
    if region_id is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(is_active=True, community_assignments__community_id=region_id)
        .distinct()
    )
