"""Reviews (好差评), the people a service was recorded as serving, and rating aggregates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, transition

from marketplace.core.fields import ChoiceListField
from marketplace.core.models import TimeStampedModel
from marketplace.reviews.registry import ProviderType
from marketplace.reviews.states import may_moderate, may_remove


class Level(models.IntegerChoices):
    """The five levels of the national 好差评 scale, best first."""

    VERY_SATISFIED = 5, _("Very satisfied")
    SATISFIED = 4, _("Satisfied")
    FAIRLY_SATISFIED = 3, _("Fairly satisfied")
    DISSATISFIED = 2, _("Dissatisfied")
    VERY_DISSATISFIED = 1, _("Very dissatisfied")


BAD_LEVELS = (Level.DISSATISFIED, Level.VERY_DISSATISFIED)
SATISFIED_LEVELS = (Level.VERY_SATISFIED, Level.SATISFIED)


class Tag(models.TextChoices):
    ON_TIME = "on_time", _("On time")
    FRIENDLY = "friendly", _("Friendly")
    SKILLED = "skilled", _("Skilled")
    PATIENT = "patient", _("Patient")
    TIDY = "tidy", _("Clean and tidy")
    LATE = "late", _("Late")
    RUDE = "rude", _("Impolite")
    UNSKILLED = "unskilled", _("Not done properly")
    NO_SHOW = "no_show", pgettext_lazy("review tag", "Did not come")
    OVERCHARGED = "overcharged", _("Asked for extra money")


class ReviewStatus(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    # Text held back (by the word filter or by staff); the rating still counts.
    HIDDEN = "hidden", _("Hidden")
    # Removed as abusive: hidden, and no longer counted in the rating.
    REMOVED = "removed", _("Removed as abusive")


COUNTED = (ReviewStatus.VISIBLE, ReviewStatus.HIDDEN)


class Review(TimeStampedModel):
    """One person's rating of one service they received, once per service."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    service_kind = models.CharField(_("kind of service"), max_length=20)
    service_id = models.PositiveBigIntegerField(_("service"))
    service_title = models.CharField(_("service"), max_length=200)
    provider_type = models.CharField(
        _("provider type"), max_length=12, choices=ProviderType.choices
    )
    provider_id = models.PositiveBigIntegerField(_("provider"))
    provider_name = models.CharField(_("provider"), max_length=120)
    community = models.ForeignKey(
        "regions.Region",
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    level = models.PositiveSmallIntegerField(_("rating"), choices=Level.choices)
    text = models.TextField(_("comment"), blank=True)
    tags = ChoiceListField(_("tags"), item_choices=Tag.choices)
    status = FSMField(
        _("status"), max_length=8, choices=ReviewStatus.choices, default=ReviewStatus.VISIBLE
    )
    moderation_reason = models.TextField(_("reason for moderation"), blank=True)
    edited_at = models.DateTimeField(_("last edited"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reviewer", "service_kind", "service_id"], name="one_review_per_service"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="review_level_1_to_5"
            ),
        ]
        indexes = [models.Index(fields=["provider_type", "provider_id", "status"])]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return f"{self.provider_name} · {self.get_level_display()}"

    @property
    def is_bad(self) -> bool:
        return self.level in BAD_LEVELS

    @property
    def text_shown(self) -> bool:
        return self.status == ReviewStatus.VISIBLE

    # The transition table of moderation; who may make each move is in states.py.
    @transition(
        field=status,
        source=ReviewStatus.VISIBLE,
        target=ReviewStatus.HIDDEN,
        permission=may_moderate,
    )
    def hide(self):
        pass

    @transition(
        field=status,
        source=ReviewStatus.HIDDEN,
        target=ReviewStatus.VISIBLE,
        permission=may_moderate,
    )
    def unhide(self):
        pass

    # Undoing a removal is for those who may remove.
    @transition(
        field=status,
        source=ReviewStatus.REMOVED,
        target=ReviewStatus.VISIBLE,
        permission=may_remove,
    )
    def reinstate(self):
        pass

    @transition(
        field=status,
        source=[ReviewStatus.VISIBLE, ReviewStatus.HIDDEN],
        target=ReviewStatus.REMOVED,
        permission=may_remove,
    )
    def remove(self):
        pass


class ServedPerson(TimeStampedModel):
    """Staff recorded that this person was served by this demand or shift."""

    service_kind = models.CharField(_("kind of service"), max_length=20)
    service_id = models.PositiveBigIntegerField(_("service"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person served"),
        on_delete=models.CASCADE,
        related_name="services_received",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service_kind", "service_id", "person"], name="served_once_per_service"
            )
        ]
        verbose_name = _("person served")
        verbose_name_plural = _("people served")


class RatingAggregate(models.Model):
    """Running counts per level for one provider (or, with type "platform", for all).

    Updated by increments in the same transaction as each review change, never by
    rescanning reviews; `reviews.services.aggregates.rating_recompute` rebuilds one
    from scratch for checks and repairs.
    """

    PLATFORM = "platform"

    provider_type = models.CharField(max_length=12)
    provider_id = models.PositiveBigIntegerField()
    n1 = models.PositiveIntegerField(default=0)
    n2 = models.PositiveIntegerField(default=0)
    n3 = models.PositiveIntegerField(default=0)
    n4 = models.PositiveIntegerField(default=0)
    n5 = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["provider_type", "provider_id"], name="one_aggregate_per_provider"
            )
        ]
        verbose_name = _("rating aggregate")
        verbose_name_plural = _("rating aggregates")

    def __str__(self):
        return f"{self.provider_type}:{self.provider_id}"

    def counts(self) -> dict[int, int]:
        return {level: getattr(self, f"n{level}") for level in range(1, 6)}
