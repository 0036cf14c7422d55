from django.conf import settings

ELDER_COOKIE = "linli_elder"


def site_chrome(request):
    """What every page's frame needs: elder mode, payments availability."""
    return {
        "elder_mode": request.COOKIES.get(ELDER_COOKIE) == "1",
        "payments_enabled": bool(settings.STRIPE_SECRET_KEY),
    }
