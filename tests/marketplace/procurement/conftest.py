import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def in_english():
    """Messages are matched in English; the zh-hans catalog is checked by test_i18n."""
    with translation.override("en"):
        yield
