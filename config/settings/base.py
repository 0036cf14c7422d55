"""Settings shared by every mode. Values come from config.settings.env."""

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import (
    BASE_DIR,
    VAR_DIR,
    embedded_key,
    embedded_secret_key,
    env_bool,
    env_int,
    env_list,
    env_str,
    new_fernet_key,
)

SECRET_KEY = env_str("SECRET_KEY") or embedded_secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "marketplace.core",
    "marketplace.accounts",
    "marketplace.regions",
    "marketplace.catalog",
    "marketplace.organizations",
    "marketplace.demands",
    "marketplace.notifications",
    "marketplace.volunteering",
    "marketplace.procurement",
    "marketplace.reviews",
    "marketplace.hotline",
    "marketplace.surveys",
    "marketplace.payments",
    "marketplace.demo",
    "marketplace.backoffice",
    "cms",
    "search",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "marketplace.web.accounts.middleware.RequireMfaMiddleware",
    "marketplace.http.middleware.NotFoundMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "marketplace.web.core.context_processors.site_chrome",
                "marketplace.web.notifications.context_processors.notifications",
            ],
            # The public site's template tags live beside its views, one library per area.
            "libraries": {
                "donations": "marketplace.web.donations.templatetags",
                "formats": "marketplace.web.core.templatetags",
                "procurement": "marketplace.web.procurement.templatetags",
                "reviews": "marketplace.web.reviews.templatetags",
            },
        },
    },
]

# --- database -------------------------------------------------------------
# Embedded default: SQLite in WAL mode, BEGIN IMMEDIATE so writers queue on the
# database lock instead of failing with "database is locked" on upgrade.
SQLITE_PATH = VAR_DIR / "linli.sqlite3"
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{SQLITE_PATH}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;"
        ),
    }
    # The test database is a file too (not shared-cache memory), so concurrency tests
    # see the same locking as the real site: WAL readers, one IMMEDIATE writer at a time.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "marketplace.accounts.backends.RolePermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_ADAPTER = "marketplace.web.accounts.adapter.LinliAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email", "phone"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "phone", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_UNIQUE_EMAIL = True
# A signed-in user sent to the login page (e.g. refused by the back office) sees it,
# instead of bouncing back to where they were refused.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_RESEND = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Linli"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:me"
WAGTAILADMIN_LOGIN_URL = "account_login"
LOGOUT_REDIRECT_URL = "/"

# --- i18n -------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- static and media -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# --- email ------------------------------------------------------------------
EMAIL_URL = env_str("EMAIL_URL", "console://")
if EMAIL_URL.startswith("console:"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
elif EMAIL_URL.startswith("locmem:"):
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
else:
    from urllib.parse import unquote, urlparse

    _email = urlparse(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email.hostname or "localhost"
    EMAIL_PORT = _email.port or 25
    EMAIL_HOST_USER = unquote(_email.username or "")
    EMAIL_HOST_PASSWORD = unquote(_email.password or "")
    EMAIL_USE_TLS = _email.scheme == "smtp+tls"
    EMAIL_USE_SSL = _email.scheme == "smtps"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "邻里 Linli <noreply@linli.localhost>")

# --- Wagtail ----------------------------------------------------------------
WAGTAIL_SITE_NAME = _("Linli")
WAGTAILADMIN_BASE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "txt", "csv", "zip"]

# --- personal data: encrypted at rest ----------------------------------------
# Fernet keys, newest first: new values are written with the first, every key decrypts
# (rotate by prepending a key, then re-saving rows). The blind-index key makes the
# keyed hashes that let us look up and de-duplicate encrypted values (phone, ID number).
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS") or [
    embedded_key("field_encryption_key", new_fernet_key)
]
BLIND_INDEX_KEY = env_str("BLIND_INDEX_KEY") or embedded_key("blind_index_key")

# --- search ------------------------------------------------------------------
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
# Where searches go: "elasticsearch" (when ELASTICSEARCH_URL is set) or "database".
# The database backend is always kept up to date and answers when Elasticsearch is down.
SEARCH_BACKEND = env_str("SEARCH_BACKEND") or ("elasticsearch" if ELASTICSEARCH_URL else "database")
# Elasticsearch index names: <prefix>-<type> (aliases of <prefix>-<type>-v<timestamp>).
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX") or "linli"
# Update the search index after each change commits (a background task per type).
SEARCH_INDEX_ON_SAVE = env_bool("SEARCH_INDEX_ON_SAVE", True)

# --- payments (Stripe) ---------------------------------------------------------
# Payments are on when STRIPE_SECRET_KEY is set (marketplace.payments.gateway.enabled).
# STRIPE_API_BASE points the client elsewhere than api.stripe.com (stripe-mock in tests).
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET")
STRIPE_API_BASE = env_str("STRIPE_API_BASE")
# Seconds Linli waits for Stripe's API (connect, read) and retries of a failed call (the
# same idempotency key, so a retry never charges or refunds twice).
STRIPE_TIMEOUT = (env_int("STRIPE_CONNECT_TIMEOUT", 5), env_int("STRIPE_READ_TIMEOUT", 30))
STRIPE_MAX_RETRIES = env_int("STRIPE_MAX_RETRIES", 2)
# A paid booking holds its place this long while the resident pays, then is released.
BOOKING_HOLD_MINUTES = env_int("BOOKING_HOLD_MINUTES", 15)
# The platform's fee on each payment, in basis points (100 = 1 %); the provider gets
# the rest. Recorded on every payment when it is made.
PLATFORM_FEE_BASIS_POINTS = env_int("PLATFORM_FEE_BASIS_POINTS", 0)

# --- ratings and credit (reviews app) ----------------------------------------
# A provider's shown rating is a Bayesian average: its reviews plus this many
# imaginary reviews at the platform-wide mean.
RATING_PRIOR_WEIGHT = env_int("RATING_PRIOR_WEIGHT", 10)
REVIEW_EDIT_WINDOW_DAYS = env_int("REVIEW_EDIT_WINDOW_DAYS", 7)
# Days a provider has to answer a bad review before it escalates to community staff.
RECTIFICATION_DAYS = env_int("RECTIFICATION_DAYS", 7)
# Words that hold a review's text back for staff (added to the built-in list).
REVIEW_BANNED_WORDS = env_list("REVIEW_BANNED_WORDS")
# --- residents' requests (hotline app) -----------------------------------------
# A community without a drawn boundary covers this radius around its centre.
COMMUNITY_DEFAULT_RADIUS_M = env_int("COMMUNITY_DEFAULT_RADIUS_M", 2000)

# --- tasks ------------------------------------------------------------------
# Work done after a change commits (search index updates, notification email).
# `immediate` runs it at the end of the request that made the change: one process, the
# embedded default. `database` queues it in the database for `manage.py db_worker`
# (django-tasks-db), so no request waits for it: the production default.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def task_settings(default: str) -> dict:
    """TASKS for the TASKS_BACKEND named in the environment (or `default`)."""
    name = env_str("TASKS_BACKEND", default)
    if name not in TASK_BACKENDS:
        raise ImproperlyConfigured(
            f"TASKS_BACKEND={name!r}: choose one of {', '.join(TASK_BACKENDS)}."
        )
    return {"default": {"BACKEND": TASK_BACKENDS[name]}}


TASKS = task_settings("immediate")

# --- security defaults valid in every mode ----------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"  # Wagtail previews opt back in to SAMEORIGIN per view
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
