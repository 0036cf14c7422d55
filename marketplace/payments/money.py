"""Money as integers of fen (CNY minor units): conversions, display and the fee split."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from marketplace.core.errors import DomainError

CURRENCY = "cny"
FEN_PER_YUAN = 100
# Stripe refuses charges below about US$0.50 in the account's settlement currency: ¥4
# clears it. Smaller prices and gifts cannot be paid online.
MIN_CHARGE = 400  # fen


def fen_of(yuan: Decimal) -> int:
    """Fen in a yuan amount (a Decimal such as Offering.price); no rounding."""
    fen = Decimal(yuan) * FEN_PER_YUAN
    if fen != fen.to_integral_value() or fen < 0:
        raise DomainError(_("An amount in yuan has at most two decimals and is not negative."))
    return int(fen)


def yuan_of(fen: int) -> Decimal:
    return (Decimal(fen) / FEN_PER_YUAN).quantize(Decimal("0.01"))


def fee_split(amount: int) -> tuple[int, int]:
    """(platform fee, provider's share) of an amount: the fee is
    PLATFORM_FEE_BASIS_POINTS of it, rounded half up to the fen; the share is the rest."""
    basis_points = settings.PLATFORM_FEE_BASIS_POINTS
    if not 0 <= basis_points <= 10_000:
        raise DomainError(_("The platform fee must be between 0 and 100 %."))
    fee = int((Decimal(amount) * basis_points / 10_000).quantize(Decimal(1), ROUND_HALF_UP))
    return fee, amount - fee
