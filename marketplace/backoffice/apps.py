from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    """The back office: Wagtail viewsets, hooks and admin views over the domain apps."""

    name = "marketplace.backoffice"
    label = "backoffice"
    verbose_name = _("Back office")
