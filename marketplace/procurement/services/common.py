from marketplace.procurement.models import Project


def locked_project(project: Project) -> Project:
    """The project's row lock serializes every change to it and to its bids and panel."""
    return Project.objects.select_for_update().get(pk=project.pk)
