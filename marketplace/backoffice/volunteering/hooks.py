from functools import partial

from django.db.models import OuterRef, Subquery, Sum
from django.urls import path, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from marketplace.accounts.scope import of_own_communities, scope_of
from marketplace.backoffice.core.viewsets import (
    ReadOnlyModelViewSet,
    ReadOnlyPolicy,
    ScopedIndexView,
    ScopedModelViewSet,
)
from marketplace.backoffice.volunteering.views import AttendanceView, HoursQueueView
from marketplace.organizations.models import Organization
from marketplace.regions.models import Region, RegionLevel
from marketplace.volunteering.models import (
    PartyMemberRegistration,
    ServiceRecord,
    Shift,
    Signup,
    Task,
)
from marketplace.volunteering.selectors import managed_by
from marketplace.volunteering.services import shift_add, shift_update, task_create, task_update
from marketplace.volunteering.services.tasks import SHIFT_FIELDS, TASK_FIELDS


class TaskViewSet(ScopedModelViewSet):
    """Community staff and organizations create and edit their volunteer tasks.

    Publishing and cancelling happen on the task's public page, where the organizers
    see the same buttons as everywhere else on the site."""

    model = Task
    list_select_related = ("community", "category", "organization")
    icon = "group"
    menu_label = _("Volunteer tasks")
    list_display = ["title", "community", "organization", "status"]
    list_filter = ["status", "category"]
    search_fields = ["title", "description"]
    form_fields = [*TASK_FIELDS, "required_skills"]

    managed_by = staticmethod(managed_by)

    def limit_form_choices(self, form, user):
        if user.is_superuser:
            return
        scope = scope_of(user)
        communities = Region.objects.filter(level=RegionLevel.COMMUNITY)
        if not scope.organization_ids:  # community staff: only their own communities
            communities = communities.filter(pk__in=scope.community_ids)
        form.fields["community"].queryset = communities
        form.fields["organization"].queryset = Organization.objects.filter(
            pk__in=scope.organization_ids
        )

    def save_with_service(self, request, instance, form):
        fields = {name: getattr(instance, name) for name in TASK_FIELDS}
        skills = form.cleaned_data.get("required_skills", [])
        if instance.pk is None:
            return task_create(actor=request.user, required_skills=skills, **fields)
        return task_update(actor=request.user, task=instance, required_skills=skills, **fields)


class ShiftViewSet(ScopedModelViewSet):
    model = Shift
    list_select_related = ("task",)
    icon = "time"
    menu_label = _("Shifts")
    list_display = ["task", "starts_at", "ends_at", "capacity", "confirmed_count"]
    list_filter = ["task__status"]
    form_fields = ["task", *SHIFT_FIELDS]
    list_export = ["task", "starts_at", "ends_at", "capacity", "confirmed_count"]

    managed_by = staticmethod(partial(managed_by, via="task__"))

    def limit_form_choices(self, form, user):
        form.fields["task"].queryset = Task.objects.filter(managed_by(user))

    def save_with_service(self, request, instance, form):
        values = {name: getattr(instance, name) for name in SHIFT_FIELDS}
        if instance.pk is None:
            return shift_add(actor=request.user, task=instance.task, **values)
        return shift_update(actor=request.user, shift=instance, **values)


register_permission_policy(Signup, ReadOnlyPolicy(Signup))


class SignupViewSet(ReadOnlyModelViewSet):
    """The roster: who signed up for which shift, attendance and hours; exportable."""

    model = Signup
    list_select_related = ("volunteer", "shift", "shift__task")
    icon = "list-ul"
    menu_label = _("Rosters")
    list_display = ["volunteer", "shift", "status", "attendance", "minutes"]
    list_filter = ["shift", "status", "attendance"]
    list_export = [
        "volunteer",
        "shift",
        "status",
        "attendance",
        "checked_in_at",
        "checked_out_at",
        "minutes",
        "adjustment_reason",
    ]
    export_filename = "linli-roster"
    add_to_admin_menu = True

    managed_by = staticmethod(partial(managed_by, via="shift__task__"))

    @property
    def attendance_view(self):
        return AttendanceView.as_view(viewset=self)

    @property
    def hours_queue_view(self):
        return HoursQueueView.as_view(viewset=self)

    def get_urlpatterns(self):
        # Sign-ups are made by volunteers, not in the back office: no add, edit or delete.
        return [
            *super().get_urlpatterns(),
            path("attendance/<int:pk>/", self.attendance_view, name="attendance"),
            path("hours/", self.hours_queue_view, name="hours"),
        ]


class PartyRegistrationIndexView(ScopedIndexView):
    def get_base_queryset(self):
        year_start = timezone.localdate().replace(month=1, day=1)
        minutes = (
            ServiceRecord.objects.filter(
                volunteer=OuterRef("volunteer"), service_date__gte=year_start
            )
            .values("volunteer")
            .annotate(total=Sum("minutes"))
            .values("total")
        )
        return super().get_base_queryset().annotate(minutes_this_year=Subquery(minutes))


class PartyRegistrationViewSet(ScopedModelViewSet):
    """Community staff see the in-service Party members who reported to them, with hours."""

    model = PartyMemberRegistration
    index_view_class = PartyRegistrationIndexView
    list_select_related = ("volunteer", "community")
    icon = "user"
    menu_label = _("Party members reporting")
    list_display = [
        "volunteer",
        "community",
        "workplace",
        "created_at",
        "ended_at",
        Column("minutes_this_year", label=_("Minutes served this year")),
    ]
    list_filter = ["community"]
    list_export = ["volunteer", "community", "workplace", "created_at", "ended_at"]
    form_fields = ["workplace"]

    managed_by = staticmethod(of_own_communities)


register_permission_policy(PartyMemberRegistration, ReadOnlyPolicy(PartyMemberRegistration))


class VolunteeringGroup(ViewSetGroup):
    menu_label = _("Volunteering")
    menu_icon = "group"
    items = (TaskViewSet, ShiftViewSet, SignupViewSet, PartyRegistrationViewSet)

    def get_submenu_items(self):
        hours = RosterMenuItem(
            _("Hours to approve"), reverse_lazy("signup:hours"), icon_name="tick", order=900
        )
        return [*super().get_submenu_items(), hours]


class RosterMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("volunteering.view_signup")


@hooks.register("register_admin_viewset")
def register_volunteering():
    return VolunteeringGroup()
