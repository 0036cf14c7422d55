import datetime
import re

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
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
SORT_CHOICES = [
    ("relevance", _("Best match")),
    ("distance", _("Nearest first")),
    ("date", _("Soonest date first")),
]
# Filters a facet link adds; several values of one filter mean "any of them".
CODE_FILTERS = ("category", "kind", "status")
REGION_FILTERS = ("district", "street", "community")
MAX_VALUES = 20
EARLIEST, LATEST = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)


class ValueListField(forms.Field):
    """Repeated query parameters (`?category=a&category=b`), each a short code or id."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, pattern: str, **kwargs):
        self.pattern = re.compile(pattern, re.ASCII)
        super().__init__(required=False, **kwargs)

    def to_python(self, value) -> tuple[str, ...]:
        if value in (None, "", [], ()):
            return ()
        values = [value] if isinstance(value, str) else list(value)
        if len(values) > MAX_VALUES:
            raise forms.ValidationError(
                _("Choose at most %(n)s values here.") % {"n": MAX_VALUES}, code="too_many"
            )
        if not all(isinstance(v, str) and self.pattern.fullmatch(v) for v in values):
            raise forms.ValidationError(_("That is not a value this filter knows."), code="invalid")
        return tuple(dict.fromkeys(values))


def _walk_text() -> str:
    return gettext("Within a 15-minute walk (about %(km)s km)") % {"km": WALK_15_MIN_KM}


_walk_label = lazy(_walk_text, str)


def _codes(label) -> ValueListField:
    return ValueListField(label=label, pattern=r"[-\w]{1,40}")


def _ids(label) -> ValueListField:
    return ValueListField(label=label, pattern=r"[1-9][0-9]{0,9}")


class SearchForm(forms.Form):
    """What a visitor may ask for; bad values are form errors, never a failed search."""

    q = forms.CharField(
        label=_("Search the site"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autocomplete": "off",
                "list": "search-suggestions",
                "data-suggest-url": reverse_lazy("search:suggest"),
            }
        ),
    )
    type = forms.MultipleChoiceField(
        label=_("Show"), required=False, choices=TYPE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    category = _codes(_("Category"))
    kind = _codes(_("Kind"))
    status = _codes(_("Status"))
    district = _ids(_("District"))
    street = _ids(_("Street"))
    community = _ids(_("Community"))
    starts_from = forms.DateField(
        label=_("Starting from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    starts_until = forms.DateField(
        label=_("Starting until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    walk = forms.BooleanField(label=_walk_label(), required=False)
    open_seats = forms.BooleanField(label=_("Volunteer places still open"), required=False)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=SORT_CHOICES)
    page = forms.IntegerField(
        label=_("Page"), required=False, min_value=1, widget=forms.HiddenInput
    )
    near = forms.ChoiceField(
        label=_("Near"),
        required=False,
        choices=[("home", _("My community"))],
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if staff:
            self.fields["type"].choices = STAFF_TYPE_CHOICES

    def clean_starts_from(self):
        return _in_range(self.cleaned_data["starts_from"])

    def clean_starts_until(self):
        return _in_range(self.cleaned_data["starts_until"])

    def clean(self):
        data = super().clean()
        has_lat, has_lon = data.get("lat") is not None, data.get("lon") is not None
        if has_lat != has_lon:
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        if data.get("walk") and not has_lat:
            self.add_error("walk", _("Give a point to measure the walk from."))
        if data.get("sort") == "distance" and not has_lat:
            self.add_error("sort", _("To sort by distance, give a point first."))
        start, until = data.get("starts_from"), data.get("starts_until")
        if start and until and start > until:
            self.add_error("starts_until", _("The end date comes before the start date."))
        return data

    def filters(self) -> dict[str, tuple[str, ...]]:
        """The backend filters of a valid form: {field: values}, only those given."""
        names = CODE_FILTERS + REGION_FILTERS
        return {name: self.cleaned_data[name] for name in names if self.cleaned_data[name]}

    def date_range(self) -> tuple[datetime.datetime | None, datetime.datetime | None]:
        """The chosen days as aware datetimes: from the first day's start to the last's end."""
        start, until = self.cleaned_data["starts_from"], self.cleaned_data["starts_until"]
        return (
            timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
            if start
            else None,
            timezone.make_aware(datetime.datetime.combine(until, datetime.time.max))
            if until
            else None,
        )


def _in_range(day: datetime.date | None) -> datetime.date | None:
    if day is not None and not EARLIEST <= day <= LATEST:
        raise forms.ValidationError(
            _("Choose a date between %(first)s and %(last)s.")
            % {"first": EARLIEST.isoformat(), "last": LATEST.isoformat()}
        )
    return day
