"""Demands as a rateable service: the people staff recorded as served rate the provider."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marketplace.demands.models import Demand, DemandStatus
from marketplace.demands.states import is_demand_staff
from marketplace.reviews.registry import Provider, ProviderType, RatedService, register


class DemandService(RatedService):
    key = "demand"
    label = _("Demand")
    model = "demands.Demand"
    records_served_people = True

    def served(self, user):
        return Demand.objects.filter(
            status__in=[DemandStatus.DELIVERED, DemandStatus.CLOSED],
            accepted_response__isnull=False,
            pk__in=self.recorded_for(user),
        ).select_related("accepted_response__organization", "accepted_response__responder")

    def provider(self, service):
        response = service.accepted_response
        if response.organization_id:
            org = response.organization
            return Provider(ProviderType.ORGANIZATION, org.pk, org.name)
        person = response.responder
        return Provider(ProviderType.PERSON, person.pk, person.name or str(person))

    def community_id(self, service, reviewer):
        return service.community_id

    def title(self, service):
        return service.title

    def url(self, service):
        return reverse("demands:detail", args=[service.pk])

    def may_record_served(self, actor, service):
        return service.accepted_response_id is not None and is_demand_staff(service, actor)


register(DemandService())
