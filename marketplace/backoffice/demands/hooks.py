from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from marketplace.accounts.scope import of_own_communities
from marketplace.backoffice.core.viewsets import ScopedModelViewSet
from marketplace.demands.models import Demand
from marketplace.demands.services import DEMAND_FIELDS, demand_create, demand_update
from marketplace.regions.selectors import communities_managed_by


class DemandViewSet(ScopedModelViewSet):
    """Community staff post and edit their communities' demands (status moves on the site)."""

    model = Demand
    list_select_related = ("community", "category")
    icon = "clipboard-list"
    menu_label = _("Demands")
    list_display = ["title", "community", "category", "status", "starts_at"]
    list_filter = ["status", "kind", "category"]
    search_fields = ["title", "description"]
    form_fields = list(DEMAND_FIELDS)
    managed_by = staticmethod(of_own_communities)

    def limit_form_choices(self, form, user):
        if not user.is_superuser:
            form.fields["community"].queryset = communities_managed_by(user)

    def save_with_service(self, request, instance, form):
        fields = {name: getattr(instance, name) for name in DEMAND_FIELDS}
        if instance.pk is None:
            return demand_create(actor=request.user, **fields)
        return demand_update(actor=request.user, demand=instance, **fields)


@hooks.register("register_admin_viewset")
def register_demands():
    return DemandViewSet()
