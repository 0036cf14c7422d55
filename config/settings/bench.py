"""`make bench ONLY=search`: the embedded settings plus the bench-only peer app (bench/peer),
whose models Wagtail's search indexes. Never used by the site: no production model gains
a second index this way."""

from .embedded import *  # noqa: F401,F403
from .embedded import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench.peer"]
