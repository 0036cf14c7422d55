"""Who may run a survey and who may read its results.

The allowed source and target statuses are declared on the model's transitions
(models.Survey); the role each needs is declared here, in one place.
"""

from marketplace.accounts.scope import scope_of


def is_survey_manager(survey, user) -> bool:
    """Staff of the survey's community, or a platform admin: create, edit, open, close."""
    if not user.is_authenticated:
        return False
    return scope_of(user).acts_for_community(survey.community_id)


def region_ancestor_ids(region) -> list[int]:
    """The ids of the regions above `region` (street, district, city, province)."""
    ids, node = [], region
    while node.parent_id is not None:
        ids.append(node.parent_id)
        node = node.parent
    return ids


def acts_for_region_or_above(user, region) -> bool:
    """Staff assigned to `region` itself or to a region above it (a street or district
    office above a community), or a platform admin."""
    if not user.is_authenticated:
        return False
    scope = scope_of(user)
    if scope.acts_for_community(region.pk):
        return True
    return any(pk in scope.community_ids for pk in region_ancestor_ids(region))


def may_see_results(survey, user) -> bool:
    """The community's staff, street or district staff above it, or a platform admin.
    Results are aggregates: nobody sees who answered what."""
    return acts_for_region_or_above(user, survey.community)
