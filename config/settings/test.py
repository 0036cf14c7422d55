"""The test suite: the same settings as embedded, with fast hashing and captured mail.

The database is whatever DATABASE_URL says (SQLite by default, PostgreSQL in CI).
"""

from .base import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_RATE_LIMITS = False
WHITENOISE_AUTOREFRESH = True
