import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from marketplace.core.fields import latitude_field, longitude_field
from marketplace.core.models import TimeStampedModel
from marketplace.volunteering.states import is_task_manager


class TaskStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


T = TaskStatus


class Task(TimeStampedModel):
    """A volunteer-service project or activity (志愿服务项目/活动) with one or more shifts."""

    title = models.CharField(_("title"), max_length=120)
    category = models.ForeignKey(
        "catalog.ServiceCategory", verbose_name=_("category"), on_delete=models.PROTECT
    )
    description = models.TextField(_("description"))
    community = models.ForeignKey(
        "regions.Region",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="volunteer_tasks",
        limit_choices_to={"level": "community"},
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organizing organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="volunteer_tasks",
        help_text=_("Leave empty when the community itself organizes the task."),
    )
    place = models.CharField(_("place"), max_length=200)
    latitude = latitude_field(null=True, blank=True)
    longitude = longitude_field(null=True, blank=True)
    required_skills = models.ManyToManyField(
        "catalog.Skill", verbose_name=_("required skills"), blank=True
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    qualifications = models.CharField(
        _("qualifications required"),
        max_length=200,
        blank=True,
        help_text=_("For example: a first-aid certificate."),
    )
    contact_name = models.CharField(_("contact person"), max_length=40)
    contact_phone = models.CharField(_("contact telephone"), max_length=20)
    requires_approval = models.BooleanField(
        _("organizers approve each sign-up"),
        default=False,
        help_text=_("Otherwise sign-ups are confirmed at once while places remain."),
    )
    status = FSMField(_("status"), max_length=12, choices=TaskStatus.choices, default=T.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "community"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(max_age__gte=F("min_age")),
                name="task_age_range_order",
            )
        ]
        verbose_name = _("volunteer task")
        verbose_name_plural = _("volunteer tasks")

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.min_age and self.max_age and self.max_age < self.min_age:
            raise ValidationError(
                {"max_age": _("The maximum age cannot be below the minimum age.")}
            )

    # The transition table. Sources and targets here; roles in states.py.
    @transition(field=status, source=T.DRAFT, target=T.PUBLISHED, permission=is_task_manager)
    def publish(self):
        pass

    @transition(field=status, source=T.PUBLISHED, target=T.COMPLETED, permission=is_task_manager)
    def complete(self):
        pass

    @transition(
        field=status, source=[T.DRAFT, T.PUBLISHED], target=T.CANCELLED, permission=is_task_manager
    )
    def cancel(self):
        pass


def new_checkin_key() -> str:
    return secrets.token_hex(16)


class Shift(TimeStampedModel):
    """One time slot of a task with a number of places.

    `confirmed_count` is the number of confirmed sign-ups, kept by the sign-up services
    inside the shift's row lock and bounded by a check constraint: the database itself
    refuses more confirmed volunteers than places.
    """

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="shifts")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(_("places"))
    signup_deadline = models.DateTimeField(
        _("sign-up deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty to take sign-ups until the shift starts."),
    )
    confirmed_count = models.PositiveIntegerField(_("confirmed"), default=0, editable=False)
    checkin_key = models.CharField(max_length=32, default=new_checkin_key, editable=False)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="shift_window_order"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="shift_capacity_positive"),
            models.CheckConstraint(
                condition=Q(confirmed_count__lte=F("capacity")), name="shift_never_overbooked"
            ),
        ]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")

    def __str__(self):
        return f"{self.task} · {self.starts_at:%Y-%m-%d %H:%M}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be later than the start.")})
        if self.signup_deadline and self.starts_at and self.signup_deadline > self.starts_at:
            raise ValidationError(
                {"signup_deadline": _("The sign-up deadline cannot be after the start.")}
            )

    @property
    def open_places(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def closes_at(self):
        return self.signup_deadline or self.starts_at

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)
