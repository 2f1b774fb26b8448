"""On PostgreSQL: pg_trgm and a trigram index on the appeals' jieba tokens (并单 candidates).

Skipped on SQLite, where duplicates are found by token overlap instead.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS participation_appeal_tokens_trgm "
        "ON participation_appeal USING gin (tokens gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS participation_appeal_tokens_trgm")


class Migration(migrations.Migration):
    dependencies = [("participation", "0002_roles")]

    operations = [migrations.RunPython(forwards, backwards)]
