from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from marketplace.catalog.models import ServiceCategory, Skill


class ServiceCategoryViewSet(ModelViewSet):
    model = ServiceCategory
    icon = "tag"
    menu_label = _("Service categories")
    list_display = ["name_zh", "name_en", "code", "sort_order"]
    form_fields = ["code", "name_zh", "name_en", "sort_order"]


class SkillViewSet(ModelViewSet):
    model = Skill
    icon = "tag"
    menu_label = _("Skills")
    list_display = ["name_zh", "name_en", "code"]
    form_fields = ["code", "name_zh", "name_en"]


class CatalogGroup(ViewSetGroup):
    menu_label = _("Catalog")
    menu_icon = "tag"
    items = (ServiceCategoryViewSet, SkillViewSet)


@hooks.register("register_admin_viewset")
def register_catalog():
    return CatalogGroup()
