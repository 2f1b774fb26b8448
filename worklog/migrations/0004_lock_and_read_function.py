"""Recording in fewer round trips and index writes (issue 14: recording adds <= 1 ms).

- `worklog_lock_and_read(stream, target_type, target_id)` takes the stream's advisory lock and
  returns its tip and the object's previous record time in one round trip (PostgreSQL only).
  Its query is `worklog.services._PREVIOUS_STEP`; the two must stay the same.
- `entry_hash` loses its unique index: nothing looks a record up by its hash, and uniqueness
  guards nothing the chain does not (a fork links two different rows to one tip; their hashes
  differ). It was one more random-page write per action.
"""

from django.db import migrations, models

from worklog.chain import lock_and_read_function


class Migration(migrations.Migration):
    dependencies = [("worklog", "0003_chain_streams")]

    operations = [
        *lock_and_read_function(
            function="worklog_lock_and_read",
            table="worklog_workrecord",
            lock_key=720302,
            also=(
                "SELECT at FROM worklog_workrecord WHERE target_type = p_target_type "
                "AND target_id = p_target_id ORDER BY id DESC LIMIT 1"
            ),
            also_type="timestamptz",
            arguments=[("p_target_type", "text"), ("p_target_id", "text")],
        ),
        migrations.AlterField(
            model_name="workrecord",
            name="entry_hash",
            field=models.CharField(max_length=64),
        ),
    ]
