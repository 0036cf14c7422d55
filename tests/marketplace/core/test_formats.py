from decimal import Decimal

import pytest
from django.template import Context, Template

from marketplace.core.formats import percent


@pytest.mark.parametrize(
    ("share", "digits", "shown"),
    [
        (0.4385, 0, "44%"),
        (0.4385, 1, "43.9%"),
        (0.425, 0, "43%"),  # half up: Python's round() would give 42
        (Decimal("0.125"), 1, "12.5%"),
        (1, 0, "100%"),
        (0, 1, "0.0%"),
        (None, 0, "–"),
    ],
)
def test_a_share_reads_as_a_percentage_rounded_half_up(share, digits, shown):
    assert percent(share, digits=digits) == shown


def test_pages_and_exports_use_the_one_percent():
    page = Template("{% load formats %}{{ a|percent }} {{ a|percent:1 }} {{ none|percent }}")
    assert page.render(Context({"a": 0.4385, "none": None})) == "44% 43.9% –"
    assert percent(None, empty="") == ""
