"""In-service Party members report to the community where they live."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.models import VolunteerProfile
from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.regions.models import RegionLevel
from marketplace.volunteering.models import PartyMemberRegistration


@transaction.atomic
def party_registration_create(*, actor, community, workplace: str = "") -> PartyMemberRegistration:
    """Register (or move) the actor's report to `community`; a previous one ends."""
    profile = VolunteerProfile.objects.select_for_update().filter(user_id=actor.pk).first()
    if profile is None:
        raise NotPermitted(_("Register as a volunteer first."))
    if community is None or community.level != RegionLevel.COMMUNITY:
        raise DomainError(_("Choose the community you report to."), field="community")
    current = (
        PartyMemberRegistration.objects.select_for_update()
        .filter(volunteer=actor, ended_at__isnull=True)
        .first()
    )
    if current is not None:
        if current.community_id == community.pk:
            raise DomainError(_("You have already reported to this community."))
        current.ended_at = timezone.now()
        current.save(update_fields=["ended_at", "updated_at"])
    registration = PartyMemberRegistration.objects.create(
        volunteer=actor, community=community, workplace=workplace.strip()
    )
    if not profile.is_party_member:
        profile.is_party_member = True
        profile.save(update_fields=["is_party_member", "updated_at"])
    audit_record(actor=actor, event="volunteering.party.registered", target=registration)
    return registration


@transaction.atomic
def party_registration_end(*, actor, registration: PartyMemberRegistration) -> None:
    registration = PartyMemberRegistration.objects.select_for_update().get(pk=registration.pk)
    if registration.volunteer_id != actor.pk:
        raise NotPermitted(_("You can only end your own registration."))
    if registration.ended_at is not None:
        raise DomainError(_("This registration has already ended."))
    registration.ended_at = timezone.now()
    registration.save(update_fields=["ended_at", "updated_at"])
    audit_record(actor=actor, event="volunteering.party.ended", target=registration)
