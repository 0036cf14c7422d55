from django import forms
from django.utils.translation import gettext_lazy as _


class BookingCancelForm(forms.Form):
    """A resident cancels their own booking; saying why is optional."""

    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
