"""Reading uploaded list files (XLSX or CSV) and writing the downloadable templates."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import openpyxl
from django.utils.translation import gettext as _

MAX_IMPORT_ROWS = 20_000
MAX_IMPORT_BYTES = 10 * 1024 * 1024

Columns = list[tuple[str, str, bool]]  # (field key, header label, required)


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


def import_file_read(*, filename: str, content: bytes, columns: Columns) -> list[ParsedRow]:
    """Read an XLSX or CSV file into rows keyed by our field names; checks the header row."""
    if len(content) > MAX_IMPORT_BYTES:
        raise ImportFileError(_("文件超过 10 MB，请拆分后导入。"))
    name = filename.lower()
    if name.endswith(".xlsx"):
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


def import_template_build(*, fmt: str, title: str, headers: list[str], example: list[str]):
    """A template file (header row + one example row) as (bytes, content type)."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        writer.writerow(example)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8"), "text/csv; charset=utf-8"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(headers)
    sheet.append(example)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
