from django.db.models import Count, Q, QuerySet

from marketplace.accounts.scope import scope_of
from marketplace.core.selectors import object_or_not_found
from marketplace.procurement.models import (
    Bid,
    BidStatus,
    Evaluator,
    Milestone,
    Project,
    ProjectStatus,
)
from marketplace.procurement.states import is_project_purchaser


def project_list(*, user) -> QuerySet[Project]:
    """Published projects for everyone; projects being planned for their purchaser."""
    visible = ~Q(status=ProjectStatus.PLANNING)
    if user.is_authenticated:
        if user.is_superuser:
            visible = Q()
        else:
            visible |= Q(purchaser_id__in=scope_of(user).organization_ids)
    return (
        Project.objects.filter(visible)
        .select_related("purchaser", "category")
        .annotate(bid_count=Count("bids", filter=Q(bids__status=BidStatus.SUBMITTED)))
    )


def projects_party_to(user) -> Q:
    """The projects the user's organizations buy or bid for (all for a platform admin)."""
    if user.is_superuser:
        return Q()
    organizations = scope_of(user).organization_ids
    return Q(purchaser_id__in=organizations) | Q(
        pk__in=Bid.objects.filter(organization_id__in=organizations).values("project_id")
    )


def bids_party_to(user) -> Q:
    """The bids of the user's organizations and the bids on their projects (all for a
    platform admin); what the bids say stays sealed by sealing.py until the opening."""
    if user.is_superuser:
        return Q()
    organizations = scope_of(user).organization_ids
    return Q(project__purchaser_id__in=organizations) | Q(organization_id__in=organizations)


def purchasers_acting_for(user):
    """The purchasing bodies this user works for (where they may set up projects)."""
    from marketplace.organizations.models import Organization, OrganizationType

    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(
        type=OrganizationType.PURCHASER, pk__in=scope_of(user).organization_ids
    )


def project_get(*, user, pk: int) -> Project:
    return object_or_not_found(project_list(user=user), pk=pk)


def is_panel_member(project: Project, user) -> bool:
    return user.is_authenticated and project.evaluators.filter(user=user).exists()


def opened_bids_for(*, project: Project, user) -> list[Bid]:
    """The opened bids with price and plan — for the purchaser and the panel only."""
    if project.opened_at is None:
        return []
    if not (is_project_purchaser(project, user) or is_panel_member(project, user)):
        return []
    return list(
        project.bids.filter(status=BidStatus.SUBMITTED)
        .select_related("organization")
        .prefetch_related("attachments")
    )


def my_bids(*, project: Project, user) -> QuerySet[Bid]:
    if not user.is_authenticated:
        return Bid.objects.none()
    return project.bids.filter(organization_id__in=scope_of(user).organization_ids).select_related(
        "organization"
    )


def my_seat(*, project: Project, user) -> Evaluator | None:
    if not user.is_authenticated:
        return None
    return project.evaluators.filter(user=user).first()


def organization_history(*, organization) -> dict:
    """What an organization's profile shows of its purchased-service record: bids once
    opened (never before), awards, and performance evaluations."""
    from marketplace.procurement.models import Award, PerformanceEvaluation

    return {
        "bids": list(
            Bid.objects.filter(
                organization=organization, status=BidStatus.SUBMITTED, opened_at__isnull=False
            )
            .select_related("project")
            .order_by("-opened_at")[:20]
        ),
        "awards": list(
            Award.objects.filter(bid__organization=organization)
            .select_related("project", "bid")
            .order_by("-awarded_at")[:20]
        ),
        "evaluations": list(
            PerformanceEvaluation.objects.filter(project__contract__organization=organization)
            .select_related("project")
            .order_by("-evaluated_at")[:20]
        ),
    }


def contract_satisfaction(project: Project):
    """Residents' reviews of the project's accepted deliverables (a Satisfaction)."""
    from marketplace.reviews.selectors import satisfaction_of

    return satisfaction_of(
        service_kind="milestone",
        service_ids=Milestone.objects.filter(contract__project=project).values_list(
            "pk", flat=True
        ),
    )
