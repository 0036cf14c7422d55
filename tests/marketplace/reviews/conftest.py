import pytest
from django.utils import translation

from tests.factories.reviews import delivered_demand, resident_of


@pytest.fixture(autouse=True)
def in_english():
    """Messages are matched in English; the zh-hans catalog is checked by test_i18n."""
    with translation.override("en"):
        yield


@pytest.fixture
def served_demand(world):
    return delivered_demand(world, served=[world["resident"]])


@pytest.fixture
def neighbour(world):
    return resident_of(world["home"])
