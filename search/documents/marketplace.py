"""Documents for the marketplace: demands, volunteer tasks, providers, offerings, social
workers and facilities."""

from django.urls import reverse
from django.utils import timezone
from elasticsearch.dsl import Keyword

from marketplace.demands.models import PUBLIC_STATUSES, Demand
from marketplace.organizations.models import Offering, Organization
from marketplace.regions.models import Facility
from marketplace.reviews.registry import ProviderType
from marketplace.volunteering.models import Task, TaskStatus

from .base import STAFF, SearchDocument, location, region_fields, text_fields
from .context import BuildContext


class DemandDocument(SearchDocument):
    """A community's published demand."""


def demand_document(demand: Demand, context: BuildContext) -> DemandDocument | None:
    """Published demands; a draft is never searchable."""
    if demand.status not in PUBLIC_STATUSES:
        return None
    response = demand.accepted_response
    return DemandDocument.of(
        "demand",
        demand.pk,
        url=reverse("demands:detail", args=[demand.pk]),
        category=demand.category.code,
        kind=demand.kind,
        status=demand.status,
        starts_at=demand.starts_at,
        ends_at=demand.ends_at,
        updated_at=demand.updated_at,
        location=location(demand.latitude, demand.longitude),
        rating=context.rating(
            ProviderType.ORGANIZATION, response.organization_id if response else None
        ),
        **region_fields(demand.community),
        **text_fields(demand.title, demand.description, demand.place, demand.category.name_zh),
    )


class TaskDocument(SearchDocument):
    skills = Keyword()  # skill codes the task asks for


def task_document(task: Task, context: BuildContext) -> TaskDocument | None:
    """Published and completed tasks, with their next shift and the places still open."""
    if task.status not in (TaskStatus.PUBLISHED, TaskStatus.COMPLETED):
        return None
    now = timezone.now()
    shifts = list(task.shifts.all())
    upcoming = [s for s in shifts if s.ends_at > now]
    nearest = min(upcoming or shifts, key=lambda s: s.starts_at, default=None)
    if task.organization_id:
        rating = context.rating(ProviderType.ORGANIZATION, task.organization_id)
    else:
        rating = context.rating(ProviderType.COMMUNITY, task.community_id)
    return TaskDocument.of(
        "task",
        task.pk,
        url=reverse("volunteering:detail", args=[task.pk]),
        category=task.category.code,
        kind="volunteer",
        status=task.status,
        starts_at=nearest.starts_at if nearest else None,
        ends_at=nearest.ends_at if nearest else None,
        updated_at=task.updated_at,
        open_seats=sum(s.open_places for s in upcoming),
        location=location(task.latitude, task.longitude),
        rating=rating,
        skills=[skill.code for skill in task.required_skills.all()],
        **region_fields(task.community),
        **text_fields(task.title, task.description, task.place, task.category.name_zh),
    )


class OrganizationDocument(SearchDocument):
    """A verified provider."""


def organization_document(
    organization: Organization, context: BuildContext
) -> OrganizationDocument | None:
    """Verified providers (purchasers are not providers)."""
    if not organization.is_provider:
        return None
    categories = list(organization.categories.all())
    return OrganizationDocument.of(
        "organization",
        organization.pk,
        url=reverse("organizations:detail", args=[organization.pk]),
        category=[c.code for c in categories],
        kind=organization.type,
        status=organization.status,
        updated_at=organization.updated_at,
        location=location(organization.latitude, organization.longitude),
        rating=context.rating(ProviderType.ORGANIZATION, organization.pk),
        **context.service_area(organization.service_area.all()),
        **text_fields(
            organization.name,
            organization.description,
            organization.address,
            *[c.name_zh for c in categories],
        ),
    )


class OfferingDocument(SearchDocument):
    """A service a provider offers."""


def offering_document(offering: Offering, context: BuildContext) -> OfferingDocument | None:
    """Active offerings of verified providers."""
    organization = offering.organization
    if not offering.is_active or not organization.is_provider:
        return None
    return OfferingDocument.of(
        "offering",
        offering.pk,
        url=reverse("organizations:detail", args=[organization.pk]),
        category=offering.category.code,
        kind=offering.kind,
        updated_at=offering.updated_at,
        location=location(organization.latitude, organization.longitude),
        rating=context.rating(ProviderType.ORGANIZATION, organization.pk),
        **context.service_area(organization.service_area.all()),
        **text_fields(
            offering.title, offering.description, organization.name, offering.category.name_zh
        ),
    )


class SocialWorkerDocument(SearchDocument):
    """A social worker (staff only)."""


def social_worker_document(profile, context: BuildContext) -> SocialWorkerDocument | None:
    """Social workers are found by staff matching casework, never by the public."""
    if not profile.user.is_active:
        return None
    specialties = list(profile.specialties.all())
    name = profile.user.name or str(profile.user)
    return SocialWorkerDocument.of(
        "socialworker",
        profile.pk,
        url="",
        visibility=STAFF,
        category=[c.code for c in specialties],
        kind=profile.level,
        updated_at=profile.updated_at,
        rating=context.rating(ProviderType.PERSON, profile.user_id),
        **text_fields(
            name,
            profile.get_level_display(),
            profile.organization.name if profile.organization_id else "",
            *[c.name_zh for c in specialties],
            summary=str(profile.get_level_display()),
        ),
    )


class FacilityDocument(SearchDocument):
    """A community facility."""


def facility_document(facility: Facility, context: BuildContext) -> FacilityDocument:
    return FacilityDocument.of(
        "facility",
        facility.pk,
        url=reverse("regions:facility_detail", args=[facility.pk]),
        kind=facility.type,
        updated_at=facility.updated_at,
        location=location(facility.latitude, facility.longitude),
        **region_fields(facility.community),
        **text_fields(
            facility.name, facility.get_type_display(), facility.address, facility.description
        ),
    )
