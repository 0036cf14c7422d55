"""`make run`: the embedded single-machine site (SQLite unless DATABASE_URL is set)."""

from .base import *  # noqa: F401,F403
