from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from marketplace.backoffice.core.viewsets import ScopedModelViewSet
from marketplace.hotline.models import RequestCategory
from marketplace.hotline.services import category_save


class RequestCategoryViewSet(ScopedModelViewSet):
    """Platform admins set the categories of residents' requests and their deadlines."""

    model = RequestCategory
    icon = "warning"
    menu_label = _("Request categories")
    inspect_view_enabled = False
    list_display = ["name_zh", "name_en", "response_hours", "resolution_hours", "is_active"]
    list_filter = ["is_active"]
    form_fields = [
        "code",
        "name_zh",
        "name_en",
        "response_hours",
        "resolution_hours",
        "is_active",
        "sort_order",
    ]

    def save_with_service(self, request, instance, form):
        return category_save(actor=request.user, category=instance)


@hooks.register("register_admin_viewset")
def register_request_categories():
    return RequestCategoryViewSet()
