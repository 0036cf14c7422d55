from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "marketplace.procurement"
    label = "procurement"
    verbose_name = _("Purchased services")

    def ready(self):
        from marketplace.procurement import reviewing  # noqa: F401  (registers the rateable service with reviews)
