"""Split the work record's hash chain into streams, each with its own lock.

Existing rows all belong to stream 0, whose chain is exactly the old single chain, so every
record written before still verifies. Archive segments keep their hashes per stream.
"""

from django.db import migrations, models


def hashes_per_stream(apps, schema_editor) -> None:
    archive = apps.get_model("worklog", "WorkLogArchive")
    for row in archive.objects.all():
        row.start_hashes = {"0": row.start_hash}
        row.head_hashes = {"0": row.head_hash}
        row.save(update_fields=["start_hashes", "head_hashes"])


def hashes_single(apps, schema_editor) -> None:
    archive = apps.get_model("worklog", "WorkLogArchive")
    for row in archive.objects.all():
        row.start_hash = row.start_hashes.get("0", "")
        row.head_hash = row.head_hashes.get("0", "")
        row.save(update_fields=["start_hash", "head_hash"])


class Migration(migrations.Migration):
    dependencies = [("worklog", "0002_work_record_append_only")]

    operations = [
        migrations.AddField(
            model_name="workrecord",
            name="stream",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddIndex(
            model_name="workrecord",
            index=models.Index(fields=["stream", "id"], name="worklog_stream_tip"),
        ),
        migrations.AddField(
            model_name="worklogarchive",
            name="start_hashes",
            field=models.JSONField(default=dict, verbose_name="起始前哈希"),
        ),
        migrations.AddField(
            model_name="worklogarchive",
            name="head_hashes",
            field=models.JSONField(default=dict, verbose_name="链头哈希"),
        ),
        migrations.RunPython(hashes_per_stream, hashes_single),
        migrations.RemoveField(model_name="worklogarchive", name="start_hash"),
        migrations.RemoveField(model_name="worklogarchive", name="head_hash"),
    ]
