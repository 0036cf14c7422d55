import logging

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.validators import normalize_mobile

sms_log = logging.getLogger("linli.sms")


class MainlandMobileField(forms.CharField):
    """Accepts 13800138000, 138 0013 8000 or +86 13800138000; cleans to +8613800138000."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Mobile number"))
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalize_mobile(value) if value else value


class LinliAccountAdapter(DefaultAccountAdapter):
    """Phone numbers live on the user; SMS codes go to the log until an SMS gateway is set."""

    def phone_form_field(self, **kwargs):
        return MainlandMobileField(**kwargs)

    def send_verification_code_sms(self, user, phone, code, **kwargs):
        sms_log.info("SMS to %s: Linli verification code %s", phone, code)

    def set_phone(self, user, phone, verified):
        user.phone = phone
        user.phone_verified = verified
        user.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user):
        return (user.phone, user.phone_verified) if user.phone else None

    def set_phone_verified(self, user, phone):
        self.set_phone(user, phone, True)

    def get_user_by_phone(self, phone):
        from marketplace.accounts.models import User

        try:
            phone = normalize_mobile(phone)
        except ValidationError:
            return None
        return User.objects.get_by_phone(phone)
