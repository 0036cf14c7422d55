from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "marketplace.volunteering"
    label = "volunteering"
    verbose_name = _("Volunteering")

    def ready(self):
        from marketplace.volunteering import reviewing  # noqa: F401  (registers the rateable service with reviews)
