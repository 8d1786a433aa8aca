"""A report's blocks (geo_layout.reports.document) as an A4 PDF drawn with matplotlib, so that
a server needs no word processor: the text is laid out here (wrapped, paged, tables with a
header repeated on each page) and drawn with the static maps' fonts (:mod:`.fonts`), whose
glyphs are embedded.

The blocks are read by their ``kind`` and attributes only: maps does not import the layer
above it. Text is wrapped by measured glyph advances (Chinese breaks between any two
characters, except before closing punctuation; other text at spaces)."""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass, field

from .fonts import TEXT_LANGUAGE, map_fonts

PAGE_W, PAGE_H = 595.28, 841.89        # A4 in points
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 56.7, 62.0, 62.0
TEXT_W = PAGE_W - 2 * MARGIN_X
LEADING = 1.45
SIZES = {"title": 22, "subtitle": 15, "title-line": 11, "heading": 14, "body": 10.5,
         "note": 9, "table": 8.5, "caption": 9, "footer": 8}
CELL_PAD = 4.0
INK, GREY, HEADER_FILL = "#1f1f1f", "#777777", "#e8e8e8"
#: not at the start of a line (they close what comes before), nor at the end (they open)
NO_BREAK_BEFORE = set("，。、；：！？）》」』】〕”’,.;:!?)%％")
NO_BREAK_AFTER = set("（《「『【〔“‘(")
_TOKENS = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|\s+|"
                     r"[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+")


@dataclass
class _Page:
    ops: list = field(default_factory=list)


class _Layout:
    """Blocks placed on pages, top to bottom; ``y`` is the next baseline's top, in points
    from the page's bottom edge."""

    def __init__(self, measure):
        self.measure = measure
        self.pages: list[_Page] = []
        self.new_page()

    def new_page(self) -> None:
        self.pages.append(_Page())
        self.y = PAGE_H - MARGIN_TOP

    @property
    def ops(self) -> list:
        return self.pages[-1].ops

    def room(self, height: float) -> None:
        if self.y - height < MARGIN_BOTTOM:
            self.new_page()

    def text(self, text: str, size: float, *, bold: bool = False, centre: bool = False,
             width: float = TEXT_W, colour: str = INK, after: float = 0.0) -> None:
        for line in self.wrap(text, size, width, bold):
            self.room(size * LEADING)
            self.y -= size * LEADING
            x = PAGE_W / 2 if centre else MARGIN_X
            self.ops.append(("text", x, self.y + size * 0.3, line, size, bold,
                             "center" if centre else "left", colour))
        self.y -= after

    def wrap(self, text: str, size: float, width: float, bold: bool) -> list[str]:
        out = []
        for paragraph in text.split("\n"):
            line, used = "", 0.0
            for token in self._tokens(paragraph, size, width, bold):
                w = self.measure(token, bold) * size
                if line.strip() and used + w > width and not token.isspace() \
                        and token[0] not in NO_BREAK_BEFORE:
                    carry = line[-1] if line[-1] in NO_BREAK_AFTER else ""
                    out.append(line[:len(line) - len(carry)].rstrip())
                    line, used = carry, self.measure(carry, bold) * size
                if not line and token.isspace():
                    continue
                line += token
                used += w
            out.append(line.rstrip())
        return out


    def _tokens(self, paragraph: str, size: float, width: float, bold: bool) -> list[str]:
        """Words and CJK characters; a word wider than the line is cut into characters."""
        out = []
        for token in _TOKENS.findall(paragraph):
            if len(token) > 1 and self.measure(token, bold) * size > width:
                out.extend(token)
            else:
                out.append(token)
        return out


def write_pdf(doc, page_words: str) -> bytes:
    """``doc``: a geo_layout.reports.document.Document; ``page_words``: the footer with
    ``{n}`` and ``{total}``."""
    import matplotlib

    from .static_export import _render_lock  # one lock for all of matplotlib's drawing

    family = map_fonts().families(doc.lang)
    with _render_lock, matplotlib.rc_context({"text.parse_math": False,
                                              "text.language": TEXT_LANGUAGE,
                                              "pdf.fonttype": 3}):
        layout = _Layout(_measurer(tuple(family)))
        for block in doc.blocks:
            _place(layout, block)
        return _draw(layout.pages, doc.title, page_words, family)


def _measurer(family: tuple[str, ...]):
    """Advance of a token at size 1 (points per point of font size), per glyph, cached."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    engine = TextToPath()
    props = {bold: FontProperties(family=list(family), size=100,
                                  weight="bold" if bold else "normal")
             for bold in (False, True)}

    @functools.lru_cache(maxsize=4096)
    def glyph(ch: str, bold: bool) -> float:
        if ch == " ":
            ch_w = engine.get_text_width_height_descent("a a", props[bold], ismath=False)[0]
            return (ch_w - 2 * glyph("a", bold) * 100) / 100
        return engine.get_text_width_height_descent(ch, props[bold], ismath=False)[0] / 100

    def measure(token: str, bold: bool) -> float:
        return sum(glyph(ch, bold) for ch in token)

    return measure


def _place(layout: _Layout, block) -> None:
    kind = block.kind
    if kind == "title-page":
        layout.y = PAGE_H * 0.66
        layout.text(block.title, SIZES["title"], bold=True, centre=True, after=10)
        layout.text(block.subtitle, SIZES["subtitle"], bold=True, centre=True, after=60)
        for line in block.lines:
            layout.text(line, SIZES["title-line"], centre=True, after=4)
        layout.new_page()
    elif kind == "heading":
        size = SIZES["heading"]
        layout.room(size * LEADING * 2 + SIZES["body"] * LEADING * 3)  # never alone at the foot
        layout.y -= size * 0.8
        layout.text(block.text, size, bold=True, after=6)
    elif kind == "paragraph":
        size = SIZES["note" if block.style == "note" else "body"]
        layout.text(block.text, size, colour=GREY if block.style == "note" else INK, after=6)
    elif kind == "figure":
        height = TEXT_W / block.aspect
        layout.room(height + SIZES["caption"] * LEADING * 2)
        layout.y -= height
        layout.ops.append(("image", MARGIN_X, layout.y, TEXT_W, height, block.png))
        layout.y -= 4
        layout.text(block.caption, SIZES["caption"], centre=True, after=8)
    elif kind == "table":
        _table(layout, block)


def _table(layout: _Layout, block) -> None:
    size = SIZES["table"]
    widths = [TEXT_W * w / sum(block.widths) for w in block.widths]

    def row_of(cells, bold):
        lines = [layout.wrap(c, size, w - 2 * CELL_PAD, bold) for c, w in zip(cells, widths)]
        return lines, max(len(ls) for ls in lines) * size * LEADING + 2 * CELL_PAD

    header = row_of(block.columns, True)

    def draw(row, fill):
        lines, height = row
        x, top = MARGIN_X, layout.y
        for cell, w in zip(lines, widths):
            layout.ops.append(("rect", x, top - height, w, height, fill))
            for i, line in enumerate(cell):
                baseline = top - CELL_PAD - (i + 1) * size * LEADING + size * 0.3
                layout.ops.append(("text", x + CELL_PAD, baseline, line, size, fill is not None,
                                   "left", INK))
            x += w
        layout.y -= height

    rows = [row_of(cells, False) for cells in block.rows]
    layout.room(header[1] + (rows[0][1] if rows else 0))  # the header never alone
    draw(header, HEADER_FILL)
    for row in rows:
        if layout.y - row[1] < MARGIN_BOTTOM:
            layout.new_page()
            draw(header, HEADER_FILL)
        draw(row, None)
    layout.y -= 10


def _draw(pages: list[_Page], title: str, page_words: str, family: list[str]) -> bytes:
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure
    from matplotlib.image import imread
    from matplotlib.patches import Rectangle

    buf = io.BytesIO()
    meta = {"Title": title, "Creator": "geo_layout", "Producer": "geo_layout (matplotlib)"}
    with PdfPages(buf, metadata=meta) as pdf:
        for number, page in enumerate(pages, 1):
            fig = Figure(figsize=(PAGE_W / 72, PAGE_H / 72))
            for op in page.ops:
                if op[0] == "text":
                    _, x, y, text, size, bold, align, colour = op
                    fig.text(x / PAGE_W, y / PAGE_H, text, fontsize=size, family=family,
                             weight="bold" if bold else "normal", ha=align, va="baseline",
                             color=colour)
                elif op[0] == "rect":
                    _, x, y, w, h, fill = op
                    fig.add_artist(Rectangle((x / PAGE_W, y / PAGE_H), w / PAGE_W, h / PAGE_H,
                                             transform=fig.transFigure, linewidth=0.5,
                                             edgecolor=GREY, facecolor=fill or "none"))
                elif op[0] == "image":
                    _, x, y, w, h, png = op
                    ax = fig.add_axes((x / PAGE_W, y / PAGE_H, w / PAGE_W, h / PAGE_H))
                    ax.imshow(imread(io.BytesIO(png), format="png"), interpolation="none",
                              aspect="auto")
                    ax.set_axis_off()
            if number > 1:
                fig.text(0.5, 30 / PAGE_H, page_words.format(n=number, total=len(pages)),
                         fontsize=SIZES["footer"], family=family, ha="center", color=GREY)
            pdf.savefig(fig)
    return buf.getvalue()
