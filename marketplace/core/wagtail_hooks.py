from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import AuditEvent


class AuditEventViewSet(ModelViewSet):
    """Read-only trail of every service action (platform admins)."""

    model = AuditEvent
    icon = "history"
    menu_label = _("Audit log")
    list_display = ["created_at", "event", "actor", "target_repr"]
    list_filter = ["event"]
    search_fields = ["event", "target_repr"]
    inspect_view_enabled = True
    form_fields = ["event"]
    add_to_admin_menu = True
    menu_order = 900


@hooks.register("register_admin_viewset")
def register_audit():
    return AuditEventViewSet()
