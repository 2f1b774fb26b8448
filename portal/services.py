"""Writes for the four lists: workflow and role set-up, entry creation, and bulk import."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType, WorkflowTask

from accounts.constants import Role
from accounts.models import Department, User
from portal.lists_admin import user_sees_all_departments
from portal.models import (
    ListImport,
    NegativeListItem,
    PowerEntry,
    PowerLegalBasis,
    PublicServiceEntry,
)
from portal.models.lists import POWER_TYPE_CHOICES, ImportStatus
from services_catalog.constants import ExerciseLevel

WORKFLOW_NAME = "清单审核"
TASK_NAME = "清单审核：系统管理员审批"
LIST_MODELS = (PowerEntry, NegativeListItem, PublicServiceEntry)

_PUBLISHER_ACTIONS = ("add", "change", "view")
_ADMIN_ACTIONS = ("add", "change", "view", "publish", "delete")


# --- Roles and workflow ---------------------------------------------------------------------


def list_roles_grant() -> None:
    """Add the list snippets' permissions to 清单发布员 and 系统管理员 (additive, idempotent).

    Publishers draft and submit (no publish permission, so everything goes through the
    workflow); administrators may also publish and approve.
    """
    for role, actions in ((Role.LIST_PUBLISHER, _PUBLISHER_ACTIONS), (Role.ADMIN, _ADMIN_ACTIONS)):
        group, _created = Group.objects.get_or_create(name=Role(role).label)
        codenames = [f"{a}_{m._meta.model_name}" for m in LIST_MODELS for a in actions]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="portal", codename__in=codenames)
        )


@transaction.atomic
def lists_workflow_ensure() -> Workflow:
    """Create the 清单审核 workflow (one GroupApprovalTask for 系统管理员) and assign it to the lists."""
    admin_group, _created = Group.objects.get_or_create(name=Role.ADMIN.label)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(admin_group)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for model in LIST_MODELS:
        WorkflowContentType.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(model), defaults={"workflow": workflow}
        )
    return workflow


def entry_publish(*, entry, user: User | None = None):
    """Save a revision and publish it (demo loading and administrators only)."""
    revision = entry.save_revision(user=user, log_action=False)
    revision.publish(user=user, log_action=False)
    return entry


# --- Bulk import of the power list ----------------------------------------------------------

POWER_COLUMNS = [
    ("code", "实施编码", True),
    ("basic_code", "基本编码", True),
    ("name", "事项名称", True),
    ("power_type", "事项类型", True),
    ("department", "实施主体", True),
    ("exercise_level", "行使层级", False),
    ("handling_office", "承办机构", False),
    ("legal_bases", "设定依据", False),
    ("legal_limit_days", "法定办结时限", False),
    ("promised_limit_days", "承诺办结时限", False),
    ("charges_fee", "是否收费", False),
    ("fee_basis", "收费依据", False),
    ("supervise_phone", "监督电话", False),
    ("process_summary", "办事流程", False),
]
POWER_HEADERS = [label for _key, label, _req in POWER_COLUMNS]
MAX_IMPORT_ROWS = 20_000
MAX_IMPORT_BYTES = 10 * 1024 * 1024
IMPLEMENTATION_CODE_RE = re.compile(r"^[0-9A-Z][0-9A-Z-]{5,35}$")
BASIC_CODE_RE = re.compile(r"^\d{10}$")
_LAW_RE = re.compile(r"《([^》]{1,200})》\s*(.*)")
_TYPE_BY_LABEL = {str(label): code for code, label in POWER_TYPE_CHOICES}
_TYPE_CODES = {code for code, _label in POWER_TYPE_CHOICES}
_LEVEL_BY_LABEL = {str(label): code for code, label in ExerciseLevel.choices}
_LEVEL_BY_LABEL.update({str(label).rstrip("级"): code for code, label in ExerciseLevel.choices})


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, size, columns)."""


@dataclass
class ParsedRow:
    line: int
    values: dict


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def import_file_read(
    *, filename: str, content: bytes, columns: list[tuple[str, str, bool]] | None = None
) -> list[ParsedRow]:
    """Read an XLSX or CSV file into rows keyed by our field names; checks the header row."""
    if len(content) > MAX_IMPORT_BYTES:
        raise ImportFileError(_("文件超过 10 MB，请拆分后导入。"))
    name = filename.lower()
    if name.endswith(".xlsx"):
        import openpyxl

        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for corrupt files
            raise ImportFileError(_("无法读取该 XLSX 文件，请使用下载的模板。")) from exc
        sheet = workbook.worksheets[0]
        raw_rows = ([_cell(v) for v in row] for row in sheet.iter_rows(values_only=True))
    elif name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = content.decode("gb18030")
            except UnicodeDecodeError as exc:
                raise ImportFileError(_("无法识别文件编码，请保存为 UTF-8 编码的 CSV。")) from exc
        raw_rows = ([_cell(v) for v in row] for row in csv.reader(io.StringIO(text)))
    else:
        raise ImportFileError(_("只支持 .xlsx 或 .csv 文件。"))
    header = next(raw_rows, None)
    if not header or not any(header):
        raise ImportFileError(_("文件是空的。"))
    header = [h.strip() for h in header]
    columns = columns or POWER_COLUMNS
    labels = {label: key for key, label, _req in columns}
    missing = [label for _key, label, req in columns if req and label not in header]
    unknown = [h for h in header if h and h not in labels]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("缺少必填列：%(cols)s") % {"cols": "、".join(missing)})
        if unknown:
            parts.append(_("无法识别的列：%(cols)s") % {"cols": "、".join(unknown[:10])})
        raise ImportFileError("；".join(parts) + _("。请使用下载的模板。"))
    duplicates = {h for h in header if h and header.count(h) > 1}
    if duplicates:
        raise ImportFileError(_("列名重复：%(cols)s。") % {"cols": "、".join(sorted(duplicates))})
    rows = []
    for index, raw in enumerate(raw_rows, start=2):
        if not any(raw):
            continue
        if len(rows) >= MAX_IMPORT_ROWS:
            raise ImportFileError(_("一次最多导入 %(n)s 行。") % {"n": MAX_IMPORT_ROWS})
        values = {labels[h]: (raw[i] if i < len(raw) else "") for i, h in enumerate(header) if h}
        rows.append(ParsedRow(line=index, values=values))
    if not rows:
        raise ImportFileError(_("文件中没有数据行。"))
    return rows


def _parse_legal_bases(text: str) -> list[dict]:
    bases = []
    for part in re.split(r"[;；\n]+", text):
        part = part.strip()
        if not part:
            continue
        match = _LAW_RE.match(part)
        if match:
            bases.append(
                {"law": match.group(1).strip()[:200], "article": match.group(2).strip()[:100]}
            )
        else:
            bases.append({"law": part[:200], "article": ""})
    return bases


def _parse_days(value: str, label: str, errors: list[str]) -> int | None:
    if not value:
        return None
    if not value.isdigit() or int(value) > 999:
        errors.append(
            _("%(label)s应为 0–999 的工作日天数，而不是“%(value)s”")
            % {"label": label, "value": value[:20]}
        )
        return None
    return int(value)


def _validate_power_row(values: dict, *, departments: dict, actor: User) -> tuple[dict, list[str]]:
    errors: list[str] = []
    data: dict = {}
    code = values.get("code", "").strip().upper()
    if not IMPLEMENTATION_CODE_RE.match(code):
        errors.append(
            _("实施编码“%(v)s”格式不正确（6–36 位大写字母、数字或连字符）") % {"v": code[:40]}
        )
    data["code"] = code
    type_value = values.get("power_type", "").strip()
    power_type = type_value.zfill(2) if type_value.isdigit() else _TYPE_BY_LABEL.get(type_value, "")
    if power_type not in _TYPE_CODES:
        errors.append(_("事项类型“%(v)s”不是十类行政权力之一（01–10）") % {"v": type_value[:20]})
    data["power_type"] = power_type
    basic_code = values.get("basic_code", "").strip()
    if not BASIC_CODE_RE.match(basic_code):
        errors.append(_("基本编码“%(v)s”应为 10 位数字") % {"v": basic_code[:20]})
    elif power_type in _TYPE_CODES and not basic_code.startswith(power_type):
        errors.append(_("基本编码前两位应为事项类型代码 %(t)s") % {"t": power_type})
    data["basic_code"] = basic_code
    name = values.get("name", "").strip()
    if not name:
        errors.append(_("事项名称不能为空"))
    elif len(name) > 200:
        errors.append(_("事项名称超过 200 字"))
    data["name"] = name[:200]
    dept_value = values.get("department", "").strip()
    department = departments.get(dept_value)
    if department is None:
        errors.append(
            _("实施主体“%(v)s”不是已登记的部门（填写部门代码或全称）") % {"v": dept_value[:40]}
        )
    elif not user_sees_all_departments(actor) and department.pk != actor.department_id:
        errors.append(
            _("只能导入本部门（%(d)s）的清单")
            % {"d": actor.department.name if actor.department else ""}
        )
    data["department_id"] = department.pk if department else None
    level_value = values.get("exercise_level", "").strip() or ExerciseLevel.MUNICIPAL
    level = level_value if level_value in ExerciseLevel.values else _LEVEL_BY_LABEL.get(level_value)
    if level is None:
        errors.append(
            _("行使层级“%(v)s”无效（1–7 或 国家级/省级/市级…）") % {"v": level_value[:20]}
        )
    data["exercise_level"] = level or ExerciseLevel.MUNICIPAL
    data["handling_office"] = values.get("handling_office", "").strip()[:100]
    data["legal_bases"] = _parse_legal_bases(values.get("legal_bases", ""))
    data["legal_limit_days"] = _parse_days(
        values.get("legal_limit_days", "").strip(), _("法定办结时限"), errors
    )
    data["promised_limit_days"] = _parse_days(
        values.get("promised_limit_days", "").strip(), _("承诺办结时限"), errors
    )
    fee = values.get("charges_fee", "").strip()
    if fee not in ("", "是", "否"):
        errors.append(_("是否收费应填“是”或“否”"))
    data["charges_fee"] = fee == "是"
    data["fee_basis"] = values.get("fee_basis", "").strip()
    data["supervise_phone"] = values.get("supervise_phone", "").strip()[:40]
    data["process_summary"] = values.get("process_summary", "").strip()
    return data, errors


_COMPARED = [
    "basic_code",
    "name",
    "power_type",
    "department_id",
    "exercise_level",
    "handling_office",
    "legal_limit_days",
    "promised_limit_days",
    "charges_fee",
    "fee_basis",
    "supervise_phone",
    "process_summary",
]


def _changed_fields(entry: PowerEntry, data: dict) -> list[str]:
    changed = [f for f in _COMPARED if getattr(entry, f) != data[f]]
    current = [{"law": b.law, "article": b.article} for b in entry.legal_bases.all()]
    if data["legal_bases"] and current != data["legal_bases"]:
        changed.append("legal_bases")
    return changed


def power_import_validate(*, rows: list[dict], actor: User) -> list[dict]:
    """Dry run: what each row would do (create / change / unchanged / reject) and why.

    ``rows`` are dicts with ``line`` and ``values``. Nothing is written.
    """
    departments: dict[str, Department] = {}
    for dept in Department.objects.all():
        departments[dept.code] = dept
        departments[dept.name] = dept
        if dept.short_name:
            departments.setdefault(dept.short_name, dept)
    codes = [str(r["values"].get("code", "")).strip().upper() for r in rows]
    existing = {
        e.code: e
        for e in PowerEntry.objects.filter(code__in=[c for c in codes if c]).prefetch_related(
            "legal_bases"
        )
    }
    seen: dict[str, int] = {}
    report = []
    for row in rows:
        data, errors = _validate_power_row(row["values"], departments=departments, actor=actor)
        code = data["code"]
        if code and code in seen:
            errors.append(_("实施编码与第 %(line)s 行重复") % {"line": seen[code]})
        elif code:
            seen[code] = row["line"]
        entry = existing.get(code)
        changed: list[str] = []
        if errors:
            action = "reject"
        elif entry is None:
            action = "create"
        else:
            if not user_sees_all_departments(actor) and entry.department_id != actor.department_id:
                errors.append(_("该实施编码已属于其他部门的事项"))
                action = "reject"
            else:
                changed = _changed_fields(entry, data)
                action = "change" if changed else "unchanged"
        report.append(
            {
                "line": row["line"],
                "code": code,
                "name": data["name"],
                "action": action,
                "errors": errors,
                "changed": changed,
                "data": data,
            }
        )
    return report


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
    pending = [r for r in list_import.report if r["action"] in ("create", "change")]
    total = (
        len({r["code"] for r in pending}) if list_import.kind == "responsibility" else len(pending)
    )
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
    from portal import tasks

    locked = ListImport.objects.select_for_update().get(pk=list_import.pk)
    if locked.created_by_id != actor.pk:
        raise PermissionError("not your import")
    if locked.status != ImportStatus.PREVIEWED:
        return locked
    if locked.has_errors:
        raise ValueError(_("文件中有被拒绝的行，请修改后重新上传。"))
    locked.status = ImportStatus.QUEUED
    locked.save(update_fields=["status"])
    transaction.on_commit(lambda: tasks.list_import_run.delay(locked.pk))
    return locked


def _apply_power_row(*, data: dict, entry: PowerEntry | None, actor: User) -> PowerEntry:
    fields = {k: v for k, v in data.items() if k != "legal_bases"}
    if entry is None:
        entry = PowerEntry(live=False, **fields)
        entry.legal_bases = [
            PowerLegalBasis(sort_order=i, **b) for i, b in enumerate(data["legal_bases"])
        ]
        entry.save()
    else:
        for key, value in fields.items():
            setattr(entry, key, value)
        if data["legal_bases"]:
            entry.legal_bases = [
                PowerLegalBasis(sort_order=i, **b) for i, b in enumerate(data["legal_bases"])
            ]
    entry.save_revision(user=actor, log_action=True)
    workflow = entry.get_workflow()
    if workflow is not None and not entry.workflow_in_progress:
        workflow.start(entry, actor)
    return entry


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
    try:
        with transaction.atomic():
            kind = IMPORT_KINDS[list_import.kind]
            report = kind["validate"](rows=list_import.rows, actor=actor)
            if any(r["action"] == "reject" for r in report):
                raise ValueError(_("导入期间数据已变化，部分行不再有效，请重新上传。"))
            if list_import.kind == "responsibility":
                created, changed = _apply_responsibility_rows(report=report, actor=actor, key=key)
                todo = []
            else:
                todo = [r for r in report if r["action"] in ("create", "change")]
                created = changed = 0
            existing = {
                e.code: e for e in PowerEntry.objects.filter(code__in=[r["code"] for r in todo])
            }
            for index, row in enumerate(todo, start=1):
                entry = existing.get(row["code"])
                _apply_power_row(data=row["data"], entry=entry, actor=actor)
                if entry is None:
                    created += 1
                else:
                    changed += 1
                if index % 20 == 0 or index == len(todo):
                    cache.set(key, {"done": index, "total": len(todo)}, 3600)
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
    if kind == "responsibility":
        return _template(fmt, "责任清单", RESPONSIBILITY_HEADERS, RESPONSIBILITY_EXAMPLE)
    example = [
        "11310000MB2F100048010001",
        "0100001000",
        "人力资源服务许可",
        "01",
        "rsj",
        "3",
        "人力资源市场处",
        "《中华人民共和国就业促进法》第四十条；《人力资源市场暂行条例》第十八条",
        "20",
        "10",
        "否",
        "",
        "021-12333",
        "受理 → 审查 → 决定 → 送达",
    ]
    return _template(fmt, "权力清单", POWER_HEADERS, example)


def _template(fmt: str, title: str, headers: list[str], example: list[str]) -> tuple[bytes, str]:
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        writer.writerow(example)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8"), "text/csv; charset=utf-8"
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(headers)
    sheet.append(example)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- Bulk import of the responsibility list -----------------------------------------------------

RESPONSIBILITY_COLUMNS = [
    ("code", "实施编码", True),
    ("stage", "环节", True),
    ("duty", "责任事项", True),
    ("accountability", "追责情形", True),
    ("accountability_basis", "问责依据", True),
]
RESPONSIBILITY_HEADERS = [label for _key, label, _req in RESPONSIBILITY_COLUMNS]
RESPONSIBILITY_EXAMPLE = [
    "11310000MB2F100048010001",
    "受理",
    "公示依法应当提交的材料；一次性告知补正材料；依法受理或不予受理。",
    "对符合受理条件的申请不予受理的；未一次性告知申请人必须补正的全部内容的。",
    "《中华人民共和国行政许可法》第七十二条",
]


def responsibility_import_validate(*, rows: list[dict], actor: User) -> list[dict]:
    """Dry run of a 责任清单 file: the rows of one 实施编码 replace that power's items.

    Each row is reported; a power whose items would not change is "unchanged".
    """
    from portal.models.lists import ResponsibilityStage

    codes = {str(r["values"].get("code", "")).strip().upper() for r in rows}
    powers = {
        p.code: p
        for p in PowerEntry.objects.filter(code__in=codes).prefetch_related("responsibilities")
    }
    stages = set(ResponsibilityStage.values)
    report = []
    by_code: dict[str, list[dict]] = {}
    for row in rows:
        values = row["values"]
        errors: list[str] = []
        code = values.get("code", "").strip().upper()
        power = powers.get(code)
        if not IMPLEMENTATION_CODE_RE.match(code):
            errors.append(_("实施编码“%(v)s”格式不正确") % {"v": code[:40]})
        elif power is None:
            errors.append(
                _("权力清单中没有实施编码为 %(v)s 的事项，请先导入权力清单") % {"v": code}
            )
        elif not user_sees_all_departments(actor) and power.department_id != actor.department_id:
            errors.append(_("该事项属于其他部门"))
        stage = values.get("stage", "").strip()
        if stage not in stages:
            errors.append(
                _("环节“%(v)s”无效（如 受理、审查、决定、送达、事后监管、立案…）")
                % {"v": stage[:20]}
            )
        data = {
            "stage": stage,
            "duty": values.get("duty", "").strip(),
            "accountability": values.get("accountability", "").strip(),
            "accountability_basis": values.get("accountability_basis", "").strip(),
        }
        for field, label in (
            ("duty", "责任事项"),
            ("accountability", "追责情形"),
            ("accountability_basis", "问责依据"),
        ):
            if not data[field]:
                errors.append(_("%(label)s不能为空") % {"label": label})
        entry = {
            "line": row["line"],
            "code": code,
            "name": power.name if power else "",
            "action": "reject" if errors else "change",
            "errors": errors,
            "changed": [],
            "data": data,
        }
        report.append(entry)
        if not errors:
            by_code.setdefault(code, []).append(entry)
    for code, entries in by_code.items():
        current = [
            (r.stage, r.duty, r.accountability, r.accountability_basis)
            for r in powers[code].responsibilities.all()
        ]
        wanted = [
            (
                e["data"]["stage"],
                e["data"]["duty"],
                e["data"]["accountability"],
                e["data"]["accountability_basis"],
            )
            for e in entries
        ]
        for e in entries:
            if current == wanted:
                e["action"] = "unchanged"
            else:
                e["changed"] = ["responsibilities"]
    return report


def _apply_responsibility_rows(*, report: list[dict], actor: User, key: str) -> tuple[int, int]:
    from portal.models import ResponsibilityItem

    grouped: dict[str, list[dict]] = {}
    for row in report:
        if row["action"] == "change":
            grouped.setdefault(row["code"], []).append(row["data"])
    powers = {p.code: p for p in PowerEntry.objects.filter(code__in=grouped)}
    for index, (code, items) in enumerate(grouped.items(), start=1):
        entry = powers[code]
        entry.responsibilities = [
            ResponsibilityItem(sort_order=i, **d) for i, d in enumerate(items)
        ]
        entry.save_revision(user=actor, log_action=True)
        workflow = entry.get_workflow()
        if workflow is not None and not entry.workflow_in_progress:
            workflow.start(entry, actor)
        cache.set(key, {"done": index, "total": len(grouped)}, 3600)
    return 0, len(grouped)


IMPORT_KINDS = {
    "power": {"label": "权力清单", "columns": POWER_COLUMNS, "validate": power_import_validate},
    "responsibility": {
        "label": "责任清单",
        "columns": RESPONSIBILITY_COLUMNS,
        "validate": responsibility_import_validate,
    },
}


def negative_lookup_reset() -> None:
    """Drop cached list data (after bulk loads that bypass the publish signal)."""
    from portal.lists_cache import lists_version_bump
    from portal.selectors import negative_lookup_invalidate

    negative_lookup_invalidate()
    lists_version_bump()


# --- Volume data for benchmarks --------------------------------------------------------------

VOLUME_POWER_PREFIX = "VQL"
_VOLUME_DISTRICTS = [
    "黄浦区",
    "徐汇区",
    "长宁区",
    "嘉定区",
    "浦东新区",
    "静安区",
    "普陀区",
    "虹口区",
]


def power_volume_generate(*, count: int) -> int:
    """Bulk-create live power entries until ``count`` volume entries exist (codes "VQL<6 digits>").

    District-level copies of the live demo powers, with their legal bases and responsibility
    items, written with bulk_create (no revisions: this is benchmark data, not content).
    Idempotent: running it again with the same count creates nothing.
    """
    import itertools

    from portal.models import ResponsibilityItem

    templates = list(
        PowerEntry.objects.filter(live=True)
        .exclude(code__startswith=VOLUME_POWER_PREFIX)
        .prefetch_related("legal_bases", "responsibilities")
        .order_by("code")
    )
    existing = PowerEntry.objects.filter(code__startswith=VOLUME_POWER_PREFIX).count()
    if not templates or count <= existing:
        return 0
    skip = {
        "id",
        "code",
        "name",
        "latest_revision",
        "live_revision",
        "locked",
        "locked_at",
        "locked_by",
        "updated_at",
        "first_published_at",
        "last_published_at",
        "latest_revision_created_at",
    }
    fields = [f for f in PowerEntry._meta.concrete_fields if f.name not in skip]
    created = 0
    numbers = iter(range(existing + 1, count + 1))
    while chunk := list(itertools.islice(numbers, 1000)):
        with transaction.atomic():
            rows, sources = [], []
            for n in chunk:
                template = templates[n % len(templates)]
                district = _VOLUME_DISTRICTS[(n // len(templates)) % len(_VOLUME_DISTRICTS)]
                entry = PowerEntry(
                    code=f"{VOLUME_POWER_PREFIX}{n:06d}", name=f"{template.name}（{district}）"
                )
                for f in fields:
                    setattr(entry, f.attname, getattr(template, f.attname))
                entry.live = True
                entry.has_unpublished_changes = False
                entry.exercise_level = ExerciseLevel.COUNTY
                rows.append(entry)
                sources.append(template)
            PowerEntry.objects.bulk_create(rows, batch_size=500)
            saved = dict(
                PowerEntry.objects.filter(code__in=[r.code for r in rows]).values_list("code", "pk")
            )
            bases, duties = [], []
            for entry, template in zip(rows, sources, strict=True):
                pk = saved[entry.code]
                bases += [
                    PowerLegalBasis(
                        power_id=pk, sort_order=b.sort_order, law=b.law, article=b.article
                    )
                    for b in template.legal_bases.all()
                ]
                duties += [
                    ResponsibilityItem(
                        power_id=pk,
                        sort_order=r.sort_order,
                        stage=r.stage,
                        duty=r.duty,
                        accountability=r.accountability,
                        accountability_basis=r.accountability_basis,
                    )
                    for r in template.responsibilities.all()
                ]
            PowerLegalBasis.objects.bulk_create(bases, batch_size=1000)
            ResponsibilityItem.objects.bulk_create(duties, batch_size=1000)
            created += len(rows)
    negative_lookup_reset()
    return created


def power_volume_delete() -> int:
    deleted, _by_model = PowerEntry.objects.filter(code__startswith=VOLUME_POWER_PREFIX).delete()
    negative_lookup_reset()
    return deleted
