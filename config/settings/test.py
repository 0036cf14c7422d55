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
