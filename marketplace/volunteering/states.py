"""Who may manage a volunteer task.

The allowed source and target statuses are declared on the model's transitions
(models.Task); the role each needs is declared here, in one place.
"""

from marketplace.accounts.scope import scope_of


def may_record_served(task, user) -> bool:
    """Who confirms the residents a task's shifts served (they then rate it): the
    community's staff, never the organizing organization; not for a cancelled task."""
    from marketplace.volunteering.models import TaskStatus

    return task.status != TaskStatus.CANCELLED and (
        user.is_authenticated and scope_of(user).acts_for_community(task.community_id)
    )


def is_task_manager(task, user) -> bool:
    """Community staff of the task's community, members of its organizing organization,
    or a platform admin."""
    if not user.is_authenticated:
        return False
    scope = scope_of(user)
    if scope.acts_for_community(task.community_id):
        return True
    return task.organization_id is not None and scope.acts_for_organization(task.organization_id)
