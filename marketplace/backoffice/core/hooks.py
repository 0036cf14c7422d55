from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from marketplace.core.models import AuditEvent


class ReadOnlyForSuperusers(ModelPermissionPolicy):
    """The audit trail can be read by platform admins and changed by no one."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_superuser


register_permission_policy(AuditEvent, ReadOnlyForSuperusers(AuditEvent))


class AuditEventIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("actor")


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
    index_view_class = AuditEventIndexView
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_audit():
    return AuditEventViewSet()
