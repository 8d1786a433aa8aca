"""The streaming XLSX writer (data/xlsx_stream.py): cells are values (text, numbers, booleans),
never formulas; hostile text and sheet names read back as written; the bytes go out while the
rows are still being made; openpyxl and GDAL read the file."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile

import openpyxl
import pyogrio
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils.escape import unescape

from geo_layout.data.xlsx_stream import (BATCH_ROWS, MAX_CELL_CHARS, Sheet, column_letter,
                                         sheet_names, stream, workbook_bytes)

HOSTILE = ['=HYPERLINK("http://evil.example","click")', "+1+cmd|' /C calc'!A0", "-2+3",
           "@SUM(A1:A2)", "\t=1+1", "\r=1+1", '<b>&amp;"\'</b>', " padded ", "two\nlines",
           "bell\x07 nul\x00 esc\x1b", "_x0041_ stays literal", "lone \ud800 surrogate",
           "中文名称", "emoji 🗺️"]


def _book(sheets) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(workbook_bytes(sheets)))


def _xml(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [z.read(n).decode("utf-8") for n in z.namelist()]


def test_hostile_text_reads_back_as_text_never_a_formula():
    data = workbook_bytes([Sheet("t", ["text"], [[h] for h in HOSTILE], len(HOSTILE))])
    assert not any("<f>" in x or "<f " in x for x in _xml(data))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    # openpyxl leaves the standard's _xHHHH_ escapes as they are (Excel and LibreOffice decode
    # them): decoded, every text is the one written (a lone surrogate has no other form)
    assert [unescape(c.value) for c in cells] == HOSTILE
    assert all(c.data_type == "s" for c in cells)
    quoted = [c.quotePrefix for c in cells]
    assert quoted == [True] * 6 + [False] * (len(HOSTILE) - 6)


def test_numbers_are_numbers_and_odd_values_are_safe():
    rows = [[1, 2.5, -3, True, None, float("nan"), 2 ** 60, "x" * (MAX_CELL_CHARS + 10)]]
    sheet = _book([Sheet("n", list("abcdefgh"), rows, 1)]).worksheets[0]
    values = [c.value for c in sheet[2]]
    types = [c.data_type for c in sheet[2]]
    assert values[:4] == [1, 2.5, -3, True] and types[:4] == ["n", "n", "n", "b"]
    assert values[4] is None and values[5] is None  # empty, and NaN has no cell value
    assert values[6] == str(2 ** 60) and types[6] == "s"  # a double would lose its digits
    assert values[7] == "x" * MAX_CELL_CHARS  # Excel's limit


def test_header_is_bold_and_frozen_and_dimension_is_known():
    book = _book([Sheet("t", ["名称", "=head"], [["a", 1], ["b", 2]], 2)])
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == ["名称", "=head"]
    assert all(c.font.b for c in sheet[1]) and sheet["B1"].quotePrefix
    assert not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"
    assert "<dimension ref=\"A1:B3\"/>" in _xml(workbook_bytes(
        [Sheet("t", ["名称", "=head"], [["a", 1], ["b", 2]], 2)]))[-1]


def test_sheet_names_are_made_legal_and_distinct():
    names = sheet_names(["a[b]:c*?/\\d" + "e" * 40, "Fields", "fields", "'", "\x00", "ok"])
    assert names[0] == ("abcd" + "e" * 40)[:31]
    assert names[1:] == ["Fields", "fields (2)", "Sheet4", "Sheet5", "ok"]
    assert all(len(n) <= 31 for n in names)
    book = _book([Sheet(n, ["h"], [["v"]], 1) for n in ["<&\">", "x" * 40, "x" * 40]])
    assert book.sheetnames == ["<&\">", "x" * 31, "x" * 27 + " (2)"]


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 51, 52, 701, 702)] == \
        ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]


def test_bytes_go_out_before_the_rows_are_made():
    pulled = []
    n = 10 * BATCH_ROWS

    def rows():
        for i in range(n):
            pulled.append(i)  # text that does not shrink to nothing: zlib hands output on
            yield [f"row {i} " + hashlib.sha256(str(i).encode()).hexdigest() * 4, i]

    chunks = stream([Sheet("t", ["name", "n"], rows(), n)])
    first = next(chunks)
    assert first.startswith(b"PK\x03\x04") and not pulled
    pulled_at = []  # rows made when each chunk left
    rest = []
    for chunk in chunks:
        rest.append(chunk)
        if chunk:
            pulled_at.append(len(pulled))
    assert pulled_at[0] < 2 * BATCH_ROWS  # handed out batch by batch, not at the end
    assert len([k for k in pulled_at if k < n]) >= 5
    data = first + b"".join(rest)
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    got = list(sheet.iter_rows(values_only=True))
    assert len(got) == n + 1 and got[-1][1] == n - 1 and got[-1][0].startswith(f"row {n - 1} ")


def test_members_carry_data_descriptors():
    """Written to an output that cannot seek: sizes follow each member's data."""
    data = workbook_bytes([Sheet("t", ["h"], [["v"]], 1)])
    flags = struct.unpack("<H", data[6:8])[0]
    assert flags & 0x08
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        assert "xl/worksheets/sheet1.xml" in z.namelist()


def test_gdal_reads_the_same_rows(tmp_path):
    rows = [["a", "=HYPERLINK(\"http://x\",\"y\")", 102.5, 25.25, 3],
            ["b", "名称", None, None, 4],
            ["c", "-2+3", 100.125, 21.5, 5]]
    path = tmp_path / "t.xlsx"
    path.write_bytes(workbook_bytes([Sheet("sites", ["id", "name", "lon", "lat", "n"], rows, 3),
                                     Sheet("fields", ["k"], [["v"]], 1)]))
    assert [name for name, _ in pyogrio.list_layers(path)] == ["sites", "fields"]
    frame = pyogrio.read_dataframe(path, layer="sites")
    assert list(frame["id"]) == ["a", "b", "c"]
    assert list(frame["name"]) == [rows[0][1], "名称", "-2+3"]
    assert frame["lon"].dtype.kind == "f" and frame["n"].dtype.kind in "if"
    assert frame["lon"].tolist()[0::2] == [102.5, 100.125]
    assert frame["lat"].isna().tolist() == [False, True, False]


@pytest.mark.parametrize("level", [1, 6])
def test_the_same_data_gives_the_same_bytes(level):
    sheets = lambda: [Sheet("t", ["h"], [["v"], [1]], 2)]  # noqa: E731
    assert workbook_bytes(sheets(), level) == workbook_bytes(sheets(), level)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=8))
def test_any_text_reads_back(texts):
    sheet = _book([Sheet("t", ["h"], [[t] for t in texts], len(texts))]).worksheets[0]
    got = [row[0] for row in sheet.iter_rows(min_row=2, max_row=len(texts) + 1,
                                             values_only=True)]
    assert [unescape(g) if g is not None else "" for g in got] == texts


def test_a_sheet_that_may_pass_2_gb_gets_zip64_sizes_and_still_reads(monkeypatch, tmp_path):
    from geo_layout.data import xlsx_stream

    monkeypatch.setattr(xlsx_stream, "CELL_BYTES", 10 ** 9)  # as if every cell were huge
    rows = [["a", 1.5], ["b", 2]]
    data = workbook_bytes([Sheet("t", ["id", "x"], rows, 2)])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        at = z.getinfo("xl/worksheets/sheet1.xml").header_offset
        name_len, extra_len = struct.unpack("<HH", data[at + 26:at + 30])
        assert data[at + 30 + name_len:at + 32 + name_len] == b"\x01\x00"  # ZIP64 extra
        assert z.testzip() is None
    assert [[c.value for c in r] for r in _book([Sheet("t", ["id", "x"], rows, 2)])
            .worksheets[0].iter_rows(min_row=2)] == rows
    path = tmp_path / "t.xlsx"
    path.write_bytes(data)
    assert list(pyogrio.read_dataframe(path, layer="t")["x"]) == [1.5, 2]


def _peak_bytes(n: int) -> tuple[int, int]:
    """Python's peak allocation while streaming ``n`` rows of 20 cells (rows made lazily),
    and the bytes written."""
    import tracemalloc

    rows = ([f"id-{i}", f"名称 {i} " + "x" * (i % 50), i, i / 7, None] * 4 for i in range(n))
    tracemalloc.start()
    try:
        size = sum(len(c) for c in stream([Sheet("t", [f"h{k}" for k in range(20)], rows, n)]))
        return tracemalloc.get_traced_memory()[1], size
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_rows():
    small, small_size = _peak_bytes(1_000)
    large, large_size = _peak_bytes(12_000)
    assert large_size > 9 * small_size  # twelve times the rows, ~twelve times the file
    assert large < 1.5 * small + 1_000_000  # but the same peak: one batch, never the file
    assert large < 5_000_000
