from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from marketplace.accounts.models import (
    CommunityStaffAssignment,
    SocialWorkerProfile,
    VolunteerProfile,
)


class VolunteerProfileViewSet(ModelViewSet):
    model = VolunteerProfile
    icon = "user"
    menu_label = _("Volunteers")
    list_display = ["user", "home_community", "is_party_member"]
    list_filter = ["is_party_member"]
    form_fields = ["user", "home_community", "skills", "availability", "is_party_member"]


class SocialWorkerProfileViewSet(ModelViewSet):
    model = SocialWorkerProfile
    icon = "user"
    menu_label = _("Social workers")
    list_display = ["user", "level", "organization"]
    list_filter = ["level"]
    form_fields = ["user", "level", "certificate_number", "organization", "specialties"]


class CommunityStaffViewSet(ModelViewSet):
    model = CommunityStaffAssignment
    icon = "user"
    menu_label = _("Community staff")
    list_display = ["user", "community", "title"]
    form_fields = ["user", "community", "title"]


class PeopleGroup(ViewSetGroup):
    menu_label = _("People")
    menu_icon = "user"
    items = (VolunteerProfileViewSet, SocialWorkerProfileViewSet, CommunityStaffViewSet)


@hooks.register("register_admin_viewset")
def register_people():
    return PeopleGroup()
