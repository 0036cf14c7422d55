"""Mainland mobile numbers and resident ID numbers (GB 11643-1999)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAINLAND_MOBILE = re.compile(r"^1[3-9]\d{9}$")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"


def normalize_mobile(raw: str) -> str:
    """'138 0013 8000', '+86-13800138000' → '+8613800138000'. Raises if not a mainland mobile."""
    digits = re.sub(r"[\s\-()]", "", raw or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    if not MAINLAND_MOBILE.match(digits):
        raise ValidationError(
            _("Enter a mainland China mobile number: 11 digits starting with 13–19."),
            code="invalid_mobile",
        )
    return "+86" + digits


def validate_mobile(value: str) -> None:
    normalize_mobile(value)


def id_number_check_char(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def validate_id_number(value: str) -> None:
    """An 18-character resident identity number with a valid GB 11643 check character."""
    value = (value or "").strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", value):
        raise ValidationError(
            _("An ID number has 17 digits followed by a digit or X."), code="invalid_id_format"
        )
    if id_number_check_char(value[:17]) != value[17]:
        raise ValidationError(
            _("This ID number's check character is wrong; please check it."),
            code="invalid_id_checksum",
        )


def id_number_birth_date(value: str):
    """The date of birth an 18-character ID number carries (characters 7–14), or None."""
    from datetime import date

    try:
        return date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except (TypeError, ValueError):
        return None
