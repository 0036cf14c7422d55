"""Validators shared by several apps: coordinates inside mainland China."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Bounding box of the People's Republic of China, generously rounded.
LATITUDE_RANGE = (Decimal("3.0"), Decimal("54.0"))
LONGITUDE_RANGE = (Decimal("73.0"), Decimal("136.0"))


def validate_latitude(value):
    if value is None:
        return
    low, high = LATITUDE_RANGE
    if not low <= Decimal(str(value)) <= high:
        raise ValidationError(
            _("Latitude must be between %(low)s and %(high)s (inside China)."),
            code="latitude",
            params={"low": low, "high": high},
        )


def validate_longitude(value):
    if value is None:
        return
    low, high = LONGITUDE_RANGE
    if not low <= Decimal(str(value)) <= high:
        raise ValidationError(
            _("Longitude must be between %(low)s and %(high)s (inside China)."),
            code="longitude",
            params={"low": low, "high": high},
        )
