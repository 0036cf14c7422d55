from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from marketplace.core.i18n import BilingualNameModel
from marketplace.core.models import TimeStampedModel


class RequestCategory(BilingualNameModel, TimeStampedModel):
    """A kind of resident request (环境卫生, 设施维修 …) and the deadlines it carries.

    Platform admins manage these in the back office; a request takes its deadlines from
    its category when it is filed, so a later change applies to new requests only."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    response_hours = models.PositiveSmallIntegerField(
        _("hours to accept"),
        help_text=_("Community staff must accept a request within this many hours of filing."),
    )
    resolution_hours = models.PositiveSmallIntegerField(
        _("hours to resolve"),
        help_text=_("The request must be resolved within this many hours of filing."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Residents can file requests in this category.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(response_hours__gte=1), name="request_category_response_positive"
            ),
            models.CheckConstraint(
                condition=Q(resolution_hours__gte=F("response_hours")),
                name="request_category_resolution_after_response",
            ),
        ]
        verbose_name = _("request category")
        verbose_name_plural = _("request categories")

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.response_hours is not None and self.response_hours < 1:
            raise ValidationError({"response_hours": _("Allow at least one hour to accept.")})
        if (
            self.response_hours is not None
            and self.resolution_hours is not None
            and self.resolution_hours < self.response_hours
        ):
            raise ValidationError(
                {"resolution_hours": _("The time to resolve cannot be shorter than to accept.")}
            )
