"""PostgreSQL: a title-only tsvector beside `tsv`, so ranking can weigh the title.

setweight() does nothing on array_to_tsvector()'s position-less lexemes, so the A/B
weights of 0002 never reached ts_rank; the database backend now ranks
ts_rank(tsv) + (TITLE_WEIGHT − 1) × ts_rank(title_tsv), as FTS5's bm25 weighs columns.
"""

from django.db import migrations

POSTGRES = [
    """ALTER TABLE linli_search_entry ADD COLUMN title_tsv tsvector GENERATED ALWAYS AS (
        array_to_tsvector(string_to_array(title, ' '))) STORED""",
]
POSTGRES_REVERSE = ["ALTER TABLE linli_search_entry DROP COLUMN IF EXISTS title_tsv"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("linli_search", "0003_pending_update")]

    operations = [migrations.RunPython(_run(POSTGRES), _run(POSTGRES_REVERSE))]
