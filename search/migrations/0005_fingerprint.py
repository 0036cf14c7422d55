"""Each entry keeps the fingerprint of its document (search_status compares them).

On SQLite, adding a NOT NULL column makes Django rebuild the table, and dropping the old
table drops the triggers that keep the FTS5 index in step (0002): they are made again
here and the FTS5 index rebuilt from the entries. Any later migration that rebuilds
linli_search_entry on SQLite must do the same (tests/search/test_migrations.py checks).
"""

from django.db import migrations, models

TRIGGERS = [
    "DROP TRIGGER IF EXISTS linli_search_entry_ai",
    "DROP TRIGGER IF EXISTS linli_search_entry_ad",
    "DROP TRIGGER IF EXISTS linli_search_entry_au",
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
    "INSERT INTO linli_search_entry_fts(linli_search_entry_fts) VALUES ('rebuild')",
]


def restore_fts_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in TRIGGERS:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("linli_search", "0004_title_rank")]

    # Both ways: the triggers go with every rebuild of the table (RemoveField too).
    operations = [
        migrations.RunPython(migrations.RunPython.noop, restore_fts_triggers),
        migrations.AddField(
            model_name="entry",
            name="fingerprint",
            field=models.CharField(blank=True, max_length=16),
        ),
        migrations.RunPython(restore_fts_triggers, migrations.RunPython.noop),
    ]
