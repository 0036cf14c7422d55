"""Bookings as a rateable service: once a confirmed booking's time is over, the resident
who booked it rates the provider."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.payments.models import Booking, BookingStatus
from marketplace.reviews.registry import Provider, ProviderType, RatedService, register


class BookingService(RatedService):
    key = "booking"
    label = _("Booked service")
    model = "payments.Booking"

    def served(self, user):
        return Booking.objects.filter(
            resident=user, status=BookingStatus.CONFIRMED, slot__ends_at__lte=timezone.now()
        ).select_related("slot__offering__organization")

    def provider(self, service):
        org = service.slot.offering.organization
        return Provider(ProviderType.ORGANIZATION, org.pk, org.name)

    def community_id(self, service, reviewer):
        # Providers serve several communities: the review is the reviewer's own's.
        profile = getattr(reviewer, "resident_profile", None)
        return profile.community_id if profile else None

    def title(self, service):
        when = timezone.localtime(service.slot.starts_at).strftime("%Y-%m-%d %H:%M")
        return f"{service.slot.offering.title} · {when}"

    def url(self, service):
        return reverse("payments:detail", args=[service.pk])


register(BookingService())
