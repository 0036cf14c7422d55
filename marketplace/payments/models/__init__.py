from marketplace.payments.models.bookings import (
    MAX_PLACES,
    PLACE_HOLDING,
    Booking,
    BookingSlot,
    BookingStatus,
)
from marketplace.payments.models.donations import Donation, DonationStatus
from marketplace.payments.models.events import ATTENTION, OUTSTANDING, EventStatus, StripeEvent
from marketplace.payments.models.payments import (
    REFUND_SETTLED,
    Payment,
    PaymentStatus,
    Refund,
    RefundReason,
    RefundStatus,
)

__all__ = [
    "ATTENTION",
    "MAX_PLACES",
    "OUTSTANDING",
    "PLACE_HOLDING",
    "REFUND_SETTLED",
    "Booking",
    "BookingSlot",
    "BookingStatus",
    "Donation",
    "DonationStatus",
    "EventStatus",
    "Payment",
    "PaymentStatus",
    "Refund",
    "RefundReason",
    "RefundStatus",
    "StripeEvent",
]
