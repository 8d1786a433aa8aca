"""The review report as a file: :func:`review_report` is what the route and the command call.

DOCX is written by python-docx; PDF is drawn by matplotlib with the maps' bundled CJK font
(:mod:`geo_layout.maps.report_pdf`), so serving either needs no word processor."""

from __future__ import annotations

from datetime import date

from .. import words
from ..data.store import Store
from ..data.writers import file_prefix
from ..errors import InvalidParameter
from .content import review_document

FORMATS = ("docx", "pdf")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
#: the layout map's picture: A4 landscape at a resolution that prints sharp at text width
MAP_SIZE, MAP_ORIENTATION, MAP_DPI = "a4", "landscape", 150


def review_report(store: Store, fmt: str, lang: str = "zh", as_of: date | None = None,
                  today: date | None = None, approval: str = "") -> bytes:
    """The report of ``store`` (the data as known on ``as_of``; None: now) as DOCX or PDF
    bytes. Raises InvalidParameter for an unknown format or language."""
    from ..maps import static_style
    from ..maps.static_export import render_static

    if fmt not in FORMATS:
        raise InvalidParameter(f"format: the report is {' or '.join(FORMATS)}, not {fmt!r}")
    if lang not in words.LANGS:
        raise InvalidParameter(f"lang: one of {', '.join(words.LANGS)}")
    today = today or date.today()
    png = render_static(store, "maps/layout", fmt="png", lang=lang, size=MAP_SIZE,
                        orientation=MAP_ORIENTATION, dpi=MAP_DPI, approval=approval)
    width, height = static_style.page_inches(MAP_SIZE, MAP_ORIENTATION)
    doc = review_document(store, lang, as_of, today, png, width / height)
    page_words = words.STRINGS["report.page"][lang]
    if fmt == "docx":
        from .docx_writer import write_docx

        return write_docx(doc, today, page_words)
    from ..maps.report_pdf import write_pdf

    return write_pdf(doc, page_words)


def report_filename(store: Store, fmt: str, lang: str, as_of: date | None) -> str:
    """"<plan>-review-report-zh.docx", with "-as-of-2023-12-31" when dated: ASCII only."""
    parts = [file_prefix(store.plan()), "review-report", lang]
    if as_of is not None:
        parts.append(f"as-of-{as_of.isoformat()}")
    return "-".join(parts) + f".{fmt}"
