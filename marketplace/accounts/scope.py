"""Which roles a user holds, and which communities and organizations they act for.

Computed once per user object and cached on it; every object-level check in
services, views and admin viewsets goes through here.
"""

from functools import cached_property

from django.db.models import Q

from marketplace.accounts.roles import Role


class UserScope:
    def __init__(self, user):
        self.user = user

    @cached_property
    def community_ids(self) -> frozenset[int]:
        if not self.user.is_authenticated:
            return frozenset()
        return frozenset(self.user.community_assignments.values_list("community_id", flat=True))

    @cached_property
    def _memberships(self) -> list[tuple[int, str, str]]:
        if not self.user.is_authenticated:
            return []
        return list(
            self.user.memberships.filter(organization__status="verified").values_list(
                "organization_id", "role", "organization__type"
            )
        )

    @cached_property
    def organization_ids(self) -> frozenset[int]:
        return frozenset(org_id for org_id, _role, _type in self._memberships)

    def organization_ids_with_role(self, role: str) -> frozenset[int]:
        return frozenset(org_id for org_id, r, _type in self._memberships if r == role)

    @cached_property
    def roles(self) -> frozenset[str]:
        user = self.user
        if not user.is_authenticated:
            return frozenset()
        roles = set()
        if user.is_superuser:
            roles.add(Role.PLATFORM_ADMIN)
        if hasattr(user, "resident_profile"):
            roles.add(Role.RESIDENT)
        if hasattr(user, "volunteer_profile"):
            roles.add(Role.VOLUNTEER)
        if hasattr(user, "social_worker_profile"):
            roles.add(Role.SOCIAL_WORKER)
        if self.community_ids:
            roles.add(Role.COMMUNITY_STAFF)
        for _org_id, role, org_type in self._memberships:
            if org_type == "purchaser":
                roles.add(Role.PURCHASER_STAFF)
            else:
                roles.add(Role.ORG_ADMIN if role == "admin" else Role.ORG_STAFF)
        return frozenset(roles)

    def has_role(self, role: str) -> bool:
        return role in self.roles

    def acts_for_community(self, community_id: int | None) -> bool:
        return self.user.is_superuser or community_id in self.community_ids

    def oversees_community(self, community) -> bool:
        """Staff of the community, staff of the street above it (who receive what it
        escalates), or a platform admin."""
        return self.acts_for_community(community.pk) or community.parent_id in self.community_ids

    def acts_for_organization(self, organization_id: int | None, *, admin: bool = False) -> bool:
        if self.user.is_superuser:
            return True
        ids = self.organization_ids_with_role("admin") if admin else self.organization_ids
        return organization_id in ids


def scope_of(user) -> UserScope:
    scope = getattr(user, "_linli_scope", None)
    if scope is None:
        scope = UserScope(user)
        if user.is_authenticated:
            user._linli_scope = scope
    return scope


def of_own_communities(user, via: str = "") -> Q:
    """Rows of the communities the user is staff of — everything for a platform admin.
    `via` reaches the community through a relation ("task__")."""
    if user.is_superuser:
        return Q()
    return Q(**{f"{via}community_id__in": scope_of(user).community_ids})


def of_own_organizations(user, via: str = "", *, admin: bool = False) -> Q:
    """Rows of the organizations the user is a member of (with admin=True: administers)
    — everything for a platform admin. `via` reaches the organization through a relation
    ("offering__")."""
    if user.is_superuser:
        return Q()
    scope = scope_of(user)
    ids = scope.organization_ids_with_role("admin") if admin else scope.organization_ids
    return Q(**{f"{via}organization_id__in": ids})
