"""Only people who were served may rate, once per service, for every kind of service."""

import pytest

from marketplace.core.errors import DomainError, NotPermitted
from marketplace.reviews import services
from marketplace.reviews.models import RatingAggregate, Review, ServedPerson
from tests.factories.reviews import (
    accepted_milestone,
    delivered_demand,
    finished_shift,
    resident_of,
    resolved_request,
)


def rate(person, kind, service, level=5):
    return services.review_create(
        actor=person, service_kind=kind, service_id=service.pk, level=level
    )


def refused(person, kind, service, match, error=NotPermitted):
    before = (Review.objects.count(), list(RatingAggregate.objects.values()))
    with pytest.raises(error, match=match):
        rate(person, kind, service)
    assert (Review.objects.count(), list(RatingAggregate.objects.values())) == before


NOT_SERVED = "only a service you received yourself"
TWICE = "already rated this service"


def test_demand_only_the_people_served_once(world, neighbour):
    demand = delivered_demand(world, served=[world["resident"]])
    refused(neighbour, "demand", demand, NOT_SERVED)  # same community, not served
    refused(world["staff"], "demand", demand, NOT_SERVED)
    refused(world["org_admin"], "demand", demand, NOT_SERVED)  # the provider
    review = rate(world["resident"], "demand", demand, level=4)
    assert (review.provider_type, review.provider_id) == ("organization", world["provider"].pk)
    assert review.community == world["home"]
    refused(world["resident"], "demand", demand, TWICE, error=DomainError)


def test_demand_not_yet_delivered_cannot_be_rated(world):
    demand = delivered_demand(world, closed=False)
    services.served_people_record(
        actor=world["staff"],
        service_kind="demand",
        service_id=demand.pk,
        contacts=[world["resident"].email],
    )
    rate(world["resident"], "demand", demand)  # delivered: may rate
    in_progress = delivered_demand(world, closed=False)
    from marketplace.demands.models import Demand

    Demand.objects.filter(pk=in_progress.pk).update(status="in_progress")
    ServedPerson.objects.create(
        service_kind="demand", service_id=in_progress.pk, person=world["resident"]
    )
    refused(world["resident"], "demand", in_progress, NOT_SERVED)


def test_volunteer_shift_rated_by_the_residents_it_served(world, neighbour):
    shift = finished_shift(world, served=[world["resident"]])
    refused(neighbour, "shift", shift, NOT_SERVED)
    refused(world["volunteer"], "shift", shift, NOT_SERVED)
    review = rate(world["resident"], "shift", shift)
    # A task the community ran itself: the community is rated.
    assert (review.provider_type, review.provider_id) == ("community", world["home"].pk)
    refused(world["resident"], "shift", shift, TWICE, error=DomainError)


def test_a_shift_not_yet_over_cannot_be_rated(world):
    shift = finished_shift(world, served=[world["resident"]])
    from django.utils import timezone

    shift.__class__.objects.filter(pk=shift.pk).update(
        ends_at=timezone.now() + timezone.timedelta(hours=1)
    )
    refused(world["resident"], "shift", shift, NOT_SERVED)


def test_contract_deliverable_rated_by_residents_of_its_communities(world, neighbour):
    done = accepted_milestone(world)
    elsewhere = resident_of(world["other"])
    refused(elsewhere, "milestone", done["accepted"], NOT_SERVED)  # not a community served
    refused(world["staff"], "milestone", done["accepted"], NOT_SERVED)  # no resident profile
    refused(neighbour, "milestone", done["pending"], NOT_SERVED)  # not yet accepted
    review = rate(neighbour, "milestone", done["accepted"], level=3)
    assert (review.provider_type, review.provider_id) == (
        "organization",
        done["organization"].pk,
    )
    assert review.community == world["home"]  # where the reviewer lives
    refused(neighbour, "milestone", done["accepted"], TWICE, error=DomainError)


def test_request_rated_by_the_resident_who_filed_it(world, neighbour):
    from marketplace.hotline import services as hotline

    item = resolved_request(world)
    refused(neighbour, "request", item, NOT_SERVED)  # same community, not theirs
    refused(world["staff"], "request", item, NOT_SERVED)  # who handled it
    open_one = hotline.request_file(
        actor=world["resident"], category=item.category, text="噪音扰民", place="杏花路58号"
    )
    refused(world["resident"], "request", open_one, NOT_SERVED)  # not resolved yet
    review = rate(world["resident"], "request", item, level=4)
    # The handling is rated: the community's staff are the provider.
    assert (review.provider_type, review.provider_id) == ("community", world["home"].pk)
    refused(world["resident"], "request", item, TWICE, error=DomainError)


def test_booking_rated_by_the_resident_who_booked_it_once_its_time_is_over(world, neighbour):
    from datetime import timedelta

    from django.utils import timezone

    from marketplace.payments.models import BookingSlot
    from marketplace.payments.services.bookings import booking_create, slot_create
    from tests.factories import OfferingFactory

    start = timezone.now() + timedelta(days=1)
    slot = slot_create(
        actor=world["org_staff"],
        offering=OfferingFactory(organization=world["provider"], price=None),
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        capacity=2,
    )
    booking = booking_create(actor=world["resident"], slot=slot)
    refused(world["resident"], "booking", booking, NOT_SERVED)  # not happened yet
    BookingSlot.objects.filter(pk=slot.pk).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() - timedelta(hours=1)
    )
    refused(neighbour, "booking", booking, NOT_SERVED)  # not theirs
    review = rate(world["resident"], "booking", booking)
    assert (review.provider_type, review.provider_id) == ("organization", world["provider"].pk)
    assert review.community == world["home"]  # where the reviewer lives
    refused(world["resident"], "booking", booking, TWICE, error=DomainError)


def test_every_registered_kind_is_covered_here():
    """A new kind of service must come with its eligibility test in this file."""
    from marketplace.reviews.registry import kinds

    assert {kind.key for kind in kinds()} == {"demand", "shift", "milestone", "request", "booking"}


def test_unknown_kind_or_service(world):
    demand = delivered_demand(world, served=[world["resident"]])
    with pytest.raises(DomainError, match="no such kind"):
        services.review_create(
            actor=world["resident"], service_kind="nonsense", service_id=demand.pk, level=5
        )
    with pytest.raises(NotPermitted):
        services.review_create(
            actor=world["resident"], service_kind="demand", service_id=999999, level=5
        )


@pytest.mark.parametrize("level", [0, 6, "x", None])
def test_a_level_outside_the_scale(world, level):
    demand = delivered_demand(world, served=[world["resident"]])
    with pytest.raises(DomainError, match="one of the five levels"):
        services.review_create(
            actor=world["resident"], service_kind="demand", service_id=demand.pk, level=level
        )
    assert not Review.objects.exists()


def test_recording_people_served(world, neighbour):
    demand = delivered_demand(world)
    with pytest.raises(NotPermitted):
        services.served_people_record(
            actor=world["other_staff"],
            service_kind="demand",
            service_id=demand.pk,
            contacts=[neighbour.email],
        )
    with pytest.raises(DomainError, match="13800000000"):
        services.served_people_record(
            actor=world["staff"],
            service_kind="demand",
            service_id=demand.pk,
            contacts=[neighbour.email, "13800000000"],
        )
    assert not ServedPerson.objects.exists()  # all or nothing
    services.served_people_record(
        actor=world["staff"],
        service_kind="demand",
        service_id=demand.pk,
        contacts=[neighbour.email, neighbour.email.upper()],
    )
    assert ServedPerson.objects.filter(person=neighbour).count() == 1
    # Recording again is harmless.
    services.served_people_record(
        actor=world["staff"],
        service_kind="demand",
        service_id=demand.pk,
        contacts=[neighbour.email],
    )
    assert ServedPerson.objects.count() == 1
    assert neighbour.notifications.filter(kind="reviews.served.recorded").count() == 1


def test_insiders_cannot_be_recorded_as_served(world, neighbour):
    demand = delivered_demand(world)
    for insider in (world["org_staff"], world["staff"]):  # the provider, the recorder
        with pytest.raises(DomainError, match="cannot rate it"):
            services.served_people_record(
                actor=world["staff"],
                service_kind="demand",
                service_id=demand.pk,
                contacts=[neighbour.email, insider.email],
            )
    assert not ServedPerson.objects.exists()
    # A shift of a task an organization runs: its members cannot say who was served.
    shift = finished_shift(world)
    shift.task.organization = world["provider"]
    shift.task.save(update_fields=["organization"])
    with pytest.raises(NotPermitted):
        services.served_people_record(
            actor=world["org_admin"],
            service_kind="shift",
            service_id=shift.pk,
            contacts=[neighbour.email],
        )
    services.served_people_record(
        actor=world["staff"], service_kind="shift", service_id=shift.pk, contacts=[neighbour.email]
    )
    review = rate(neighbour, "shift", shift)
    assert (review.provider_type, review.provider_id) == ("organization", world["provider"].pk)
