from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.organizations.models import Organization


class ResponseForm(forms.Form):
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        label=_("Respond for"),
        empty_label=_("Myself (social worker or volunteer)"),
    )
    message = forms.CharField(
        label=_("How you would meet it"), widget=forms.Textarea(attrs={"rows": 4})
    )
    proposed_price = forms.DecimalField(
        label=_("Proposed price (yuan, optional)"), required=False, min_value=0, decimal_places=2
    )

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations or Organization.objects.none()


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"), widget=forms.Textarea(attrs={"rows": 2})
    )
