import datetime

import pytest
from django.core.exceptions import ValidationError

from marketplace.core.errors import NotPermitted
from marketplace.regions.models import Facility, OpeningHours
from marketplace.regions.services import facility_save
from tests.factories import FacilityFactory


def _hours(*spans):
    return [
        OpeningHours(weekday=day, opens=datetime.time(*a), closes=datetime.time(*b))
        for day, a, b in spans
    ]


def test_short_days_are_flagged(world):
    facility = FacilityFactory(community=world["home"])
    assert not facility.has_short_days
    OpeningHours.objects.create(
        facility=facility, weekday=5, opens=datetime.time(9), closes=datetime.time(12)
    )
    facility = Facility.objects.prefetch_related("opening_hours").get(pk=facility.pk)
    assert facility.has_short_days
    saturday = facility.weekly_schedule()[5]
    assert saturday["short"] and saturday["hours"] == 3.0


@pytest.mark.parametrize(
    "spans",
    [
        [(0, (9,), (8,))],  # closes before it opens
        [(0, (8,), (12,)), (0, (11,), (17,))],  # overlaps
    ],
)
def test_bad_opening_hours_are_refused(world, spans):
    facility = FacilityFactory.build(community=world["home"])
    with pytest.raises(ValidationError):
        facility_save(actor=world["staff"], facility=facility, opening_hours=_hours(*spans))
    assert not Facility.objects.filter(name=facility.name).exists()


def test_coordinates_outside_china_are_refused(world):
    facility = FacilityFactory.build(community=world["home"], latitude=-33.9, longitude=151.2)
    with pytest.raises(ValidationError) as error:
        facility_save(actor=world["staff"], facility=facility, opening_hours=[])
    assert {"latitude", "longitude"} <= set(error.value.message_dict)


def test_staff_manage_only_their_communitys_facilities(world):
    facility = FacilityFactory.build(community=world["home"])
    with pytest.raises(NotPermitted):
        facility_save(actor=world["other_staff"], facility=facility, opening_hours=[])
    facility_save(
        actor=world["staff"],
        facility=facility,
        opening_hours=_hours((0, (8,), (12,)), (0, (13,), (17,))),
    )
    assert Facility.objects.filter(pk=facility.pk).exists()
