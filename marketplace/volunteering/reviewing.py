"""Volunteer shifts as a rateable service: the residents staff recorded as served rate the
organizer (the organizing organization, or the community that ran the task)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.reviews.registry import Provider, ProviderType, RatedService, register
from marketplace.volunteering.models import Shift, TaskStatus
from marketplace.volunteering.states import may_record_served


class ShiftService(RatedService):
    key = "shift"
    label = _("Volunteer service")
    model = "volunteering.Shift"
    records_served_people = True

    def served(self, user):
        return Shift.objects.filter(
            ends_at__lte=timezone.now(),
            task__status__in=[TaskStatus.PUBLISHED, TaskStatus.COMPLETED],
            pk__in=self.recorded_for(user),
        ).select_related("task__organization", "task__community")

    def provider(self, service):
        task = service.task
        if task.organization_id:
            return Provider(ProviderType.ORGANIZATION, task.organization_id, task.organization.name)
        return Provider(ProviderType.COMMUNITY, task.community_id, task.community.name)

    def community_id(self, service, reviewer):
        return service.task.community_id

    def title(self, service):
        return str(service)

    def url(self, service):
        return reverse("volunteering:detail", args=[service.task_id])

    def may_record_served(self, actor, service):
        return may_record_served(service.task, actor)


register(ShiftService())
