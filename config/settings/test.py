"""The test suite: the same settings as embedded, with fast hashing and captured mail.

The database is whatever DATABASE_URL says (SQLite by default, PostgreSQL in CI).
"""

from .base import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_RATE_LIMITS = False
WHITENOISE_AUTOREFRESH = True

# The site searches the database backend in tests; tests marked `elasticsearch` point it
# at the node in TEST_ELASTICSEARCH_URL (from ELASTICSEARCH_URL) with their own prefix.
TEST_ELASTICSEARCH_URL = ELASTICSEARCH_URL  # noqa: F405
ELASTICSEARCH_URL = ""
SEARCH_BACKEND = "database"

# Payments are off, as embedded, whatever the shell says: a test never reaches
# api.stripe.com. Tests that turn them on (tests/marketplace/payments) point the client
# at stripe-mock, TEST_STRIPE_API_BASE (from STRIPE_API_BASE), or at a closed port.
TEST_STRIPE_API_BASE = STRIPE_API_BASE  # noqa: F405
STRIPE_API_BASE = ""
STRIPE_SECRET_KEY = ""
STRIPE_PUBLISHABLE_KEY = ""
STRIPE_WEBHOOK_SECRET = ""
STRIPE_MAX_RETRIES = 0
