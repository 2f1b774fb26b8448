"""Archival of old work records (kept ≥ WORKLOG_RETENTION_DAYS, never deleted).

Records older than the retention period are written, in closed segments of consecutive ids,
to gzip-compressed JSONL files under PRIVATE_MEDIA_ROOT/worklog/archive/. Each segment's
chain hashes (the hash before its first record and its last record's hash, the head) are kept
in a `WorkLogArchive` row, so a file can be re-verified at any time without the table, and the
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

from worklog.chain import GENESIS, ChainReport, verify_rows
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
    after_id, start_hash = (last.last_id, last.head_hash) if last else (None, GENESIS)
    old = WorkRecord.objects.filter(at__lt=_cutoff(now))
    if after_id is not None:
        old = old.filter(id__gt=after_id)
    ids = list(old.order_by("id").values_list("id", flat=True)[:segment_size])
    if not ids:
        return None
    rows = list(WORK_RECORD_CHAIN.rows(after_id=after_id, until_id=ids[-1]))
    report = verify_rows(rows, start_hash=start_hash, after_id=after_id)
    if not report.ok:
        raise ArchiveRefused(f"record {report.first_broken_id}: {report.reason}")
    path, digest = _write(rows)
    with transaction.atomic():
        archive, _created = WorkLogArchive.objects.get_or_create(
            last_id=rows[-1][0],
            defaults={
                "first_id": rows[0][0],
                "count": len(rows),
                "start_hash": start_hash,
                "head_hash": report.last_hash,
                "oldest_at": rows[0][3]["at"],
                "newest_at": rows[-1][3]["at"],
                "path": str(path.relative_to(Path(settings.PRIVATE_MEDIA_ROOT))),
                "file_sha256": digest,
            },
        )
    return archive


def _write(rows: list[tuple[int, str, str, dict]]) -> tuple[Path, str]:
    root = archive_root()
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"worklog-{rows[0][0]:012d}-{rows[-1][0]:012d}.jsonl.gz"
    partial = path.with_suffix(".partial")
    with gzip.open(partial, "wt", encoding="utf-8", compresslevel=6) as out:
        for row_id, prev_hash, entry_hash, content in rows:
            line = {"id": row_id, "prev_hash": prev_hash, "entry_hash": entry_hash, **content}
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
                yield data["id"], data["prev_hash"], data["entry_hash"], content

    report = verify_rows(rows(), start_hash=archive.start_hash, after_id=None)
    if report.ok and (report.last_hash != archive.head_hash or report.checked != archive.count):
        return ChainReport(False, report.checked, archive.last_id, "archive head does not match")
    return report
