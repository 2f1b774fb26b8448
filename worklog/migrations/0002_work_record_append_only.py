"""On PostgreSQL, forbid UPDATE and DELETE on the work record for every role (append-only).

A no-op on SQLite (the embedded demo); the hash chain still exposes any change there.
"""

from django.db import migrations

from worklog.chain import append_only_operations


class Migration(migrations.Migration):
    dependencies = [("worklog", "0001_initial")]

    operations = append_only_operations(
        table="worklog_workrecord", function="worklog_workrecord_append_only", what="work record"
    )
