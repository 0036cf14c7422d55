"""The served-record registry: how reviews learn what "a service this person received" is.

Reviews know no other domain app. Each app that delivers a service people can rate
(demands, volunteer shifts, residents' requests, contract milestones, bookings)
declares one `RatedService` subclass and registers it from its AppConfig.ready():

    from marketplace.reviews.registry import RatedService, register

    class RequestService(RatedService):
        key = "request"
        label = _("Resident request")
        model = "hotline.Request"
        ...

    register(RequestService())

A review names its service as (key, object id). Whether a person may rate it is
`served(user)` — the completed services this user received — so the rule for each
kind lives beside the service itself, in its own app.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import models


class ProviderType(models.TextChoices):
    """Who is rated: an organization, a person on their own, or a community's staff."""

    ORGANIZATION = "organization", "organization"
    PERSON = "person", "person"
    COMMUNITY = "community", "community"


@dataclass(frozen=True)
class Provider:
    type: str  # a ProviderType value
    id: int
    name: str


class RatedService:
    """One kind of rateable service. Subclass, set the attributes, override the methods."""

    key: str = ""  # short and stable: it is stored on every review
    label = ""  # translated name of the kind, for pages
    model: str = ""  # "app_label.ModelName" of the service object
    # Whether community staff record who was served (a demand, a shift): the reviews
    # app then keeps the list (ServedPerson) and `served()` should consult it.
    records_served_people: bool = False

    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def served(self, user) -> models.QuerySet:
        """The completed services of this kind that `user` received (may rate)."""
        raise NotImplementedError

    def provider(self, service) -> Provider:
        """Who delivered `service`, and so who is rated."""
        raise NotImplementedError

    def community_id(self, service, reviewer) -> int | None:
        """The community the review belongs to (whose staff oversee it): where the service
        was delivered, or, for a service to several communities, the reviewer's own."""
        raise NotImplementedError

    def recorded_for(self, user):
        """Ids of this kind's services staff recorded `user` as served by (for served())."""
        from marketplace.reviews.models import ServedPerson

        return ServedPerson.objects.filter(service_kind=self.key, person=user).values("service_id")

    def title(self, service) -> str:
        return str(service)

    def url(self, service) -> str:
        return ""

    def may_record_served(self, actor, service) -> bool:
        """Whether `actor` may record who was served (only if records_served_people)."""
        return False


_REGISTRY: dict[str, RatedService] = {}


def register(kind: RatedService) -> RatedService:
    if not kind.key or kind.key in _REGISTRY:
        raise ValueError(f"Rated service kind {kind.key!r} is empty or registered twice")
    _REGISTRY[kind.key] = kind
    return kind


def kind_get(key: str) -> RatedService:
    """The registered kind for `key`; KeyError if none (a bad key from a request)."""
    return _REGISTRY[key]


def kinds() -> list[RatedService]:
    return list(_REGISTRY.values())
