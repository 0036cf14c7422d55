from django.shortcuts import redirect
from django.urls import reverse

from marketplace.accounts.roles import MFA_REQUIRED_ROLES
from marketplace.accounts.scope import scope_of

MFA_EXEMPT_PREFIXES = ("/accounts/", "/en/accounts/", "/static/", "/i18n/", "/media/")


class RequireMfaMiddleware:
    """Purchaser staff and platform admins must set up TOTP before doing anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(MFA_EXEMPT_PREFIXES)
            and scope_of(user).roles & MFA_REQUIRED_ROLES
            and not _has_totp(user)
        ):
            return redirect(reverse("mfa_activate_totp") + "?next=" + request.path)
        return self.get_response(request)


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
