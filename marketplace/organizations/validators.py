"""Unified Social Credit Code (统一社会信用代码), GB 32100-2015."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    total = sum(
        CREDIT_CODE_CHARSET.index(char) * weight
        for char, weight in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    value = (value or "").strip().upper()
    if len(value) != 18:
        raise ValidationError(
            _("A Unified Social Credit Code has exactly 18 characters."), code="credit_code_length"
        )
    bad = sorted({char for char in value if char not in CREDIT_CODE_CHARSET})
    if bad:
        raise ValidationError(
            _(
                "A Unified Social Credit Code cannot contain: %(chars)s "
                "(I, O, Z, S and V are never used)."
            ),
            code="credit_code_chars",
            params={"chars": " ".join(bad)},
        )
    if credit_code_check_char(value[:17]) != value[17]:
        raise ValidationError(
            _("The check character of this Unified Social Credit Code is wrong; please check it."),
            code="credit_code_checksum",
        )
