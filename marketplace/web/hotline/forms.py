from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.hotline.photos import MAX_PHOTOS
from marketplace.hotline.selectors import active_categories
from marketplace.organizations.models import Organization


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.ImageField):
    """Several photos in one field; each is checked as an image."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultiplePhotoInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultiplePhotoField, self).clean(item, initial) for item in files]


class RequestForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=active_categories(), empty_label=None
    )
    text = forms.CharField(
        label=_("What is the matter?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text=_("Say what happened, where, and since when."),
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("For example: the building, the road, the nearest landmark."),
    )
    latitude = forms.DecimalField(
        label=_("Latitude (optional)"), max_digits=9, decimal_places=6, required=False
    )
    longitude = forms.DecimalField(
        label=_("Longitude (optional)"), max_digits=9, decimal_places=6, required=False
    )
    about_organization = forms.ModelChoiceField(
        label=_("Complaint about a service provider (optional)"),
        queryset=Organization.objects.providers(),
        required=False,
        empty_label=_("Not a complaint about a provider"),
    )
    photos = MultiplePhotoField(
        label=_("Photos (optional)"),
        required=False,
        help_text=_("Up to %(n)s photos, JPEG, PNG or WebP, 5 MB each.") % {"n": MAX_PHOTOS},
    )
