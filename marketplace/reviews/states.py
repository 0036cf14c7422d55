"""Who may move a review or a rectification case between statuses.

Sources and targets are declared on the models' transitions; the role each one needs
is declared here, in one place.
"""

from marketplace.accounts.roles import Role
from marketplace.accounts.scope import scope_of
from marketplace.reviews.registry import ProviderType


def oversight_region_id(review) -> int | None:
    """Whose staff moderate a review and follow up its overdue case: the community's, or,
    when the community itself is rated (its handling of requests, a task it ran), the
    street's above it — nobody judges reviews of themselves."""
    if review.provider_type == ProviderType.COMMUNITY and review.community_id:
        return review.community.parent_id
    return review.community_id


def may_moderate(review, user) -> bool:
    """Hide or unhide a review's text: platform admins, and the overseeing staff."""
    return user.is_authenticated and scope_of(user).acts_for_community(oversight_region_id(review))


def may_remove(review, user) -> bool:
    """Remove a review as abusive (it then stops counting): platform admins only."""
    return user.is_authenticated and user.is_superuser


def acts_for_provider(user, provider_type: str, provider_id: int) -> bool:
    """Whether `user` speaks for the rated provider (answers its bad reviews)."""
    if not user.is_authenticated:
        return False
    scope = scope_of(user)
    if provider_type == ProviderType.ORGANIZATION:
        return scope.acts_for_organization(provider_id)
    if provider_type == ProviderType.COMMUNITY:
        return scope.acts_for_community(provider_id)
    return user.pk == provider_id


def is_case_provider(case, user) -> bool:
    return acts_for_provider(user, case.review.provider_type, case.review.provider_id)


def is_reviewer(case, user) -> bool:
    return user.is_authenticated and case.review.reviewer_id == user.pk


def may_see_credit(user, organization_id: int) -> bool:
    """An organization's credit is shown to its own members, to purchasers' staff (who
    weigh it in tenders) and to platform admins."""
    if not user.is_authenticated:
        return False
    scope = scope_of(user)
    return scope.has_role(Role.PURCHASER_STAFF) or scope.acts_for_organization(organization_id)


def may_see_watch_list(user) -> bool:
    """The watch list is for purchasers' staff and platform admins."""
    return user.is_authenticated and (
        user.is_superuser or scope_of(user).has_role(Role.PURCHASER_STAFF)
    )
