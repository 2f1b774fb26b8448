"""On PostgreSQL: the trigram index covers only open appeals, the only 并单 candidates.

With 1,000,000 appeals a full-table trigram index answers a common text with tens of thousands
of closed matches that the query then throws away; the partial index holds only the few
thousand open ones (the query's `state IN (…) AND merged_into IS NULL` implies its predicate).
"""

from django.db import migrations

OPEN = "'accepted','dispatched','return_requested','handling','waiting_reporter','answered','called_back'"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS participation_appeal_tokens_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS participation_appeal_open_tokens_trgm "
        "ON participation_appeal USING gin (tokens gin_trgm_ops) "
        f"WHERE state IN ({OPEN}) AND merged_into_id IS NULL"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS participation_appeal_open_tokens_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS participation_appeal_tokens_trgm "
        "ON participation_appeal USING gin (tokens gin_trgm_ops)"
    )


class Migration(migrations.Migration):
    dependencies = [("participation", "0004_queue_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
