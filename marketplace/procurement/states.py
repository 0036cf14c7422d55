"""Who may move a procurement project between statuses (the targets are on the model)."""

from marketplace.accounts.scope import scope_of


def is_project_purchaser(project, user) -> bool:
    """Staff of the purchasing body that owns the project (or a platform admin)."""
    return user.is_authenticated and scope_of(user).acts_for_organization(project.purchaser_id)
