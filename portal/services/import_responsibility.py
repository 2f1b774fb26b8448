"""Bulk import of the 责任清单: the rows of one 实施编码 replace that power's duty items."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from accounts.models import User
from portal.lists_admin import user_sees_all_departments
from portal.models import PowerEntry, ResponsibilityItem
from portal.models.lists import ResponsibilityStage
from portal.services.import_power import IMPLEMENTATION_CODE_RE
from portal.services.moderation import entry_submit

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
_TEXT_FIELDS = (
    ("duty", "责任事项"),
    ("accountability", "追责情形"),
    ("accountability_basis", "问责依据"),
)


def _row_check(values: dict, *, power: PowerEntry | None, actor: User) -> tuple[dict, list[str]]:
    errors: list[str] = []
    code = values.get("code", "").strip().upper()
    if not IMPLEMENTATION_CODE_RE.match(code):
        errors.append(_("实施编码“%(v)s”格式不正确") % {"v": code[:40]})
    elif power is None:
        errors.append(_("权力清单中没有实施编码为 %(v)s 的事项，请先导入权力清单") % {"v": code})
    elif not user_sees_all_departments(actor) and power.department_id != actor.department_id:
        errors.append(_("该事项属于其他部门"))
    stage = values.get("stage", "").strip()
    if stage not in ResponsibilityStage.values:
        errors.append(
            _("环节“%(v)s”无效（如 受理、审查、决定、送达、事后监管、立案…）") % {"v": stage[:20]}
        )
    data = {"stage": stage, **{f: values.get(f, "").strip() for f, _label in _TEXT_FIELDS}}
    for field, label in _TEXT_FIELDS:
        if not data[field]:
            errors.append(_("%(label)s不能为空") % {"label": label})
    return data, errors


def _mark_unchanged(by_code: dict[str, list[dict]], powers: dict[str, PowerEntry]) -> None:
    """A power whose items would stay the same is "unchanged" on every one of its rows."""
    for code, entries in by_code.items():
        current = [
            (r.stage, r.duty, r.accountability, r.accountability_basis)
            for r in powers[code].responsibilities.all()
        ]
        wanted = [
            tuple(e["data"][f] for f in ("stage", "duty", "accountability", "accountability_basis"))
            for e in entries
        ]
        for e in entries:
            if current == wanted:
                e["action"] = "unchanged"
            else:
                e["changed"] = ["responsibilities"]


def responsibility_import_validate(*, rows: list[dict], actor: User) -> list[dict]:
    """Dry run of a 责任清单 file: the rows of one 实施编码 replace that power's items.

    Each row is reported; a power whose items would not change is "unchanged".
    """
    codes = {str(r["values"].get("code", "")).strip().upper() for r in rows}
    powers = {
        p.code: p
        for p in PowerEntry.objects.filter(code__in=codes).prefetch_related("responsibilities")
    }
    report = []
    by_code: dict[str, list[dict]] = {}
    for row in rows:
        code = row["values"].get("code", "").strip().upper()
        power = powers.get(code)
        data, errors = _row_check(row["values"], power=power, actor=actor)
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
    _mark_unchanged(by_code, powers)
    return report


def responsibility_rows_apply(
    *, report: list[dict], actor: User, progress: Callable[[int, int], None]
) -> tuple[int, int]:
    """Replace each named power's duty items and submit it to review; (created, changed)."""
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
        entry_submit(entry=entry, actor=actor)
        progress(index, len(grouped))
    return 0, len(grouped)


def responsibility_pending_count(report: list[dict]) -> int:
    """How many powers a confirmed import will write (one per 实施编码)."""
    return len({r["code"] for r in report if r["action"] in ("create", "change")})
