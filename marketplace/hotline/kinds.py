"""What hotline notifications say; registered from HotlineConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from marketplace.notifications.kinds import register

KINDS = {
    "hotline.request.new": (
        _("New resident request No. %(number)s"),
        _(
            "A resident of %(community)s filed a request: “%(excerpt)s”. "
            "Accept it by %(respond_by)s."
        ),
    ),
    "hotline.request.accepted": (
        _("Your request No. %(number)s was accepted"),
        _(
            "%(community)s community staff are handling “%(excerpt)s”. "
            "They are to resolve it by %(resolve_by)s."
        ),
    ),
    "hotline.request.resolved": (
        _("Your request No. %(number)s was resolved"),
        _("How it was resolved: %(resolution)s"),
    ),
    "hotline.complaint.upheld": (
        _("A complaint about your organization was upheld (No. %(number)s)"),
        _(
            "Community staff upheld a resident's complaint: “%(excerpt)s”. Resolution: "
            "%(resolution)s It counts against your credit."
        ),
    ),
    "hotline.request.rejected": (
        _("Your request No. %(number)s is not within the community's remit"),
        _("Reason: %(reason)s"),
    ),
    "hotline.request.escalated": (
        _("Overdue request No. %(number)s escalated to the street"),
        _(
            "“%(excerpt)s” in %(community)s missed its deadline and is now on the "
            "street's board. Please see to it."
        ),
    ),
    "hotline.request.escalated_notice": (
        _("Your request No. %(number)s was passed to the street office"),
        _(
            "“%(excerpt)s” was not handled in time by %(community)s, so the street "
            "office now supervises it."
        ),
    ),
}

register(KINDS)
