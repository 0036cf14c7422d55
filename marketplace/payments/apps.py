from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "marketplace.payments"
    label = "payments"
    verbose_name = _("Bookings and payments")

    def ready(self):
        from marketplace.payments import reviewing  # noqa: F401  (registers the rateable service with reviews)
