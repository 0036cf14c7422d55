"""Residents rate how their request was handled: the served-record registration."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marketplace.hotline.models import SERVED_STATUSES, Request
from marketplace.reviews.registry import Provider, ProviderType, RatedService


class RequestService(RatedService):
    """A request that was resolved (or closed) may be rated once by the resident who
    filed it; the rated provider is the community's staff who handled it."""

    key = "request"
    label = _("Resident request")
    model = "hotline.Request"

    def served(self, user):
        if not user.is_authenticated:
            return Request.objects.none()
        return Request.objects.filter(
            resident_id=user.pk, status__in=SERVED_STATUSES
        ).select_related("community", "category")

    def provider(self, service) -> Provider:
        return Provider(
            type=ProviderType.COMMUNITY, id=service.community_id, name=service.community.name
        )

    def community_id(self, service, reviewer) -> int | None:
        return service.community_id

    def title(self, service) -> str:
        # Never the resident's own words: the title shows on the public reviews page.
        return f"{service.category.name} · No. {service.pk}"

    def url(self, service) -> str:
        return reverse("hotline:detail", args=[service.pk])
