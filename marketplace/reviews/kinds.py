"""Notification kinds of ratings and rectification."""

from django.utils.translation import gettext_lazy as _

from marketplace.notifications.kinds import register

register(
    {
        "reviews.case.opened": (
            _("A bad review needs your answer: “%(service)s”"),
            _(
                "A resident rated “%(service)s” as %(level)s. Answer by %(due)s and say "
                "what was fixed; unanswered cases are escalated and count against credit."
            ),
        ),
        "reviews.case.answered": (
            _("The provider answered your review of “%(service)s”"),
            _("%(provider)s says: %(answer)s You may revise your rating."),
        ),
        "reviews.case.escalated": (
            _("Overdue: a bad review of %(provider)s is unanswered"),
            _(
                "The answer to a %(level)s review of “%(service)s” was due %(due)s. "
                "Please follow it up with the provider."
            ),
        ),
        "reviews.review.hidden": (
            _("The text of your review of “%(service)s” is hidden"),
            _("Your rating still counts. Reason: %(reason)s"),
        ),
        "reviews.review.removed": (
            _("Your review of “%(service)s” was removed"),
            _("Staff removed it as abusive; it no longer counts. Reason: %(reason)s"),
        ),
        "reviews.review.restored": (
            _("Your review of “%(service)s” is shown again"),
            _("Reason: %(reason)s"),
        ),
        "reviews.served.recorded": (
            _("Please rate “%(service)s”"),
            _("You were served by %(provider)s. Tell us how it went."),
        ),
    }
)
