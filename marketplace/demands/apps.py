from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandsConfig(AppConfig):
    name = "marketplace.demands"
    label = "demands"
    verbose_name = _("Demands")

    def ready(self):
        from marketplace.demands import reviewing  # noqa: F401  (registers the rateable service with reviews)
