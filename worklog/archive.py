"""Archival of old work records (kept ≥ WORKLOG_RETENTION_DAYS, never deleted).

Records older than the retention period are written, in closed segments of consecutive ids,
to gzip-compressed JSONL files under PRIVATE_MEDIA_ROOT/worklog/archive/. Each segment's
chain hashes (each stream's hash before the segment and after it, the heads) are kept in a
`WorkLogArchive` row, so a file can be re-verified at any time without the table, and the
table's chain can be verified from the head onwards. The rows stay in the table: the trigger
refuses DELETE to the application's role. Moving archived rows out of the hot table is an
operator's step as the table owner (docs/worklog.md), after `worklog_verify --archives`.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from worklog.chain import ChainReport, ChainRow, verify_rows
from worklog.models import WorkLogArchive, WorkRecord
from worklog.services import WORK_RECORD_CHAIN

SEGMENT_SIZE = 100_000


class ArchiveRefused(Exception):
    """The records to archive do not verify: nothing is archived until the break is explained."""


def archive_root() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "worklog" / "archive"


def _cutoff(now: dt.datetime | None) -> dt.datetime:
    days = max(int(getattr(settings, "WORKLOG_RETENTION_DAYS", 180)), 180)
    return (now or timezone.now()) - dt.timedelta(days=days)


def worklog_archive_segment(
    *, now: dt.datetime | None = None, segment_size: int = SEGMENT_SIZE
) -> WorkLogArchive | None:
    """Archive the next closed segment of records older than the retention period, or None
    when there is none. Safe to run twice (a segment's last id is unique)."""
    last = WorkLogArchive.objects.order_by("-last_id").first()
    after_id, start_hashes = (last.last_id, _streams(last.head_hashes)) if last else (None, {})
    old = WorkRecord.objects.filter(at__lt=_cutoff(now))
    if after_id is not None:
        old = old.filter(id__gt=after_id)
    ids = list(old.order_by("id").values_list("id", flat=True)[:segment_size])
    if not ids:
        return None
    rows = list(WORK_RECORD_CHAIN.rows(after_id=after_id, until_id=ids[-1]))
    report = verify_rows(rows, start_hashes=start_hashes, after_id=after_id)
    if not report.ok:
        raise ArchiveRefused(f"record {report.first_broken_id}: {report.reason}")
    path, digest = _write(rows)
    with transaction.atomic():
        archive, _created = WorkLogArchive.objects.get_or_create(
            last_id=rows[-1].id,
            defaults={
                "first_id": rows[0].id,
                "count": len(rows),
                "start_hashes": _keys(start_hashes),
                "head_hashes": _keys(report.tips),
                "oldest_at": rows[0].content["at"],
                "newest_at": rows[-1].content["at"],
                "path": str(path.relative_to(Path(settings.PRIVATE_MEDIA_ROOT))),
                "file_sha256": digest,
            },
        )
    return archive


def _streams(hashes: dict) -> dict[int, str]:
    return {int(stream): value for stream, value in hashes.items()}


def _keys(hashes: dict[int, str]) -> dict[str, str]:
    return {str(stream): value for stream, value in sorted(hashes.items())}


def _write(rows: list[ChainRow]) -> tuple[Path, str]:
    root = archive_root()
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"worklog-{rows[0].id:012d}-{rows[-1].id:012d}.jsonl.gz"
    partial = path.with_suffix(".partial")
    with gzip.open(partial, "wt", encoding="utf-8", compresslevel=6) as out:
        for row in rows:
            line = {
                "id": row.id,
                "stream": row.stream,
                "prev_hash": row.prev_hash,
                "entry_hash": row.entry_hash,
                **row.content,
            }
            out.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
    partial.replace(path)
    return path, hashlib.sha256(path.read_bytes()).hexdigest()


def archive_verify(*, archive: WorkLogArchive) -> ChainReport:
    """Re-verify one archive file: its digest, its chain from start_hash, and its head."""
    path = Path(settings.PRIVATE_MEDIA_ROOT) / archive.path
    if not path.exists():
        return ChainReport(False, 0, archive.first_id, "archive file missing")
    if hashlib.sha256(path.read_bytes()).hexdigest() != archive.file_sha256:
        return ChainReport(False, 0, archive.first_id, "archive file digest differs")
    fields = WORK_RECORD_CHAIN.fields

    def rows():
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                data = json.loads(line)
                content = {name: data[name] for name in fields}
                stream = data.get("stream", 0)  # segments written before streams: all stream 0
                yield ChainRow(data["id"], data["prev_hash"], data["entry_hash"], content, stream)

    report = verify_rows(rows(), start_hashes=_streams(archive.start_hashes), after_id=None)
    heads = _streams(archive.head_hashes)
    if report.ok and (report.tips != heads or report.checked != archive.count):
        return ChainReport(False, report.checked, archive.last_id, "archive head does not match")
    return report
