"""How numbers read on every page and export, in one place."""

from decimal import ROUND_HALF_UP, Decimal


def percent(share: float | Decimal | None, *, digits: int = 0, empty: str = "–") -> str:
    """A share (0 … 1) as a percentage, rounded half up, never truncated:
    0.4385 → "44%", with digits=1 → "43.9%"; `empty` when there is no share (nothing to
    divide by)."""
    if share is None:
        return empty
    exponent = Decimal(1).scaleb(-digits)
    value = (Decimal(str(share)) * 100).quantize(exponent, rounding=ROUND_HALF_UP)
    return f"{value}%"
