from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.http import url_has_allowed_host_and_scheme

from marketplace.core.errors import DomainError, NotPermitted


def call_service(request, service, *, errors_to=None, **kwargs):
    """Run a service for a view: a refusal becomes a message (or 403), never a traceback.

    With `errors_to` (a form), the refusal goes onto the form instead, on the field it
    names. Returns the service's result, or None if it was refused.
    """
    try:
        return service(actor=request.user, **kwargs)
    except NotPermitted as error:
        raise PermissionDenied(error.message) from error
    except DomainError as error:
        if errors_to is None:
            messages.error(request, error.message)
        else:
            field = error.field if error.field in errors_to.fields else None
            errors_to.add_error(field, error.message)
        return None


def safe_next(request, fallback: str = "/") -> str:
    target = request.POST.get("next") or request.META.get("HTTP_REFERER") or fallback
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback
