"""Who may see the candidates matched to a demand.

The community's staff, who invite and choose providers; the staff of the street
above it, who oversee the community (as they do residents' requests and reviews);
and platform admins. Nobody else: the lists name volunteers and social workers.
"""

from marketplace.accounts.scope import scope_of


def may_see_matches(demand, user) -> bool:
    return user.is_authenticated and scope_of(user).oversees_community(demand.community)
