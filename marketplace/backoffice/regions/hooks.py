from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from marketplace.accounts.scope import of_own_communities
from marketplace.backoffice.core.viewsets import ScopedModelViewSet
from marketplace.regions.models import Facility, Region
from marketplace.regions.selectors import communities_managed_by
from marketplace.regions.services import facility_save


class RegionViewSet(ModelViewSet):
    model = Region
    icon = "site"
    menu_label = _("Regions")
    list_display = ["name", "level", "parent", "community_type", "population"]
    list_filter = ["level", "community_type"]
    search_fields = ["name"]
    form_fields = [
        "name",
        "slug",
        "level",
        "parent",
        "code",
        "community_type",
        "population",
        "latitude",
        "longitude",
    ]


class FacilityViewSet(ScopedModelViewSet):
    model = Facility
    list_select_related = ("community",)
    icon = "home"
    menu_label = _("Facilities")
    list_display = ["name", "type", "community", "address"]
    list_filter = ["type"]
    search_fields = ["name", "address"]
    panels = [
        FieldPanel("name"),
        FieldPanel("type"),
        FieldPanel("community"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("phone"),
        FieldPanel("description"),
        FieldPanel("accessibility"),
        InlinePanel("opening_hours", label=_("Opening hours")),
    ]

    managed_by = staticmethod(of_own_communities)

    def limit_form_choices(self, form, user):
        if not user.is_superuser:
            form.fields["community"].queryset = communities_managed_by(user)

    def save_with_service(self, request, instance, form):
        hours = list(instance.opening_hours.all())
        return facility_save(actor=request.user, facility=instance, opening_hours=hours)


class PlacesGroup(ViewSetGroup):
    menu_label = _("Places")
    menu_icon = "site"
    items = (RegionViewSet, FacilityViewSet)


@hooks.register("register_admin_viewset")
def register_places():
    return PlacesGroup()
