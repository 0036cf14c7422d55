"""Searching for the site: the primary backend, or the database backend when
Elasticsearch does not answer (with a notice the page shows)."""

import logging

from django.utils.translation import gettext as _

from . import backends
from .backends.base import Results, SearchQuery

log = logging.getLogger("linli.search")


def run_search(query: SearchQuery) -> tuple[Results, str | None]:
    """The results, and a notice for the reader when they come from the fallback."""
    primary = backends.primary()
    if primary.name != "elasticsearch":
        return primary.search(query), None
    from .backends.elasticsearch import OUTAGE, UNAVAILABLE

    if not OUTAGE.active():
        try:
            return primary.search(query), None
        except UNAVAILABLE as error:
            OUTAGE.record()
            log.warning("search: Elasticsearch failed (%s); answering from the database", error)
    notice = _(
        "The main search service is not answering, so these results come from the backup "
        "index: they are complete, but the order may be less precise."
    )
    return backends.database_backend().search(query), notice


def suggest(prefix: str, *, visibilities) -> list[str]:
    """Titles starting with `prefix`; the database answers when Elasticsearch does not."""
    primary = backends.primary()
    if primary.name == "elasticsearch":
        from .backends.elasticsearch import OUTAGE, UNAVAILABLE

        if not OUTAGE.active():
            try:
                return primary.suggest(prefix, visibilities=visibilities)
            except UNAVAILABLE as error:
                OUTAGE.record()
                log.warning("search: Elasticsearch failed to suggest (%s)", error)
    return backends.database_backend().suggest(prefix, visibilities=visibilities)


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
