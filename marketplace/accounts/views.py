from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from .roles import Role
from .scope import scope_of


class MeView(LoginRequiredMixin, TemplateView):
    """The signed-in person's roles, communities and organizations."""

    template_name = "accounts/me.html"

    def get_context_data(self, **kwargs):
        from marketplace.regions.models import Region

        user = self.request.user
        scope = scope_of(user)
        context = super().get_context_data(**kwargs)
        context["roles"] = [Role(role).label for role in Role if role in scope.roles]
        context["communities"] = Region.objects.filter(pk__in=scope.community_ids)
        context["memberships"] = user.memberships.select_related("organization")
        context["has_back_office"] = user.has_perm("wagtailadmin.access_admin")
        return context
