"""The template workbook of an import: one per collection, the columns a person fills (the
field dictionary's, :mod:`.fields`, less what the service derives), headed in both languages
(row 1 in the chosen language, row 2 in the other; the import reads either and skips the
second header row), with a second sheet explaining each column."""

from __future__ import annotations

import io

from .fields import FIELDS, Field
from .imports import IMPORTABLE, _DERIVED
from ..errors import InvalidParameter

_SHEETS = {"zh": ("数据", "填写说明"), "en": ("data", "about the columns")}
_ABOUT_HEAD = {"zh": ("列名", "中文表头", "English header", "说明", "类型"),
               "en": ("field", "Chinese header", "English header", "about", "type")}
_NOTE = {"zh": "第 1、2 行是表头（中文、英文），从第 3 行起每行一条记录。多个编号以 ; 分隔。坐标默认 WGS-84"
               "（导入时可选 GCJ-02 或 BD-09）。以 = + - @ 开头的内容不会被当作公式，会被拒绝。",
         "en": "Rows 1 and 2 are the headers (English, Chinese); one record a row from row 3. "
               "Several ids are joined by ;. Coordinates are WGS-84 unless the import says "
               "GCJ-02 or BD-09. Cells beginning with = + - @ are refused, never run as "
               "formulas."}


def template_fields(collection: str) -> list[Field]:
    """The columns a person fills for ``collection``."""
    if collection not in IMPORTABLE:
        raise InvalidParameter(f"collection: one of {', '.join(IMPORTABLE)}, not "
                               f"{collection!r}")
    return [f for f in FIELDS[collection]
            if f.name not in _DERIVED or f.name in ("lon", "lat")]


def template_xlsx(collection: str, lang: str = "zh") -> bytes:
    """The template workbook of ``collection`` (headers in ``lang`` first)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    lang = "en" if lang == "en" else "zh"
    other = "zh" if lang == "en" else "en"
    fields = template_fields(collection)
    book = Workbook()
    data = book.active
    data.title = _SHEETS[lang][0]
    data.append([f.header(lang) for f in fields])
    data.append([f.header(other) for f in fields])
    for cell in (*data[1], *data[2]):
        cell.font = Font(bold=True)
        cell.data_type = "s"
    data.freeze_panes = "A3"
    for i, f in enumerate(fields, start=1):
        data.column_dimensions[data.cell(1, i).column_letter].width = max(
            12, min(40, len(f.header(lang)) * 2))
    about = book.create_sheet(_SHEETS[lang][1])
    about.append(list(_ABOUT_HEAD[lang]))
    for f in fields:
        about.append([f.name, f.zh, f.en, f.about(lang), f.type + (
            f" ({f.items})" if f.items else "")])
    about.append([])
    about.append([_NOTE[lang]])
    for cell in about[1]:
        cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
