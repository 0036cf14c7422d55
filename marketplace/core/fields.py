from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.core.validators import validate_latitude, validate_longitude


def latitude_field(**kwargs):
    return models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, validators=[validate_latitude], **kwargs
    )


def longitude_field(**kwargs):
    return models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, validators=[validate_longitude], **kwargs
    )


class ChoiceListField(models.JSONField):
    """A list of choice codes stored as JSON; edited as checkboxes, validated against choices."""

    def __init__(self, *args, item_choices=(), **kwargs):
        self.item_choices = list(item_choices)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        from django.core.exceptions import ValidationError

        allowed = {code for code, _label in self.item_choices}
        unknown = [item for item in value or [] if item not in allowed]
        if unknown:
            raise ValidationError(
                _("Unknown choices: %(items)s."),
                code="invalid_choice",
                params={"items": ", ".join(map(str, unknown))},
            )

    def formfield(self, **kwargs):
        from django import forms

        return forms.MultipleChoiceField(
            choices=self.item_choices,
            required=not self.blank,
            label=self.verbose_name,
            widget=forms.CheckboxSelectMultiple,
        )


class EncryptedCharField(models.TextField):
    """Personal data (a phone or ID number) stored encrypted; Python sees the plaintext.

    Only `isnull` lookups make sense on ciphertext; filtering by value goes through a
    BlindIndexField beside it, and any other lookup fails loudly instead of matching nothing.
    """

    def __init__(self, *args, max_length=None, **kwargs):
        self.plaintext_max_length = max_length
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.plaintext_max_length is not None:
            kwargs["max_length"] = self.plaintext_max_length
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        from marketplace.core.crypto import decrypt

        return decrypt(value) if value else value

    def get_prep_value(self, value):
        from marketplace.core.crypto import encrypt

        value = super().get_prep_value(value)
        return encrypt(value) if value else value

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            from django.core.exceptions import FieldError

            raise FieldError(
                f"{self.name} is encrypted: look it up through its blind index,"
                f" not with '{lookup_name}'."
            )
        return super().get_lookup(lookup_name)

    def formfield(self, **kwargs):
        from django import forms

        return forms.CharField(
            max_length=self.plaintext_max_length,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            **kwargs,
        )


class BlindIndexField(models.CharField):
    """Keyed hash of another field's plaintext, kept in step on every save."""

    DEFAULTS = {"max_length": 64, "editable": False, "null": True, "blank": True}

    def __init__(self, *args, source: str = "", **kwargs):
        self.source = source
        super().__init__(*args, **{**self.DEFAULTS, **kwargs})

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for option, default in self.DEFAULTS.items():
            if getattr(self, option) == default:
                kwargs.pop(option, None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        from marketplace.core.crypto import blind_index

        plaintext = getattr(model_instance, self.source)
        value = blind_index(plaintext) if plaintext else None
        setattr(model_instance, self.attname, value)
        return value


class BlindIndexedModelMixin:
    """Saving an encrypted field with update_fields also saves its blind index."""

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is not None:
            indexes = {
                field.name
                for field in self._meta.fields
                if isinstance(field, BlindIndexField) and field.source in update_fields
            }
            update_fields = {*update_fields, *indexes}
        super().save(*args, update_fields=update_fields, **kwargs)
