from django.db.models import Q, QuerySet

from marketplace.accounts.scope import scope_of
from marketplace.core.selectors import object_or_not_found
from marketplace.demands.models import PUBLIC_STATUSES, Demand


def demand_list(*, user) -> QuerySet[Demand]:
    """Demands this user may see: every published one, plus drafts of their own communities."""
    visible = Q(status__in=PUBLIC_STATUSES)
    if user.is_authenticated:
        if user.is_superuser:
            visible = Q()
        elif scope_of(user).community_ids:
            visible |= Q(community_id__in=scope_of(user).community_ids)
    return Demand.objects.filter(visible).select_related(
        "community", "community__parent", "category"
    )


def demand_get(*, user, pk: int) -> Demand:
    return object_or_not_found(
        demand_list(user=user).select_related(
            "accepted_response", "accepted_response__organization", "created_by"
        ),
        pk=pk,
    )
