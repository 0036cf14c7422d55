from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from marketplace.accounts.scope import scope_of
from marketplace.backoffice.core.viewsets import ScopedModelViewSet
from marketplace.demands.models import Demand
from marketplace.demands.services import DEMAND_FIELDS, demand_create, demand_update
from marketplace.regions.models import Region, RegionLevel


class DemandViewSet(ScopedModelViewSet):
    """Community staff post and edit their communities' demands (status moves on the site)."""

    model = Demand
    list_select_related = ("community", "category")
    icon = "clipboard-list"
    menu_label = _("Demands")
    list_display = ["title", "community", "category", "status", "starts_at"]
    list_filter = ["status", "kind", "category"]
    search_fields = ["title", "description"]
    form_fields = [
        "community",
        "title",
        "category",
        "kind",
        "description",
        "beneficiaries_count",
        "place",
        "latitude",
        "longitude",
        "starts_at",
        "ends_at",
        "budget",
    ]

    def scope_queryset(self, queryset, user):
        if user.is_superuser:
            return queryset
        return queryset.filter(community_id__in=scope_of(user).community_ids)

    def limit_form_choices(self, form, user):
        if not user.is_superuser:
            form.fields["community"].queryset = Region.objects.filter(
                level=RegionLevel.COMMUNITY, pk__in=scope_of(user).community_ids
            )

    def save_with_service(self, request, instance, form):
        fields = {name: getattr(instance, name) for name in DEMAND_FIELDS}
        if instance.pk is None:
            return demand_create(actor=request.user, **fields)
        return demand_update(actor=request.user, demand=instance, **fields)


@hooks.register("register_admin_viewset")
def register_demands():
    return DemandViewSet()
