from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotlineConfig(AppConfig):
    name = "marketplace.hotline"
    label = "hotline"
    verbose_name = _("Residents' requests")

    def ready(self):
        from marketplace.hotline import kinds  # noqa: F401  (registers the notification kinds)
        from marketplace.hotline.rating import RequestService
        from marketplace.reviews.registry import register

        register(RequestService())
