from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.validators import id_number_birth_date, validate_id_number
from marketplace.core.fields import (
    BlindIndexedModelMixin,
    BlindIndexField,
    ChoiceListField,
    EncryptedCharField,
)
from marketplace.core.models import TimeStampedModel


class LinliUserManager(UserManager):
    """Users are identified by email; there is no username."""

    def get_by_phone(self, phone: str):
        """The user with this (normalized) mobile number, or None."""
        from marketplace.core.crypto import blind_index

        return self.filter(phone_index=blind_index(phone)).first() if phone else None

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(BlindIndexedModelMixin, AbstractUser):
    username = None
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("full name"), max_length=60, blank=True)
    # Encrypted at rest; found through phone_index (unique: one account per number).
    phone = EncryptedCharField(_("mobile number"), max_length=16, null=True, blank=True)
    phone_index = BlindIndexField(source="phone", unique=True)
    phone_verified = models.BooleanField(_("mobile number verified"), default=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = LinliUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return self.name or self.email

    def clean(self):
        super().clean()
        if self.phone:
            from django.core.exceptions import ValidationError

            holder = User.objects.get_by_phone(self.phone)
            if holder is not None and holder.pk != self.pk:
                raise ValidationError(
                    {"phone": _("This mobile number belongs to another account.")}
                )


class CommunityStaffAssignment(TimeStampedModel):
    """Makes a user community staff (社区工作者) of one community."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="community_assignments")
    community = models.ForeignKey(
        "regions.Region",
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="staff_assignments",
    )
    title = models.CharField(_("position"), max_length=40, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "community"], name="unique_staff_assignment")
        ]
        verbose_name = _("community staff assignment")
        verbose_name_plural = _("community staff assignments")

    def __str__(self):
        return f"{self.user} @ {self.community}"


class ResidentProfile(TimeStampedModel):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="resident_profile")
    community = models.ForeignKey(
        "regions.Region", verbose_name=_("home community"), on_delete=models.PROTECT
    )
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("resident profile")
        verbose_name_plural = _("resident profiles")

    def __str__(self):
        return str(self.user)


class Availability(models.TextChoices):
    WEEKDAY_MORNING = "weekday_morning", _("Weekday mornings")
    WEEKDAY_AFTERNOON = "weekday_afternoon", _("Weekday afternoons")
    WEEKDAY_EVENING = "weekday_evening", _("Weekday evenings")
    WEEKEND_MORNING = "weekend_morning", _("Weekend mornings")
    WEEKEND_AFTERNOON = "weekend_afternoon", _("Weekend afternoons")
    WEEKEND_EVENING = "weekend_evening", _("Weekend evenings")


class VolunteerProfile(BlindIndexedModelMixin, TimeStampedModel):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="volunteer_profile")
    home_community = models.ForeignKey(
        "regions.Region", verbose_name=_("home community"), on_delete=models.PROTECT
    )
    skills = models.ManyToManyField("catalog.Skill", verbose_name=_("skills"), blank=True)
    availability = ChoiceListField(_("availability"), item_choices=Availability.choices)
    # Encrypted at rest; id_number_index keeps one volunteer profile per person.
    id_number = EncryptedCharField(
        _("ID number"), max_length=18, blank=True, validators=[validate_id_number]
    )
    id_number_index = BlindIndexField(source="id_number", unique=True)
    is_party_member = models.BooleanField(_("in-service Party member"), default=False)

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")

    def __str__(self):
        return str(self.user)

    def clean(self):
        super().clean()
        if self.id_number:
            from django.core.exceptions import ValidationError

            from marketplace.core.crypto import blind_index

            taken = VolunteerProfile.objects.filter(id_number_index=blind_index(self.id_number))
            if taken.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"id_number": _("This ID number is already registered to another volunteer.")}
                )

    @property
    def is_verified(self) -> bool:
        """Real-name registered (实名注册): a valid ID number is on file."""
        return bool(self.id_number)

    @property
    def birth_date(self):
        return id_number_birth_date(self.id_number) if self.id_number else None

    def availability_labels(self) -> list[str]:
        labels = dict(Availability.choices)
        return [str(labels[code]) for code in self.availability if code in labels]


class CertificationLevel(models.TextChoices):
    ASSISTANT = "assistant", _("Assistant social worker (助理社会工作师)")
    INTERMEDIATE = "intermediate", _("Social worker (社会工作师)")
    SENIOR = "senior", _("Senior social worker (高级社会工作师)")


class SocialWorkerProfile(TimeStampedModel):
    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="social_worker_profile"
    )
    level = models.CharField(
        _("certification level"), max_length=20, choices=CertificationLevel.choices
    )
    certificate_number = models.CharField(_("certificate number"), max_length=40, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="social_workers",
    )
    specialties = models.ManyToManyField(
        "catalog.ServiceCategory", verbose_name=_("specialties"), blank=True
    )

    class Meta:
        verbose_name = _("social worker profile")
        verbose_name_plural = _("social worker profiles")

    def __str__(self):
        return str(self.user)


def age_on(birth_date, day) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
