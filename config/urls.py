from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from marketplace.web.webhooks.stripe import stripe_webhook
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
    path("me/", include("marketplace.web.accounts.urls")),
    path("notifications/", include("marketplace.web.notifications.urls")),
    path("elder-mode/", include("marketplace.web.core.urls")),
    path("demands/", include("marketplace.web.demands.urls")),
    path("volunteering/", include("marketplace.web.volunteering.urls")),
    path("procurement/", include("marketplace.web.procurement.urls")),
    path("reviews/", include("marketplace.web.reviews.urls")),
    path("requests/", include("marketplace.web.hotline.urls")),
    path("surveys/", include("marketplace.web.surveys.urls")),
    path("providers/", include("marketplace.web.organizations.urls")),
    path("facilities/", include("marketplace.web.regions.urls")),
    path("search/", include("search.urls")),
    path("bookings/", include("marketplace.web.bookings.urls")),
    path("donations/", include("marketplace.web.donations.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
