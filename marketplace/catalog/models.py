from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.core.i18n import BilingualNameModel


class ServiceKind(models.TextChoices):
    PUBLIC = "public", _("Public service")
    CONVENIENCE = "convenience", _("Convenience service")
    VOLUNTEER = "volunteer", _("Volunteer service")


class ServiceCategory(BilingualNameModel):
    """养老, 托育, 助残 … — the areas of community service."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")


class Skill(BilingualNameModel):
    """What a volunteer or social worker can do: first aid, sign language, …"""

    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
