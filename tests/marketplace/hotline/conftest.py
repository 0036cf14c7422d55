import pytest
from django.utils import translation

from marketplace.hotline.models import RequestCategory
from tests.factories import staff_of


@pytest.fixture(autouse=True)
def in_english():
    """Messages are matched in English; the zh-hans catalog is checked by test_i18n."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def category(db):
    return RequestCategory.objects.create(
        code="sanitation",
        name_zh="环境卫生",
        name_en="Sanitation",
        response_hours=2,
        resolution_hours=48,
    )


@pytest.fixture
def street_staff(world):
    return staff_of(world["streets"][0])
