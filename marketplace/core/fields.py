from django.db import models
from django.utils.translation import gettext_lazy as _

from .validators import validate_latitude, validate_longitude


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
