from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.regions.models import Region, RegionLevel


class PartyRegistrationForm(forms.Form):
    community = forms.ModelChoiceField(
        label=_("Community you live in"),
        queryset=Region.objects.filter(level=RegionLevel.COMMUNITY).select_related("parent"),
    )
    workplace = forms.CharField(label=_("Workplace (unit)"), max_length=120, required=False)
