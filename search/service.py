"""Searching for the site: the primary backend, or the database backend when
Elasticsearch does not answer (with a notice the page shows)."""

import logging
from collections.abc import Callable

from django.utils.translation import gettext as _

from . import backends
from .backends.base import Results, SearchBackend, SearchQuery

log = logging.getLogger("linli.search")


def _answer(call: Callable[[SearchBackend], object]) -> tuple[object, str | None]:
    """call(primary backend); when that is Elasticsearch and it fails (or failed moments
    ago), call(database backend) and a notice for the reader."""
    primary = backends.primary()
    if primary.name != "elasticsearch":
        return call(primary), None
    from .backends.elasticsearch import OUTAGE, UNAVAILABLE, is_outage

    if not OUTAGE.active():
        try:
            return call(primary), None
        except UNAVAILABLE as error:
            if is_outage(error):
                OUTAGE.record()
            log.warning("search: Elasticsearch failed (%s); answering from the database", error)
    notice = _(
        "The main search service is not answering, so these results come from the backup "
        "index: they are complete, but the order may be less precise."
    )
    return call(backends.database_backend()), notice


def run_search(query: SearchQuery) -> tuple[Results, str | None]:
    """The results, and a notice for the reader when they come from the fallback."""
    return _answer(lambda backend: backend.search(query))


def suggest(prefix: str, *, visibilities) -> list[str]:
    """Titles starting with `prefix`; the database answers when Elasticsearch does not."""
    return _answer(lambda backend: backend.suggest(prefix, visibilities=visibilities))[0]


def health() -> dict:
    """What the health URL and `search_status` report."""
    from .models import PendingUpdate

    report = {
        "backend": backends.primary().name,
        "database": {"documents": backends.database_backend().count()},
        "pending_updates": PendingUpdate.objects.count(),
    }
    remote = backends.elasticsearch_backend()
    if remote is not None:
        report["elasticsearch"] = {"url": remote.url, "healthy": remote.healthy()}
    report["ok"] = report.get("elasticsearch", {}).get("healthy", True)
    return report
