"""Who may see the candidates matched to a demand.

The community's staff, who invite and choose providers; the staff of the street
above it, who oversee the community (as they do residents' requests and reviews);
and platform admins. Nobody else: the lists name volunteers and social workers.
"""

from marketplace.accounts.scope import scope_of


def may_see_matches(demand, user) -> bool:
    if not user.is_authenticated:
        return False
    scope = scope_of(user)
    if scope.acts_for_community(demand.community_id):
        return True
    return demand.community.parent_id in scope.community_ids
