"""The full-text index of the embedded search backend, in each database's own way.

SQLite: an FTS5 table over title and text, kept in step with the entries by triggers.
PostgreSQL: a stored tsvector built from the tokens as they are (array_to_tsvector: no
parser, so Chinese tokens stay whole), title weighted A and text B, with a GIN index.
"""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE linli_search_entry_fts USING fts5(
        title, text, content='linli_search_entry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER linli_search_entry_ai AFTER INSERT ON linli_search_entry BEGIN
        INSERT INTO linli_search_entry_fts(rowid, title, text)
        VALUES (new.id, new.title, new.text); END""",
    """CREATE TRIGGER linli_search_entry_ad AFTER DELETE ON linli_search_entry BEGIN
        INSERT INTO linli_search_entry_fts(linli_search_entry_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text); END""",
    """CREATE TRIGGER linli_search_entry_au AFTER UPDATE ON linli_search_entry BEGIN
        INSERT INTO linli_search_entry_fts(linli_search_entry_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO linli_search_entry_fts(rowid, title, text)
        VALUES (new.id, new.title, new.text); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS linli_search_entry_au",
    "DROP TRIGGER IF EXISTS linli_search_entry_ad",
    "DROP TRIGGER IF EXISTS linli_search_entry_ai",
    "DROP TABLE IF EXISTS linli_search_entry_fts",
]
POSTGRES = [
    """ALTER TABLE linli_search_entry ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(array_to_tsvector(string_to_array(title, ' ')), 'A')
        || setweight(array_to_tsvector(string_to_array(text, ' ')), 'B')) STORED""",
    "CREATE INDEX linli_search_entry_tsv ON linli_search_entry USING GIN (tsv)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS linli_search_entry_tsv",
    "ALTER TABLE linli_search_entry DROP COLUMN IF EXISTS tsv",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("linli_search", "0001_index")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
