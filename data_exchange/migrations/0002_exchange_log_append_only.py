"""On PostgreSQL, forbid UPDATE and DELETE on the exchange log for every role (append-only).

A no-op on SQLite (the embedded demo); the hash chain still exposes any change there.
"""

from django.db import migrations

TABLE = "data_exchange_exchangelogentry"

INSTALL = f"""
CREATE OR REPLACE FUNCTION data_exchange_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'exchange log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS data_exchange_log_append_only ON {TABLE};
CREATE TRIGGER data_exchange_log_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION data_exchange_log_append_only();
"""

REMOVE = f"""
DROP TRIGGER IF EXISTS data_exchange_log_append_only ON {TABLE};
DROP FUNCTION IF EXISTS data_exchange_log_append_only();
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(INSTALL)  # no params: the '%' of RAISE is not a placeholder


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(REMOVE)


class Migration(migrations.Migration):
    dependencies = [("data_exchange", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
