"""Back office: a read-only list of surveys for platform admins. Surveys change only
through their own pages and services; answers are never listed per person."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from marketplace.backoffice.core.viewsets import ReadOnlyModelViewSet, ReadOnlyPolicy
from marketplace.surveys.models import Survey

register_permission_policy(Survey, ReadOnlyPolicy(Survey))


class SurveyViewSet(ReadOnlyModelViewSet):
    model = Survey
    list_select_related = ("community",)
    icon = "list-ul"
    menu_label = _("Satisfaction surveys")
    list_display = ["title", "community", "status", "opens_at", "closes_at", "closed_at"]
    list_filter = ["status"]
    list_export = ["title", "community", "status", "opens_at", "closes_at", "closed_at"]
    export_filename = "linli-surveys"
    search_fields = ["title"]
    inspect_view_fields = [
        "title",
        "community",
        "status",
        "introduction",
        "opens_at",
        "closes_at",
        "closed_at",
        "created_by",
        "created_at",
    ]


@hooks.register("register_admin_viewset")
def register_surveys():
    return SurveyViewSet()
