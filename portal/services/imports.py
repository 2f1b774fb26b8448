"""Bulk import of the lists from XLSX/CSV: upload → dry run → confirm → one-transaction write.

One table, ``IMPORT_KINDS``, says for each importable list (权力清单, 责任清单) which columns
its file has, how a row is validated and written, and what the template looks like.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from config.tasks import enqueue
from portal.models import ListImport
from portal.models.lists import ImportStatus
from portal.services import import_power as power
from portal.services import import_responsibility as responsibility
from portal.services.import_files import ImportFileError, import_file_read, import_template_build

IMPORT_KINDS = {
    "power": {
        "label": "权力清单",
        "columns": power.POWER_COLUMNS,
        "headers": power.POWER_HEADERS,
        "example": power.POWER_EXAMPLE,
        "validate": power.power_import_validate,
        "apply": power.power_rows_apply,
        "pending": power.power_pending_count,
    },
    "responsibility": {
        "label": "责任清单",
        "columns": responsibility.RESPONSIBILITY_COLUMNS,
        "headers": responsibility.RESPONSIBILITY_HEADERS,
        "example": responsibility.RESPONSIBILITY_EXAMPLE,
        "validate": responsibility.responsibility_import_validate,
        "apply": responsibility.responsibility_rows_apply,
        "pending": responsibility.responsibility_pending_count,
    },
}


@transaction.atomic
def list_import_prepare(*, actor: User, kind: str, filename: str, content: bytes) -> ListImport:
    """Read and validate an uploaded list file (kind: power / responsibility); store the dry run."""
    if kind not in IMPORT_KINDS:
        raise ImportFileError(_("未知的清单类型。"))
    columns, validate = IMPORT_KINDS[kind]["columns"], IMPORT_KINDS[kind]["validate"]
    rows = [
        {"line": r.line, "values": r.values}
        for r in import_file_read(filename=filename, content=content, columns=columns)
    ]
    report = validate(rows=rows, actor=actor)
    return ListImport.objects.create(
        kind=kind,
        created_by=actor,
        department=actor.department,
        filename=filename[:200],
        rows=rows,
        report=[{k: v for k, v in r.items() if k != "data"} for r in report],
    )


def power_import_prepare(*, actor: User, filename: str, content: bytes) -> ListImport:
    return list_import_prepare(actor=actor, kind="power", filename=filename, content=content)


def import_progress_key(import_id: int) -> str:
    return f"portal:list-import:{import_id}:progress"


def import_progress(*, list_import: ListImport) -> dict:
    progress = cache.get(import_progress_key(list_import.pk)) or {}
    total = IMPORT_KINDS[list_import.kind]["pending"](list_import.report)
    return {
        "status": list_import.status,
        "status_label": str(list_import.get_status_display()),
        "done": progress.get("done", total if list_import.status == ImportStatus.DONE else 0),
        "total": total,
        "created": list_import.created_count,
        "changed": list_import.changed_count,
        "error": list_import.error,
    }


@transaction.atomic
def power_import_confirm(*, list_import: ListImport, actor: User) -> ListImport:
    """The user confirmed the dry run: queue the import (runs after commit)."""
    locked = ListImport.objects.select_for_update().get(pk=list_import.pk)
    if locked.created_by_id != actor.pk:
        raise PermissionError("not your import")
    if locked.status != ImportStatus.PREVIEWED:
        return locked
    if locked.has_errors:
        raise ValueError(_("文件中有被拒绝的行，请修改后重新上传。"))
    locked.status = ImportStatus.QUEUED
    locked.save(update_fields=["status"])
    enqueue("portal.tasks.list_import_run", locked.pk)
    return locked


def power_import_run(*, list_import_id: int) -> ListImport:
    """Write a confirmed import in ONE transaction: any failure leaves nothing behind.

    Rows are validated again inside the transaction (data may have changed since the dry
    run). Entries become draft revisions submitted to the 清单审核 workflow; nothing is
    published by an import.
    """
    list_import = ListImport.objects.select_related("created_by").get(pk=list_import_id)
    if list_import.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        return list_import
    ListImport.objects.filter(pk=list_import.pk).update(status=ImportStatus.RUNNING)
    actor = list_import.created_by
    key = import_progress_key(list_import.pk)
    kind = IMPORT_KINDS[list_import.kind]
    try:
        with transaction.atomic():
            report = kind["validate"](rows=list_import.rows, actor=actor)
            if any(r["action"] == "reject" for r in report):
                raise ValueError(_("导入期间数据已变化，部分行不再有效，请重新上传。"))
            created, changed = kind["apply"](
                report=report,
                actor=actor,
                progress=lambda done, total: cache.set(key, {"done": done, "total": total}, 3600),
            )
    except Exception as exc:
        ListImport.objects.filter(pk=list_import.pk).update(
            status=ImportStatus.FAILED, error=str(exc)[:500], finished_at=timezone.now()
        )
        raise
    ListImport.objects.filter(pk=list_import.pk).update(
        status=ImportStatus.DONE,
        created_count=created,
        changed_count=changed,
        finished_at=timezone.now(),
    )
    list_import.refresh_from_db()
    return list_import


def power_import_template(*, fmt: str, kind: str = "power") -> tuple[bytes, str]:
    """The downloadable template (header row + one example row)."""
    spec = IMPORT_KINDS["responsibility" if kind == "responsibility" else "power"]
    return import_template_build(
        fmt=fmt, title=spec["label"], headers=spec["headers"], example=spec["example"]
    )
