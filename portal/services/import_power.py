"""Bulk import of the 权力清单: the columns, the dry run of each row, and writing a row."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import gettext as _

from accounts.models import Department, User
from portal.lists_admin import user_sees_all_departments
from portal.models import PowerEntry, PowerLegalBasis
from portal.models.lists import POWER_TYPE_CHOICES
from portal.services.moderation import entry_submit
from services_catalog.constants import ExerciseLevel

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
IMPLEMENTATION_CODE_RE = re.compile(r"^[0-9A-Z][0-9A-Z-]{5,35}$")
BASIC_CODE_RE = re.compile(r"^\d{10}$")
_LAW_RE = re.compile(r"《([^》]{1,200})》\s*(.*)")
_TYPE_BY_LABEL = {str(label): code for code, label in POWER_TYPE_CHOICES}
_TYPE_CODES = {code for code, _label in POWER_TYPE_CHOICES}
_LEVEL_BY_LABEL = {str(label): code for code, label in ExerciseLevel.choices}
_LEVEL_BY_LABEL.update({str(label).rstrip("级"): code for code, label in ExerciseLevel.choices})
POWER_EXAMPLE = [
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


def _row_department(
    values: dict, *, departments: dict, actor: User, errors: list[str]
) -> Department | None:
    """The 实施主体 a row names, if registered and within the actor's own department."""
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
    return department


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
    department = _row_department(values, departments=departments, actor=actor, errors=errors)
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


def power_row_apply(*, data: dict, entry: PowerEntry | None, actor: User) -> PowerEntry:
    """Write one validated row as a draft revision and submit it to 清单审核."""
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
    return entry_submit(entry=entry, actor=actor)


def power_rows_apply(
    *, report: list[dict], actor: User, progress: Callable[[int, int], None]
) -> tuple[int, int]:
    """Write every created or changed row of a validated import; (created, changed)."""
    todo = [r for r in report if r["action"] in ("create", "change")]
    existing = {e.code: e for e in PowerEntry.objects.filter(code__in=[r["code"] for r in todo])}
    created = changed = 0
    for index, row in enumerate(todo, start=1):
        entry = existing.get(row["code"])
        power_row_apply(data=row["data"], entry=entry, actor=actor)
        if entry is None:
            created += 1
        else:
            changed += 1
        if index % 20 == 0 or index == len(todo):
            progress(index, len(todo))
    return created, changed


def power_pending_count(report: list[dict]) -> int:
    """How many entries a confirmed import will write."""
    return len([r for r in report if r["action"] in ("create", "change")])
