from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from marketplace.payments.webhooks import stripe_webhook
from search.health import search_health

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("documents/", include(wagtaildocs_urls)),
    path("admin/", include(wagtailadmin_urls)),
    path("health/search/", search_health, name="search-health"),
    path("payments/stripe/webhook/", stripe_webhook, name="stripe-webhook"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("me/", include("marketplace.accounts.urls")),
    path("notifications/", include("marketplace.notifications.urls")),
    path("elder-mode/", include("marketplace.core.urls")),
    path("demands/", include("marketplace.demands.urls")),
    path("volunteering/", include("marketplace.volunteering.urls")),
    path("procurement/", include("marketplace.procurement.urls")),
    path("reviews/", include("marketplace.reviews.urls")),
    path("requests/", include("marketplace.hotline.urls")),
    path("surveys/", include("marketplace.surveys.urls")),
    path("providers/", include("marketplace.organizations.urls")),
    path("facilities/", include("marketplace.regions.urls")),
    path("search/", include("search.urls")),
    path("bookings/", include("marketplace.payments.urls")),
    path("donations/", include("marketplace.payments.donation_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
