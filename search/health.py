"""The search health URL: JSON for a load balancer or a monitoring probe."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .service import health


@never_cache
@require_GET
def search_health(request):
    """200 when every configured search backend answers, else 503 (the site still
    searches through the database backend then). No addresses are shown to the public."""
    report = health()
    public = {
        "ok": report["ok"],
        "backend": report["backend"],
        "elasticsearch": report.get("elasticsearch", {}).get("healthy"),
        "pending_updates": report["pending_updates"],
    }
    return JsonResponse(public, status=200 if report["ok"] else 503)
