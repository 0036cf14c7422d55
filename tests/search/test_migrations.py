"""The embedded index survives its own migrations."""

import pytest
from django.db import connection

from search.backends.base import SearchQuery
from search.backends.database import DatabaseBackend
from search.registry import TYPES


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 triggers exist on SQLite only")
def test_the_fts5_triggers_outlive_rebuilds_of_the_entry_table(db):
    """A migration that rebuilds linli_search_entry on SQLite drops its triggers; without
    them the FTS5 index stops following the entries and text search finds nothing."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name = 'linli_search_entry'"
        )
        triggers = {row[0] for row in cursor.fetchall()}
    assert triggers == {"linli_search_entry_ai", "linli_search_entry_ad", "linli_search_entry_au"}
    index = DatabaseBackend()
    index.index([TYPES["facility"].document.of("facility", 1, url="/f/", title="助餐 食堂")])
    assert [hit.doc_id for hit in index.search(SearchQuery(text="食堂")).hits] == ["facility-1"]
