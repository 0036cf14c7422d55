import pytest
from django.utils import translation

from tests.factories.procurement import opened_tender, published_project


@pytest.fixture(autouse=True)
def in_english():
    """Messages are matched in English; the zh-hans catalog is checked by test_i18n."""
    with translation.override("en"):
        yield


@pytest.fixture
def project(world):
    return published_project(world)


@pytest.fixture
def tender(world):
    return opened_tender(world)
