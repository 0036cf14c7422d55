"""What each kind of notification says, by name.

Volunteering's kinds are declared here; other apps declare theirs in their own
`kinds.py` with `register()`, imported from their AppConfig.ready().

A kind maps to a (subject, body) pair of lazily translated format strings filled from
the notification's data, so the text follows the reader's language.
"""

from django.utils.translation import gettext_lazy as _

KINDS = {
    "volunteering.signup.confirmed": (
        _("You are confirmed for “%(task)s”"),
        _("Your place on %(shift)s is confirmed. Place: %(place)s."),
    ),
    "volunteering.signup.waitlisted": (
        _("You are on the waiting list for “%(task)s”"),
        _(
            "%(shift)s is full; you are number %(position)s on the waiting list. "
            "We will tell you if a place frees up."
        ),
    ),
    "volunteering.signup.pending": (
        _("Your sign-up for “%(task)s” awaits approval"),
        _("The organizers approve each sign-up for %(shift)s; we will tell you their answer."),
    ),
    "volunteering.signup.promoted": (
        _("A place freed up: you are confirmed for “%(task)s”"),
        _("You moved up from the waiting list and are confirmed for %(shift)s."),
    ),
    "volunteering.signup.rejected": (
        _("Your sign-up for “%(task)s” was not approved"),
        _("Reason: %(reason)s"),
    ),
    "volunteering.shift.changed": (
        _("The time of “%(task)s” changed"),
        _(
            "The shift you signed up for now runs %(shift)s. "
            "Cancel your sign-up if this no longer suits you."
        ),
    ),
    "volunteering.task.cancelled": (
        _("“%(task)s” is cancelled"),
        _("The organizers cancelled this task and released every sign-up. Reason: %(reason)s"),
    ),
    "volunteering.shift.reminder": (
        _("Reminder: “%(task)s” is tomorrow"),
        _("Your shift is %(shift)s at %(place)s."),
    ),
}


def register(kinds: dict) -> None:
    """Add an app's kinds; a name may be declared only once."""
    clash = KINDS.keys() & kinds.keys()
    if clash:
        raise ValueError(f"Notification kinds declared twice: {sorted(clash)}")
    KINDS.update(kinds)


def render(kind: str, data: dict) -> tuple[str, str]:
    subject, body = KINDS[kind]
    return str(subject) % data, str(body) % data
