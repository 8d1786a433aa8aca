"""An XLSX workbook written as a stream of bytes: the first bytes leave before the rows are
built, and memory stays bounded by one batch of rows, whatever the number of rows.

Why our own small writer: openpyxl (write-only) and XlsxWriter (constant_memory) keep the sheet
in a temporary file and assemble the zip at the end, so nothing can be sent before the whole
sheet is written. The standard library's :mod:`zipfile` writes to an output that cannot seek by
putting each member's sizes in a data descriptor after its data; the sheet XML is simple
enough to write by hand. The tests read it back with openpyxl and GDAL (pyogrio).

Cells are values, never formulas: text is an inline string (``t="inlineStr"``), numbers are
numbers, booleans booleans; a text a spreadsheet would take for a formula (``=``, ``+``, ``-``,
``@``…) also gets the quote-prefix style, so editing the cell keeps it text. Characters XML 1.0
cannot hold (control characters, lone surrogates) are written in the ``_xHHHH_`` form of the
OOXML standard, and a text that already contains such a form has its ``_`` escaped, so every
text reads back as it was. Sheet names are made legal (no ``[]:*?/\\``, at most 31 characters,
unique). A text longer than Excel's 32,767 characters is cut there (Excel would refuse the
file).
"""

from __future__ import annotations

import math
import re
import zipfile
from typing import Iterable, Iterator, Sequence

#: What Excel holds in one cell.
MAX_CELL_CHARS = 32_767
MAX_SHEET_NAME = 31
#: Rows per chunk of bytes handed out (a few hundred KB of XML).
BATCH_ROWS = 500
#: Average bytes of XML per cell assumed when deciding on ZIP64 (see :func:`_large`).
CELL_BYTES = 120
#: Integers beyond this lose digits as Excel numbers (doubles): they are written as text.
MAX_EXACT_INT = 2 ** 53
#: Styles (cellXfs indices of :data:`STYLES`).
PLAIN, BOLD, QUOTED, BOLD_QUOTED = 0, 1, 2, 3
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_STARTS = frozenset(FORMULA_STARTS) | {" ", "\n"}  # the slow path: quoted or space kept
_SPACES = frozenset(" \t\r\n")
_DATE = (2000, 1, 1, 0, 0, 0)

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_TEXT_SPECIAL = re.compile(
    "[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]|_(?=x[0-9A-Fa-f]{4}_)")
_NAME_BAD = re.compile("[\\[\\]:*?/\\\\\x00-\x1f\ufffe\uffff\ud800-\udfff]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;", "_": "_x005F_"}

STYLES = (
    _HEAD + f'<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '</cellStyleXfs><cellXfs count="4">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" '
    'quotePrefix="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>')


def _escape_one(match: re.Match) -> str:
    ch = match.group()
    return _ESCAPES.get(ch) or f"_x{ord(ch):04X}_"


def xml_text(text: str) -> str:
    """``text`` as XML element content that reads back, in a spreadsheet, as ``text``."""
    return _TEXT_SPECIAL.sub(_escape_one, text)


def formula_like(value) -> bool:
    """A text a spreadsheet would run as a formula (or a DDE call)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def sheet_names(wanted: Sequence[str]) -> list[str]:
    """Legal, distinct sheet names for ``wanted`` (characters Excel refuses dropped, at most 31
    characters, no leading or trailing apostrophe, never empty)."""
    out: list[str] = []
    for i, name in enumerate(wanted):
        name = _NAME_BAD.sub("", str(name)).strip().strip("'")[:MAX_SHEET_NAME] or f"Sheet{i + 1}"
        base, n = name, 2
        while name.casefold() in (o.casefold() for o in out):
            suffix = f" ({n})"
            name, n = base[:MAX_SHEET_NAME - len(suffix)] + suffix, n + 1
        out.append(name)
    return out


def cell(ref: str, value, header: bool = False) -> str:
    """One ``<c>`` element (empty string for an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    bold = ' s="1"' if header else ""
    if isinstance(value, int) and abs(value) < MAX_EXACT_INT:
        return f'<c r="{ref}"{bold}><v>{value}</v></c>'
    if isinstance(value, float):
        return f'<c r="{ref}"{bold}><v>{value!r}</v></c>' if math.isfinite(value) else ""
    text = str(value)[:MAX_CELL_CHARS]
    style = (BOLD_QUOTED if formula_like(text) else BOLD) if header else \
        (QUOTED if formula_like(text) else PLAIN)
    styled = f' s="{style}"' if style else ""
    space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
    return f'<c r="{ref}" t="inlineStr"{styled}><is><t{space}>{xml_text(text)}</t></is></c>'


class _Sink:
    """A write-only output without ``tell``/``seek``: :mod:`zipfile` then writes data
    descriptors, and what it wrote so far can be taken out at any time."""

    def __init__(self):
        self._parts: list[bytes] = []

    def write(self, data) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        out = b"".join(self._parts)
        self._parts.clear()
        return out


class Sheet:
    """One sheet to stream: its name, header row, rows (any iterable of sequences, read
    once) and, when known, the number of rows (written as the sheet's dimension)."""

    def __init__(self, name: str, header: Sequence, rows: Iterable[Sequence],
                 count: int | None = None, freeze_header: bool = True):
        self.name, self.header, self.rows = name, list(header), rows
        self.count, self.freeze_header = count, freeze_header

    def chunks(self, batch: int = BATCH_ROWS) -> Iterator[str]:
        width = max(len(self.header), 1)
        letters = [column_letter(i) for i in range(width)]
        parts = [_HEAD, f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">']
        if self.count is not None:
            parts.append(f'<dimension ref="A1:{letters[-1]}{self.count + 1}"/>')
        parts.append('<sheetViews><sheetView workbookViewId="0">')
        if self.freeze_header:
            parts.append('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
                         'state="frozen"/><selection pane="bottomLeft" activeCell="A2" '
                         'sqref="A2"/>')
        parts.append('</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
                     '<sheetData>')
        parts.append(_row(1, self.header, letters, header=True))
        yield "".join(parts)
        parts = []
        r = 1
        for row in self.rows:
            r += 1
            if len(row) > len(letters):
                letters += [column_letter(i) for i in range(len(letters), len(row))]
            parts.append(_row(r, row, letters))
            if len(parts) >= batch:
                yield "".join(parts)
                parts = []
        parts.append("</sheetData></worksheet>")
        yield "".join(parts)


def _row(r: int, values: Sequence, letters: list[str], header: bool = False) -> str:
    """One ``<row>``; plain text cells (most of them) are written here without a call."""
    out = [f'<row r="{r}">']
    add = out.append
    for letter, value in zip(letters, values):
        if value is None:
            continue
        if type(value) is str and not header and len(value) <= MAX_CELL_CHARS \
                and value[:1] not in _STARTS and value[-1:] not in _SPACES and "\n" not in value:
            add(f'<c r="{letter}{r}" t="inlineStr"><is><t>'
                f'{_TEXT_SPECIAL.sub(_escape_one, value)}</t></is></c>')
        else:
            add(cell(f"{letter}{r}", value, header))
    add("</row>")
    return "".join(out)


def _package(names: list[str]) -> dict[str, str]:
    """The fixed parts of a workbook of sheets ``names`` (sheet1.xml, sheet2.xml…)."""
    n = len(names)
    sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="'
                     'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet'
                     '+xml"/>' for i in range(1, n + 1))
    return {
        "[Content_Types].xml": _HEAD + (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.'
            f'openxmlformats-officedocument.spreadsheetml.styles+xml"/>{sheets}</Types>'),
        "_rels/.rels": _HEAD + (
            f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" Type="{_REL}/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": _HEAD + (
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView '
            'activeTab="0"/></bookViews><sheets>' + "".join(
                f'<sheet name="{xml_text(name).replace(chr(34), "&quot;")}" '
                f'sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(names, 1))
            + "</sheets></workbook>"),
        "xl/_rels/workbook.xml.rels": _HEAD + (
            f'<Relationships xmlns="{_PKG_REL}">' + "".join(
                f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" '
                f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, n + 1))
            + f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
            "</Relationships>"),
        "xl/styles.xml": STYLES,
    }


def stream(sheets: Sequence[Sheet], level: int = 1) -> Iterator[bytes]:
    """The workbook's bytes in chunks: the fixed parts and the first sheet's header go out
    first, then the rows batch by batch; memory holds one batch. ``level``: deflate level
    (1 is several times faster than 6 and XML shrinks nearly as well)."""
    sink = _Sink()
    names = sheet_names([s.name for s in sheets])
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as book:
        for name, text in _package(names).items():
            book.writestr(_member(name, level), text.encode("utf-8"))
        yield sink.take()
        for i, sheet in enumerate(sheets, 1):
            info = _member(f"xl/worksheets/sheet{i}.xml", level)
            with book.open(info, "w", force_zip64=_large(sheet)) as member:
                for text in sheet.chunks():
                    member.write(text.encode("utf-8"))
                    data = sink.take()
                    if data:
                        yield data
    yield sink.take()


def _member(name: str, level: int) -> zipfile.ZipInfo:
    """A deflated member with a fixed time (the same data gives the same bytes)."""
    info = zipfile.ZipInfo(name, _DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = level  # what ZipFile.open(name) would set from the ZipFile's own
    return info


def _large(sheet: Sheet) -> bool:
    """Whether the sheet may pass 2 GB of XML: its member then gets ZIP64 sizes, decided
    before the first byte (a stream cannot go back). :data:`CELL_BYTES` is a generous average
    (the sites of the synthetic 100,000 take ~35 bytes a cell)."""
    count = sheet.count if sheet.count is not None else 10 ** 7
    return count * max(len(sheet.header), 1) * CELL_BYTES > zipfile.ZIP64_LIMIT


def workbook_bytes(sheets: Sequence[Sheet], level: int = 1) -> bytes:
    """The whole workbook at once (files, tests): the same bytes as :func:`stream`."""
    return b"".join(stream(sheets, level))
