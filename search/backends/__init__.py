"""Search backends behind one interface (base.SearchBackend): the embedded database
backend (database.py), always kept, and Elasticsearch (elasticsearch.py) when
ELASTICSEARCH_URL is set.

    database_backend()       the embedded backend (the site's own database)
    elasticsearch_backend()  the Elasticsearch backend, or None when none is configured
    primary()                where searches go first: SEARCH_BACKEND ("elasticsearch"
                             when ELASTICSEARCH_URL is set, else "database")
"""

from django.conf import settings


def database_backend():
    from .database import DatabaseBackend

    return DatabaseBackend()


def elasticsearch_backend():
    if not settings.ELASTICSEARCH_URL:
        return None
    from .elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend(settings.ELASTICSEARCH_URL, prefix=settings.SEARCH_INDEX_PREFIX)


def primary():
    if settings.SEARCH_BACKEND == "elasticsearch":
        return elasticsearch_backend() or database_backend()
    return database_backend()
