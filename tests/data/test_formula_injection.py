"""A text a spreadsheet would run as a formula is written as text in CSV and XLSX."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl

from geo_layout.data.features import Feature
from geo_layout.data.writers import write

HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3",
           "@SUM(A1:A2)", "\t=1+1"]


def _features(store) -> list[Feature]:
    """The enterprises with hostile names and notes (everything else as stored)."""
    out = []
    for f, text in zip(store.query("enterprises").features, HOSTILE):
        out.append(Feature(f.collection, f.id, {**f.properties, "name_zh": text,
                                                "note_en": text}))
    return out


def test_csv_prefixes_formula_text(store):
    data = write(_features(store), "enterprises", "csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["name_zh"] for r in rows] == ["'" + h for h in HOSTILE]
    assert [r["note_en"] for r in rows] == ["'" + h for h in HOSTILE]
    assert rows[0]["citation_paragraph"].isdigit()  # numbers are left alone


def test_xlsx_stores_formula_text_as_text(store):
    data = write(_features(store), "enterprises", "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in x or "<f " in x for x in sheets)  # no formula anywhere
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    header = [c.value for c in sheet[1]]
    col = header.index("名称（中文）")
    cells = [row[col] for row in sheet.iter_rows(min_row=2, max_row=len(HOSTILE) + 1)]
    assert [c.value for c in cells] == HOSTILE  # the text itself, not a formula
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    number = sheet.cell(row=2, column=header.index("段落") + 1)
    assert isinstance(number.value, int) and number.data_type == "n"
