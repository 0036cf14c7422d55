"""The sentences shown beside a match, one per part of its score.

Staff read about a candidate ("Lives in this community."); a volunteer reads about a
task ("It is in your community."). Every string is translated; numbers are formatted
here so Chinese and English show the same figures.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

LIST_SEPARATOR = "、"

PART_LABELS = {
    "category": gettext_lazy("Category fit"),
    "skill": gettext_lazy("Skill fit"),
    "area": gettext_lazy("Service area"),
    "distance": gettext_lazy("Distance"),
    "availability": gettext_lazy("Availability"),
    "rating": gettext_lazy("Rating"),
    "load": gettext_lazy("Current load"),
}


def names(items) -> str:
    return LIST_SEPARATOR.join(sorted(items))


def km(value: float) -> str:
    return f"{value:.1f}"


# --- about a candidate, for community staff --------------------------------------


def org_category(how: str, category: str) -> str:
    if how == "offering_of_kind":
        return _("Offers “%(category)s” services of the kind asked for.") % {"category": category}
    if how == "offering":
        return _("Offers “%(category)s” services.") % {"category": category}
    return _("Lists “%(category)s” among its service categories.") % {"category": category}


def specialty(category: str) -> str:
    return _("Specializes in “%(category)s”.") % {"category": category}


def certification(level: str) -> str:
    return _("Certified as: %(level)s.") % {"level": level}


def experience(count: int, category: str) -> str:
    return ngettext(
        "Has served %(n)d time in “%(category)s” volunteering.",
        "Has served %(n)d times in “%(category)s” volunteering.",
        count,
    ) % {"n": count, "category": category}


def skills_named(skills) -> str:
    return _("Has the skills asked for: %(skills)s.") % {"skills": names(skills)}


def skills_typical(skills) -> str:
    return _("Has skills this kind of service often needs: %(skills)s.") % {"skills": names(skills)}


def serves_area() -> str:
    return _("Its service area covers this community.")


def org_serves_area() -> str:
    return _("Works for an organization whose service area covers this community.")


def lives_here() -> str:
    return _("Lives in this community.")


def reports_here() -> str:
    return _("Reports to this community as an in-service Party member.")


def lives_in_street() -> str:
    return _("Lives in the same street.")


def distance(value: float) -> str:
    return _("%(km)s km away.") % {"km": km(value)}


def available(share: float) -> str:
    if share >= 1:
        return _("Available at the demand's time.")
    return _("Available for part of the demand's time.")


def availability_unknown() -> str:
    return _("Has not said when they are available.")


def rating(bayesian: float, count: int) -> str:
    if not count:
        return _("No reviews yet: rated at the platform average.")
    return ngettext(
        "Rated %(rating)s from %(n)d review.",
        "Rated %(rating)s from %(n)d reviews.",
        count,
    ) % {"rating": f"{bayesian:.1f}", "n": count}


def org_load(count: int) -> str:
    return ngettext(
        "Is delivering %(n)d accepted demand.",
        "Is delivering %(n)d accepted demands.",
        count,
    ) % {"n": count}


def person_load(count: int) -> str:
    return ngettext(
        "Has %(n)d commitment this week.",
        "Has %(n)d commitments this week.",
        count,
    ) % {"n": count}


def responded() -> str:
    return _("Has already responded to this demand.")


# --- about a task, for the volunteer ----------------------------------------------


def task_experience(count: int, category: str) -> str:
    return ngettext(
        "You have served %(n)d time in “%(category)s” volunteering.",
        "You have served %(n)d times in “%(category)s” volunteering.",
        count,
    ) % {"n": count, "category": category}


def task_skills_named(skills) -> str:
    return _("It uses your skills: %(skills)s.") % {"skills": names(skills)}


def task_skills_typical(skills) -> str:
    return _("It suits your skills: %(skills)s.") % {"skills": names(skills)}


def task_in_community() -> str:
    return _("It is in your community.")


def task_in_party_community() -> str:
    return _("It is in the community you report to.")


def task_in_street() -> str:
    return _("It is in your street.")


def task_distance(value: float) -> str:
    return _("It is %(km)s km from your community.") % {"km": km(value)}


def task_available() -> str:
    return _("It has a shift at a time you said suits you.")
