from django import forms
from django.utils.translation import gettext_lazy as _

from .backends.base import WALK_15_MIN_KM

TYPE_CHOICES = [
    ("demand", _("Demands")),
    ("task", _("Volunteer tasks")),
    ("organization", _("Providers")),
    ("offering", _("Services offered")),
    ("facility", _("Facilities")),
    ("page", _("Pages and notices")),
]
STAFF_TYPE_CHOICES = [*TYPE_CHOICES, ("socialworker", _("Social workers"))]


class SearchForm(forms.Form):
    """What a visitor may ask for; bad values are form errors, never a failed search."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    type = forms.MultipleChoiceField(
        label=_("Show"), required=False, choices=TYPE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    category = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    community = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    walk = forms.BooleanField(
        label=_("Within a 15-minute walk (about %(km)s km)") % {"km": WALK_15_MIN_KM},
        required=False,
    )
    open_seats = forms.BooleanField(label=_("Volunteer places still open"), required=False)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if staff:
            self.fields["type"].choices = STAFF_TYPE_CHOICES

    def clean(self):
        data = super().clean()
        has_lat, has_lon = data.get("lat") is not None, data.get("lon") is not None
        if has_lat != has_lon:
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        if data.get("walk") and not has_lat:
            raise forms.ValidationError(_("Give a point to measure the walk from."))
        return data
