"""Downloads of the public lists (CSV and XLSX), the rows of each list kind's export columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

import openpyxl

from portal import selectors
from portal.list_kinds import NEGATIVE, POWER, PUBLIC_SERVICE, RESPONSIBILITY, ListKind
from portal.models.lists import POWER_TYPE_CHOICES, NegativeCategory
from services_catalog.constants import Audience, ExerciseLevel

EXPORT_MAX_ROWS = 50_000


def _labels(choices) -> dict[str, str]:
    """Resolve lazy choice labels once per export (get_FOO_display per row is slow)."""
    return {code: str(label) for code, label in choices}


def _days(value: int | None):
    return value if value is not None else ""


def _power_rows(qs) -> Iterator[list]:
    types, levels = _labels(POWER_TYPE_CHOICES), _labels(ExerciseLevel.choices)
    rows = selectors.power_entries_with_legal_bases(qs)[:EXPORT_MAX_ROWS]
    for e in rows.iterator(chunk_size=2000):
        yield [
            e.code,
            e.basic_code,
            e.name,
            types.get(e.power_type, e.power_type),
            e.department.name,
            e.department.uscc,
            levels.get(e.exercise_level, e.exercise_level),
            e.handling_office,
            "；".join(str(b) for b in e.legal_bases.all()),
            _days(e.legal_limit_days),
            _days(e.promised_limit_days),
            "是" if e.charges_fee else "否",
            e.fee_basis,
            e.supervise_phone,
            e.process_summary,
        ]


def _responsibility_rows(qs) -> Iterator[list]:
    types = _labels(POWER_TYPE_CHOICES)
    for r in qs[:EXPORT_MAX_ROWS].iterator(chunk_size=2000):
        yield [
            r.power.code,
            r.power.name,
            types.get(r.power.power_type, r.power.power_type),
            r.power.department.name,
            r.stage,
            r.duty,
            r.accountability,
            r.accountability_basis,
        ]


def _negative_rows(qs) -> Iterator[list]:
    categories = _labels(NegativeCategory.choices)
    for i in qs[:EXPORT_MAX_ROWS]:
        yield [
            categories.get(i.category, i.category),
            i.item_no,
            i.code,
            i.name,
            "\n".join(m.text for m in i.measures.all()),
            i.competent_authority,
            i.local_permit,
        ]


def _public_service_rows(qs) -> Iterator[list]:
    audiences, levels = _labels(Audience.choices), _labels(ExerciseLevel.choices)
    for e in qs[:EXPORT_MAX_ROWS].iterator(chunk_size=2000):
        yield [
            e.service_code,
            e.name,
            e.department.name,
            audiences.get(e.audience, e.audience),
            levels.get(e.exercise_level, e.exercise_level),
            e.basis,
            e.description,
        ]


_ROWS = {
    POWER.key: _power_rows,
    RESPONSIBILITY.key: _responsibility_rows,
    NEGATIVE.key: _negative_rows,
    PUBLIC_SERVICE.key: _public_service_rows,
}


def list_export_rows(*, kind: ListKind, filters: dict) -> Iterator[list]:
    """The export rows (in ``kind.export_headers`` order) of the public records matching filters."""
    return _ROWS[kind.key](kind.items(**filters))


def safe_cell(value):
    """Neutralise spreadsheet formulas typed into list fields (CSV/XLSX injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class _Echo:
    def write(self, value):
        return value


def csv_lines(headers: Sequence[str], rows: Iterator[list]) -> Iterator[str]:
    """CSV text line by line (with a BOM so spreadsheet programs read UTF-8), for streaming."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(headers)
    for row in rows:
        yield writer.writerow([safe_cell(v) for v in row])


def xlsx_bytes(title: str, headers: Sequence[str], rows: Iterator[list]) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title)
    sheet.append(list(headers))
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
