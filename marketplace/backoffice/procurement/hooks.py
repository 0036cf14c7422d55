"""Back office for purchased services: projects and bids, scoped, exportable, sealed.

Bid listings, exports and inspect pages show only what a sealed bid reveals — who bid
and when — until the opening; the price appears once the tender service has opened it
(before, the column is empty in the database itself).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from marketplace.backoffice.core.viewsets import ReadOnlyModelViewSet, ReadOnlyPolicy
from marketplace.procurement.models import Bid, Project
from marketplace.procurement.selectors import bids_party_to, projects_party_to

register_permission_policy(Project, ReadOnlyPolicy(Project))
register_permission_policy(Bid, ReadOnlyPolicy(Bid))


class ProjectViewSet(ReadOnlyModelViewSet):
    model = Project
    list_select_related = ("purchaser", "category")
    icon = "doc-full"
    menu_label = _("Purchased-service projects")
    list_display = ["title", "purchaser", "status", "budget", "bid_deadline", "opening_at"]
    list_filter = ["status", "category"]
    list_export = ["title", "purchaser", "status", "budget", "bid_deadline", "opening_at"]
    export_filename = "linli-projects"
    search_fields = ["title"]
    inspect_view_fields = [
        "title",
        "purchaser",
        "status",
        "category",
        "budget",
        "funding_source",
        "service_starts",
        "service_ends",
        "bid_deadline",
        "opening_at",
        "opened_at",
    ]

    managed_by = staticmethod(projects_party_to)


class BidViewSet(ReadOnlyModelViewSet):
    model = Bid
    list_select_related = ("project", "organization")
    icon = "mail"
    menu_label = _("Bids")
    list_display = ["organization", "project", "status", "submitted_at", "opened_at", "price"]
    list_filter = ["status"]
    list_export = ["organization", "project", "status", "submitted_at", "opened_at", "price"]
    export_filename = "linli-bids"
    inspect_view_fields = [
        "organization",
        "project",
        "status",
        "submitted_at",
        "withdrawn_at",
        "opened_at",
        "price",
        "plan",
    ]

    managed_by = staticmethod(bids_party_to)


class ProcurementGroup(ViewSetGroup):
    menu_label = _("Purchased services")
    menu_icon = "doc-full"
    items = (ProjectViewSet, BidViewSet)


@hooks.register("register_admin_viewset")
def register_procurement():
    return ProcurementGroup()
