"""Reading the review report's files in the tests: DOCX paragraphs and tables, PDF text."""

from __future__ import annotations

import io
from datetime import date

#: the day the reports of these tests are made (the title page and provenance print it)
TODAY = date(2026, 3, 1)


def docx_text(body: bytes):
    """(paragraph texts, tables as lists of row texts) of a DOCX."""
    import docx

    document = docx.Document(io.BytesIO(body))
    paragraphs = [p.text for p in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in table.rows]
              for table in document.tables]
    return paragraphs, tables


def pdf_text(body: bytes) -> tuple[int, str]:
    """(page count, the text of every page) of a PDF."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


