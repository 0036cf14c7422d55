from functools import partial

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets.button import Button

from marketplace.accounts.scope import of_own_organizations
from marketplace.backoffice.core.viewsets import ScopedEditView, ScopedIndexView, ScopedModelViewSet
from marketplace.backoffice.organizations.views import OrganizationReviewView
from marketplace.organizations.models import Membership, Offering, Organization, VerificationStatus
from marketplace.organizations.selectors import (
    organizations_managed_by,
    organizations_seen_in_back_office,
)
from marketplace.organizations.services import (
    OFFERING_FIELDS,
    ORGANIZATION_EDITABLE_FIELDS,
    ORGANIZATION_RELATIONS,
    offering_save,
    organization_update,
)


def _review_button(user, organization, url_name):
    """Platform admins get a "Review" action on organizations waiting for a decision."""
    if not user.is_superuser or organization.status != VerificationStatus.SUBMITTED:
        return []
    return [
        Button(
            _("Review"),
            url=reverse(url_name, args=[organization.pk]),
            icon_name="tasks",
            priority=5,
        )
    ]


class OrganizationIndexView(ScopedIndexView):
    def get_list_more_buttons(self, instance):
        review = _review_button(self.request.user, instance, self.viewset.get_url_name("review"))
        return [*review, *super().get_list_more_buttons(instance)]


class OrganizationEditView(ScopedEditView):
    @property
    def header_more_buttons(self):
        review = _review_button(self.request.user, self.object, self.viewset.get_url_name("review"))
        return [*review, *super().header_more_buttons]


class OrganizationViewSet(ScopedModelViewSet):
    """Members see their own organization; purchaser staff see every verified one.

    Platform admins see all of them and verify or reject submitted ones.
    """

    model = Organization
    index_view_class = OrganizationIndexView
    edit_view_class = OrganizationEditView
    icon = "group"
    menu_label = _("Organizations")
    list_display = ["name", "type", "credit_code", "status"]
    list_filter = ["type", "status"]
    search_fields = ["name", "credit_code"]
    form_fields = [*ORGANIZATION_EDITABLE_FIELDS, *ORGANIZATION_RELATIONS]
    managed_by = staticmethod(organizations_seen_in_back_office)

    def save_with_service(self, request, instance, form):
        if instance.pk is None:
            instance.save()
            return instance
        fields = {
            name: getattr(instance, name)
            for name in form.changed_data
            if name not in ORGANIZATION_RELATIONS
        }
        return organization_update(actor=request.user, organization=instance, **fields)

    @property
    def review_view(self):
        return OrganizationReviewView.as_view(viewset=self)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("review/<int:pk>/", self.review_view, name="review"),
        ]


class OfferingViewSet(ScopedModelViewSet):
    model = Offering
    list_select_related = ("organization", "category")
    icon = "list-ul"
    menu_label = _("Service offerings")
    list_display = ["title", "organization", "category", "kind", "price", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["title"]
    form_fields = ["organization", *OFFERING_FIELDS]
    managed_by = staticmethod(of_own_organizations)

    def limit_form_choices(self, form, user):
        if not user.is_superuser:
            form.fields["organization"].queryset = organizations_managed_by(user)

    def save_with_service(self, request, instance, form):
        return offering_save(actor=request.user, offering=instance)


class MembershipViewSet(ScopedModelViewSet):
    model = Membership
    list_select_related = ("user", "organization")
    icon = "user"
    menu_label = _("Members")
    list_display = ["user", "organization", "role"]
    list_filter = ["role"]
    form_fields = ["organization", "user", "role"]

    managed_by = staticmethod(partial(of_own_organizations, admin=True))

    def limit_form_choices(self, form, user):
        if not user.is_superuser:
            form.fields["organization"].queryset = organizations_managed_by(user, admin=True)


class OrganizationsGroup(ViewSetGroup):
    menu_label = _("Organizations")
    menu_icon = "group"
    items = (OrganizationViewSet, OfferingViewSet, MembershipViewSet)


@hooks.register("register_admin_viewset")
def register_organizations():
    return OrganizationsGroup()
