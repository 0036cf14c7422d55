"""Contract milestones as a rateable service: once a deliverable is accepted, residents of
the communities the project serves rate the undertaking organization."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marketplace.procurement.models import Milestone, MilestoneStatus
from marketplace.reviews.registry import Provider, ProviderType, RatedService, register


class MilestoneService(RatedService):
    key = "milestone"
    label = _("Purchased-service deliverable")
    model = "procurement.Milestone"

    def served(self, user):
        profile = getattr(user, "resident_profile", None)
        if profile is None:
            return Milestone.objects.none()
        return Milestone.objects.filter(
            status=MilestoneStatus.ACCEPTED,
            contract__project__communities=profile.community_id,
        ).select_related("contract__organization", "contract__project")

    def provider(self, service):
        org = service.contract.organization
        return Provider(ProviderType.ORGANIZATION, org.pk, org.name)

    def community_id(self, service, reviewer):
        # The project may serve several communities: the review is the reviewer's own's.
        return reviewer.resident_profile.community_id

    def title(self, service):
        return f"{service.contract.project.title} · {service.title}"

    def url(self, service):
        return reverse("procurement:detail", args=[service.contract.project_id])


register(MilestoneService())
