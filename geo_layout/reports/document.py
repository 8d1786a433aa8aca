"""A report as a list of plain blocks (title page, headings, paragraphs, a figure, tables), so
that its content is decided once and each format (DOCX, PDF) only lays the blocks out.

Every text is final: in the report's language, numbers formatted, statuses said in words with
their shape. The writers add no words of their own."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TitlePage:
    """The first page: the plan's title, what the document is, and its dates."""

    kind = "title-page"
    title: str
    subtitle: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Heading:
    kind = "heading"
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    kind = "paragraph"
    text: str
    #: "body", or "note" (smaller: how to read a table, what is missing)
    style: str = "body"


@dataclass(frozen=True)
class Figure:
    """A picture (PNG bytes) as wide as the text, with its caption below."""

    kind = "figure"
    png: bytes = field(repr=False)
    caption: str
    #: width / height of the picture, so a writer can size it without decoding the PNG
    aspect: float


@dataclass(frozen=True)
class Table:
    """A table with a header row (repeated on each page) and relative column widths."""

    kind = "table"
    columns: tuple[str, ...]
    widths: tuple[float, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Document:
    lang: str
    #: the document's title (file properties, page headers)
    title: str
    blocks: tuple = ()
