"""Who may move a demand between statuses.

The allowed source and target statuses are declared on the model's transitions
(models.Demand); the role each transition needs is declared here, in one place.
"""

from marketplace.accounts.scope import scope_of


def is_demand_staff(demand, user) -> bool:
    """Community staff of the demand's community (or a platform admin)."""
    return user.is_authenticated and scope_of(user).acts_for_community(demand.community_id)


def is_demand_provider(demand, user) -> bool:
    """The provider whose response was accepted, or the demand's community staff."""
    if is_demand_staff(demand, user):
        return True
    response = demand.accepted_response
    if response is None or not user.is_authenticated:
        return False
    if response.organization_id:
        return scope_of(user).acts_for_organization(response.organization_id)
    return response.responder_id == user.pk
