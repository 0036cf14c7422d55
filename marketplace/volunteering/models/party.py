from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.core.models import TimeStampedModel


class PartyMemberRegistration(TimeStampedModel):
    """An in-service Party member reporting to the community where they live
    (在职党员到社区报到). One current registration per person."""

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Party member"),
        on_delete=models.CASCADE,
        related_name="party_registrations",
    )
    community = models.ForeignKey(
        "regions.Region",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="party_registrations",
        limit_choices_to={"level": "community"},
    )
    workplace = models.CharField(_("workplace (unit)"), max_length=120, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer"],
                condition=Q(ended_at__isnull=True),
                name="one_current_party_registration",
            )
        ]
        verbose_name = _("Party member registration")
        verbose_name_plural = _("Party member registrations")

    def __str__(self):
        return f"{self.volunteer} @ {self.community}"
