from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BilingualNameModel(models.Model):
    """Reference data named in Chinese and English; `name` follows the active language."""

    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "zh-hans").lower()
        return self.name_en if language.startswith("en") else self.name_zh
