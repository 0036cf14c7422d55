"""The donation form on a community project's page."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.core.errors import DomainError
from marketplace.payments.money import fen_of
from marketplace.payments.services.donations import MESSAGE_MAX, NAME_MAX

PRESETS = (20, 50, 100)  # yuan


class DonateForm(forms.Form):
    preset = forms.TypedChoiceField(
        label=_("Choose an amount"),
        choices=[(str(y), f"¥{y}") for y in PRESETS],
        coerce=Decimal,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    amount = forms.DecimalField(
        label=_("Or enter another amount (yuan)"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
    )
    donor_name = forms.CharField(label=_("Your name"), required=False, max_length=NAME_MAX)
    anonymous = forms.BooleanField(
        label=_("Donate anonymously: do not show my name on the project page"), required=False
    )
    message = forms.CharField(
        label=_("Message (optional)"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated and not self.is_bound:
            self.initial.setdefault("donor_name", user.name)

    def clean(self):
        data = super().clean()
        yuan = data.get("amount") or data.get("preset")
        if yuan is None:
            if "amount" not in self.errors:
                self.add_error("amount", _("Choose or enter an amount."))
            return data
        try:
            data["amount_fen"] = fen_of(yuan)
        except DomainError as error:
            self.add_error("amount", error.message)
        return data
