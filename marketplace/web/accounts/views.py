from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from marketplace.accounts.roles import Role
from marketplace.accounts.scope import scope_of
from marketplace.core.privacy import personal_data_read


class MeView(LoginRequiredMixin, TemplateView):
    """The signed-in person's roles, communities and organizations.

    Their mobile and ID numbers show masked; POST shows them in full, and that read is
    audited like any other.
    """

    template_name = "accounts/me.html"

    def post(self, request, *args, **kwargs):
        personal_data_read(
            actor=request.user,
            subject=request.user,
            fields=("phone", "id_number"),
            purpose="self-service",
        )
        return self.render_to_response(self.get_context_data(revealed=True))

    def get_context_data(self, **kwargs):
        from marketplace.regions.models import Region

        user = self.request.user
        scope = scope_of(user)
        context = super().get_context_data(**kwargs)
        context["roles"] = [Role(role).label for role in Role if role in scope.roles]
        context["communities"] = Region.objects.filter(pk__in=scope.community_ids)
        context["memberships"] = user.memberships.select_related("organization")
        context["has_back_office"] = user.has_perm("wagtailadmin.access_admin")
        context["volunteer"] = getattr(user, "volunteer_profile", None)
        context["resident"] = getattr(user, "resident_profile", None)
        return context
