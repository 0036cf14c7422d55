"""Search backends behind one interface (base.SearchBackend): the embedded database
backend (database.py), always kept, and Elasticsearch (elasticsearch.py) when
ELASTICSEARCH_URL is set.

    database_backend()       the embedded backend (the site's own database)
    elasticsearch_backend()  the Elasticsearch backend, or None when none is configured
    primary()                where searches go first: SEARCH_BACKEND ("elasticsearch"
                             when ELASTICSEARCH_URL is set, else "database")
"""

from functools import cache

from django.conf import settings


def database_backend():
    from .database import DatabaseBackend

    return DatabaseBackend()


def elasticsearch_backend():
    if not settings.ELASTICSEARCH_URL:
        return None
    return _elasticsearch(settings.ELASTICSEARCH_URL, settings.SEARCH_INDEX_PREFIX)


@cache
def _elasticsearch(url: str, prefix: str):
    """One backend (one client and its connection pool) per node and prefix."""
    from .elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend(url, prefix=prefix)


def primary():
    if settings.SEARCH_BACKEND == "elasticsearch":
        return elasticsearch_backend() or database_backend()
    return database_backend()
