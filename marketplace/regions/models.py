from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from marketplace.core.fields import ChoiceListField, latitude_field, longitude_field
from marketplace.core.geo import distance_km, point_in_polygon
from marketplace.core.models import TimeStampedModel


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    DISTRICT = "district", _("District / county")
    STREET = "street", _("Street / township")
    COMMUNITY = "community", _("Community / village")


LEVEL_PARENT = {
    RegionLevel.PROVINCE: None,
    RegionLevel.CITY: RegionLevel.PROVINCE,
    RegionLevel.DISTRICT: RegionLevel.CITY,
    RegionLevel.STREET: RegionLevel.DISTRICT,
    RegionLevel.COMMUNITY: RegionLevel.STREET,
}


class CommunityType(models.TextChoices):
    URBAN = "urban", _("Urban residential community")
    VILLAGE = "village", _("Village")
    RESETTLEMENT = "resettlement", _("Relocation resettlement community")


class Region(TimeStampedModel):
    """A node of the administrative tree: province → city → district → street → community."""

    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=False)
    level = models.CharField(_("level"), max_length=12, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(_("division code"), max_length=12, blank=True)
    community_type = models.CharField(
        _("community type"), max_length=16, choices=CommunityType.choices, blank=True
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = latitude_field(null=True, blank=True)
    longitude = longitude_field(null=True, blank=True)
    boundary = models.JSONField(
        _("boundary"),
        null=True,
        blank=True,
        help_text=_(
            "The community's area as a list of [latitude, longitude] corners, e.g. "
            "[[29.87, 121.54], [29.88, 121.54], [29.88, 121.55]]. Leave empty to use a "
            "circle around the centre."
        ),
    )

    class Meta:
        ordering = ["level", "name"]
        indexes = [models.Index(fields=["level", "parent"])]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        expected_parent = LEVEL_PARENT.get(self.level)
        errors = {}
        if expected_parent is None and self.parent_id:
            errors["parent"] = _("A province has no parent region.")
        if expected_parent and (not self.parent or self.parent.level != expected_parent):
            errors["parent"] = _("The parent of a %(level)s must be a %(parent)s.") % {
                "level": self.get_level_display(),
                "parent": RegionLevel(expected_parent).label,
            }
        if self.level == RegionLevel.COMMUNITY and not self.community_type:
            errors["community_type"] = _("Choose the type of community.")
        if self.level != RegionLevel.COMMUNITY and self.community_type:
            errors["community_type"] = _("Only a community has a community type.")
        if self.boundary is not None and not _is_polygon(self.boundary):
            errors["boundary"] = _(
                "A boundary is a list of at least three [latitude, longitude] pairs."
            )
        if errors:
            raise ValidationError(errors)

    def contains(self, lat, lon) -> bool:
        """Whether the point lies in this region's area: inside its boundary when one is
        drawn, else within COMMUNITY_DEFAULT_RADIUS_M of its centre. A region with
        neither boundary nor centre cannot judge, and contains every point."""
        if lat is None or lon is None:
            return False
        if self.boundary:
            return point_in_polygon(lat, lon, self.boundary)
        if self.latitude is None or self.longitude is None:
            return True
        distance = distance_km(self.latitude, self.longitude, lat, lon)
        return distance * 1000 <= settings.COMMUNITY_DEFAULT_RADIUS_M


def _is_polygon(value) -> bool:
    if not isinstance(value, list) or len(value) < 3:
        return False
    for pair in value:
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            return False
        lat, lon = pair
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in pair):
            return False
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return False
    return True


class FacilityType(models.TextChoices):
    SERVICE_CENTRE = "service_centre", _("Community service centre")
    ELDERLY_CARE = "elderly_care", _("Elderly-care station")
    DAY_CARE = "day_care", _("Elderly day-care centre")
    CANTEEN = "canteen", _("Community canteen (meal assistance)")
    CHILDCARE = "childcare", _("Childcare point")
    HEALTH = "health", _("Health station")
    CULTURE = "culture", _("Culture and sports room")
    LIBRARY = "library", _("Reading room")
    PARTY_SERVICE = "party_service", _("Party-member service centre")
    REHAB = "rehab", _("Disability rehabilitation room")
    CONVENIENCE = "convenience", _("Convenience service point")


class Accessibility(models.TextChoices):
    STEP_FREE = "step_free", _("Step-free entrance")
    ACCESSIBLE_TOILET = "accessible_toilet", _("Accessible toilet")
    ELEVATOR = "elevator", _("Elevator")
    HANDRAILS = "handrails", _("Handrails")
    HEARING_LOOP = "hearing_loop", _("Hearing loop")
    BRAILLE = "braille", _("Braille signage")
    ACCESSIBLE_PARKING = "accessible_parking", _("Accessible parking")


class Facility(ClusterableModel, TimeStampedModel):
    name = models.CharField(_("name"), max_length=100)
    type = models.CharField(_("type"), max_length=20, choices=FacilityType.choices)
    community = models.ForeignKey(
        Region,
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="facilities",
        limit_choices_to={"level": RegionLevel.COMMUNITY},
    )
    address = models.CharField(_("address"), max_length=200)
    latitude = latitude_field()
    longitude = longitude_field()
    phone = models.CharField(_("telephone"), max_length=20, blank=True)
    description = models.TextField(_("description"), blank=True)
    accessibility = ChoiceListField(_("accessibility features"), item_choices=Accessibility.choices)

    class Meta:
        ordering = ["community__name", "name"]
        verbose_name = _("service facility")
        verbose_name_plural = _("service facilities")

    def __str__(self):
        return self.name

    def accessibility_labels(self) -> list[str]:
        labels = dict(Accessibility.choices)
        return [str(labels[code]) for code in self.accessibility if code in labels]

    def weekly_schedule(self) -> list[dict]:
        """One row per weekday: its opening intervals and total hours (uses prefetched hours)."""
        by_day = {day: [] for day in range(7)}
        for interval in self.opening_hours.all():
            by_day[interval.weekday].append(interval)
        rows = []
        for day, intervals in by_day.items():
            intervals.sort(key=lambda i: i.opens)
            minutes = sum(i.minutes for i in intervals)
            rows.append(
                {
                    "weekday": day,
                    "label": Weekday(day).label,
                    "intervals": intervals,
                    "hours": round(minutes / 60, 1),
                    "short": 0 < minutes < 8 * 60,
                }
            )
        return rows

    @property
    def has_short_days(self) -> bool:
        """Open fewer than 8 hours on some day it opens (flagged for the dashboard)."""
        return any(row["short"] for row in self.weekly_schedule())


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpeningHours(models.Model):
    """One opening interval on one weekday; a day may have several (a lunch break)."""

    facility = ParentalKey(Facility, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="opening_hours_order"
            )
        ]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    @property
    def minutes(self) -> int:
        return (self.closes.hour * 60 + self.closes.minute) - (
            self.opens.hour * 60 + self.opens.minute
        )

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("Closing time must be later than opening time.")})
