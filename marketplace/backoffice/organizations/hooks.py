from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets.button import Button

from marketplace.accounts.roles import Role
from marketplace.accounts.scope import scope_of
from marketplace.backoffice.core.viewsets import ScopedEditView, ScopedIndexView, ScopedModelViewSet
from marketplace.backoffice.organizations.views import OrganizationReviewView
from marketplace.organizations.models import Membership, Offering, Organization, VerificationStatus
from marketplace.organizations.services import offering_save, organization_update


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
    form_fields = [
        "name",
        "type",
        "legal_representative",
        "phone",
        "email",
        "address",
        "latitude",
        "longitude",
        "description",
        "service_area",
        "categories",
    ]

    def scope_queryset(self, queryset, user):
        if user.is_superuser:
            return queryset
        scope = scope_of(user)
        if scope.has_role(Role.PURCHASER_STAFF):
            return queryset.filter(status=VerificationStatus.VERIFIED)
        return queryset.filter(pk__in=scope.organization_ids)

    def save_with_service(self, request, instance, form):
        if instance.pk is None:
            instance.save()
            return instance
        fields = {
            name: getattr(instance, name)
            for name in form.changed_data
            if name not in ("service_area", "categories")
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
    form_fields = [
        "organization",
        "title",
        "category",
        "kind",
        "description",
        "price",
        "unit",
        "is_active",
    ]

    def scope_queryset(self, queryset, user):
        if user.is_superuser:
            return queryset
        return queryset.filter(organization_id__in=scope_of(user).organization_ids)

    def limit_form_choices(self, form, user):
        if not user.is_superuser:
            form.fields["organization"].queryset = Organization.objects.filter(
                pk__in=scope_of(user).organization_ids
            )

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

    def scope_queryset(self, queryset, user):
        if user.is_superuser:
            return queryset
        return queryset.filter(
            organization_id__in=scope_of(user).organization_ids_with_role("admin")
        )

    def limit_form_choices(self, form, user):
        if not user.is_superuser:
            form.fields["organization"].queryset = Organization.objects.filter(
                pk__in=scope_of(user).organization_ids_with_role("admin")
            )


class OrganizationsGroup(ViewSetGroup):
    menu_label = _("Organizations")
    menu_icon = "group"
    items = (OrganizationViewSet, OfferingViewSet, MembershipViewSet)


@hooks.register("register_admin_viewset")
def register_organizations():
    return OrganizationsGroup()
