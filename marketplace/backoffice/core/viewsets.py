"""Wagtail admin viewsets that only ever show a user the objects in their scope.

A viewset declares `managed_by(user) -> Q`, the domain's selector of the rows this user
may see (platform admins only, unless it says otherwise), and
`save_with_service(request, instance, form)` (the service that writes). Objects outside
the scope are a 404 in every view: listing, edit, delete, inspect.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from marketplace.core.errors import DomainError, NotPermitted


class _Scoped:
    viewset = None

    def scoped(self, queryset):
        return self.viewset.scope_queryset(queryset, self.request.user)


class ScopedIndexView(_Scoped, generic.IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related(*self.viewset.list_select_related)
        return self.scoped(queryset)


class _ScopeCheckedObject(_Scoped):
    """Every single-object view (edit, delete, inspect, history, usage) checks the scope."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not self.scoped(self.model._default_manager.filter(pk=obj.pk)).exists():
            raise Http404
        return obj


class _ScopedObjectMixin(_ScopeCheckedObject):
    def get_queryset(self):
        return self.scoped(self.model._default_manager.all())


class _ServiceSaveMixin:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        self.viewset.limit_form_choices(form, self.request.user)
        return form

    def save_instance(self):
        instance = self.form.save(commit=False)
        instance = self.viewset.save_with_service(self.request, instance, self.form)
        if hasattr(self.form, "save_m2m"):
            self.form.instance = instance  # a create service may return a new object
            self.form.save_m2m()
        return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except NotPermitted as error:
            raise PermissionDenied(error.message) from error
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            # Wagtail sets these when its own validation fails; a service's refusal comes
            # after that passed, and form_invalid needs them for its error banner.
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ScopedCreateView(_ServiceSaveMixin, _Scoped, generic.CreateView):
    pass


class ScopedEditView(_ServiceSaveMixin, _ScopedObjectMixin, generic.EditView):
    pass


class ScopedDeleteView(_ScopedObjectMixin, generic.DeleteView):
    pass


class ScopedInspectView(_ScopedObjectMixin, generic.InspectView):
    pass


class ScopedHistoryView(_ScopeCheckedObject, HistoryView):
    pass


class ScopedUsageView(_ScopeCheckedObject, UsageView):
    pass


class ScopedModelViewSet(ModelViewSet):
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_select_related: tuple[str, ...] = ()

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(viewset=self, **kwargs)

    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView

    @staticmethod
    def managed_by(user) -> Q:
        return Q() if user.is_superuser else Q(pk__in=[])

    def scope_queryset(self, queryset, user):
        return queryset.filter(self.managed_by(user))

    def limit_form_choices(self, form, user) -> None:
        """Narrow choice fields (community, organization) to what the user acts for."""

    def save_with_service(self, request, instance, form):
        instance.save()
        return instance


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Objects that change only through their own pages and services (sign-ups, bids,
    projects …): the generic back office may show them, never add, edit or delete them."""

    READ_ONLY = frozenset({"add", "change", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.READ_ONLY and super().user_has_permission(user, action)


class ReadOnlyModelViewSet(ScopedModelViewSet):
    """A scoped listing, export and inspect view for objects that change elsewhere; pair
    it with ReadOnlyPolicy so no add/edit/delete button is offered either."""

    READ_ONLY_VIEWS = frozenset(
        {"index", "index_results", "inspect", "history", "history_results", "usage"}
    )
    form_fields = ["id"]

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name in self.READ_ONLY_VIEWS]
