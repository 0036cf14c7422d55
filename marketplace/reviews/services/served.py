"""Recording who a demand or a shift served, so that they (and only they) may rate it."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.notifications.services import notify
from marketplace.reviews.models import Review, ServedPerson
from marketplace.reviews.services.common import rated_kind
from marketplace.reviews.states import acts_for_provider

MAX_PEOPLE = 500


def _find(contact: str):
    users = get_user_model().objects
    if "@" in contact:
        return users.filter(email__iexact=contact).first()
    return users.get_by_phone(contact)


def _resolve(contacts: list[str]) -> list:
    contacts = list(dict.fromkeys(c.strip() for c in contacts if c.strip()))
    if not contacts:
        raise DomainError(_("Enter at least one mobile number or email."), field="contacts")
    if len(contacts) > MAX_PEOPLE:
        raise DomainError(
            _("Enter at most %(n)s people at a time.") % {"n": MAX_PEOPLE}, field="contacts"
        )
    found = {contact: _find(contact) for contact in contacts}
    unknown = [contact for contact, user in found.items() if user is None]
    if unknown:
        raise DomainError(
            _("No account has these numbers or emails: %(list)s. Nothing was recorded.")
            % {"list": ", ".join(unknown)},
            field="contacts",
        )
    return list(dict.fromkeys(found.values()))


def _service(actor, service_kind: str, service_id: int):
    kind = rated_kind(service_kind)
    service = kind.model_class().objects.filter(pk=service_id).first()
    if service is None or not kind.records_served_people:
        raise DomainError(_("There is no such service to record people for."))
    if not kind.may_record_served(actor, service):
        raise NotPermitted(_("Only the staff who ran this service can record who it served."))
    return kind, service


@transaction.atomic
def served_people_record(
    *, actor, service_kind: str, service_id: int, contacts: list[str]
) -> list[ServedPerson]:
    """Staff record the people a service served, by mobile number or email; each is asked
    to rate it. All or nothing: one unknown contact records no one."""
    kind, service = _service(actor, service_kind, service_id)
    people = _resolve(contacts)
    provider = kind.provider(service)
    insiders = [p for p in people if p == actor or acts_for_provider(p, provider.type, provider.id)]
    if insiders:
        raise DomainError(
            _(
                "%(list)s recorded or delivered this service and cannot rate it. "
                "Nothing was recorded."
            )
            % {"list": ", ".join(p.email for p in insiders)},
            field="contacts",
        )
    already = set(
        ServedPerson.objects.filter(
            service_kind=kind.key, service_id=service.pk, person__in=people
        ).values_list("person_id", flat=True)
    )
    new = [person for person in people if person.pk not in already]
    rows = ServedPerson.objects.bulk_create(
        [
            ServedPerson(service_kind=kind.key, service_id=service.pk, person=p, recorded_by=actor)
            for p in new
        ],
        ignore_conflicts=True,  # the same person recorded by two staff at once
    )
    audit_record(
        actor=actor,
        event="reviews.served.recorded",
        target=service,
        kind=kind.key,
        people=[p.pk for p in new],
    )
    notify(
        users=new,
        kind="reviews.served.recorded",
        data={"service": kind.title(service), "provider": provider.name},
        url=_rate_url(kind.key, service.pk),
    )
    return rows


@transaction.atomic
def served_person_remove(*, actor, served: ServedPerson) -> None:
    """Take a person off a service's list (a mistake), unless they have rated it."""
    kind, service = _service(actor, served.service_kind, served.service_id)
    if Review.objects.filter(
        reviewer_id=served.person_id, service_kind=kind.key, service_id=service.pk
    ).exists():
        raise DomainError(_("This person has already rated the service; they stay on the list."))
    served.delete()
    audit_record(
        actor=actor, event="reviews.served.removed", target=service, person=served.person_id
    )


def _rate_url(kind: str, service_id: int) -> str:
    from django.urls import reverse

    return reverse("reviews:rate", args=[kind, service_id])
