"""What survey notifications say; registered from SurveysConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from marketplace.notifications.kinds import register

register(
    {
        "surveys.survey.opened": (
            _("%(community)s asks for your opinion: “%(survey)s”"),
            _(
                "A satisfaction survey is open for residents of %(community)s. It takes a "
                "few minutes; results are only ever shown as totals, never per person."
            ),
        ),
    }
)
