"""A report's blocks as a Word document (python-docx), the format departments write their
reviews in (Word or WPS).

Chinese needs its own font slot: Word and WPS pick the font of CJK characters from
``w:eastAsia`` of a run's fonts, not from the Latin name, and the default template fills that
slot from its theme (a Japanese-leaning choice on many machines). Every style used here names
its East Asian font explicitly (宋体 for text, 黑体 for headings: what Chinese official
documents use and every Chinese Word or WPS has) and the document says it is Chinese
(``w:lang``), so line breaking and punctuation follow Chinese rules. The page is A4."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, time

from .document import Document, Figure, Heading, Paragraph, Table, TitlePage

#: (Latin, East Asian) fonts of body text and of headings
BODY_FONTS = ("Times New Roman", "宋体")
HEADING_FONTS = ("Arial", "黑体")
TEXT_WIDTH_CM = 16.0
TABLE_PT, NOTE_PT, BODY_PT = 9, 9, 10.5
DARK = (0x1F, 0x1F, 0x1F)


def write_docx(doc: Document, generated: date, page_words: str) -> bytes:
    """``page_words``: the page footer with ``{n}`` and ``{total}`` ("Page {n} of {total}"),
    filled by the word processor's PAGE and NUMPAGES fields."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    out = docx.Document()
    _page(out, Cm)
    _styles(out, doc.lang, Pt)
    props = out.core_properties
    props.title, props.language, props.author = doc.title, _language(doc.lang), "geo_layout"
    props.created = props.modified = datetime.combine(generated, time())
    props.revision = 1
    _footer(out.sections[0].footer.paragraphs[0], page_words, WD_ALIGN_PARAGRAPH.CENTER)
    for block in doc.blocks:
        if isinstance(block, TitlePage):
            _title_page(out, block, WD_ALIGN_PARAGRAPH.CENTER, WD_BREAK.PAGE, Pt, Cm)
        elif isinstance(block, Heading):
            out.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            para = out.add_paragraph(block.text)
            if block.style == "note":
                para.runs[0].font.size = Pt(NOTE_PT)
        elif isinstance(block, Figure):
            out.add_picture(io.BytesIO(block.png), width=Cm(TEXT_WIDTH_CM))
            out.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            out.add_paragraph(block.caption, style="Caption")
        elif isinstance(block, Table):
            _table(out, block, Cm, Pt)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def _language(lang: str) -> str:
    return "en-GB" if lang == "en" else "zh-CN"


def _page(out, Cm) -> None:
    section = out.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm((21.0 - TEXT_WIDTH_CM) / 2)
    section.top_margin = section.bottom_margin = Cm(2.5)


def _fonts(rpr, latin: str, east_asian: str, lang: str | None = None) -> None:
    """Name the fonts of every script slot in ``rpr`` (a w:rPr), dropping the theme's."""
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    for slot in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(slot), None)
    for slot, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:cs", latin),
                       ("w:eastAsia", east_asian)):
        fonts.set(qn(slot), name)
    if lang is not None:
        from docx.oxml import OxmlElement

        found = rpr.find(qn("w:lang"))
        if found is None:
            found = OxmlElement("w:lang")
            rpr.append(found)
        found.set(qn("w:val"), _language(lang))
        found.set(qn("w:eastAsia"), "zh-CN")


def _styles(out, lang: str, Pt) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import RGBColor

    styles = out.styles
    defaults = styles.element.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docDefaults")
    if defaults is not None:
        rpr = defaults.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPr")
        if rpr is not None:
            _fonts(rpr, *BODY_FONTS, lang=lang)
    for style in styles:
        if style.type not in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER,
                              WD_STYLE_TYPE.TABLE):
            continue
        heading = style.name.startswith(("Heading", "Title", "Subtitle"))
        _fonts(style.element.get_or_add_rPr(), *(HEADING_FONTS if heading else BODY_FONTS))
        if heading:
            style.font.color.rgb = RGBColor(*DARK)
    styles["Normal"].font.size = Pt(BODY_PT)
    for name, size in (("Title", 22), ("Subtitle", 16), ("Heading 1", 14), ("Heading 2", 12)):
        styles[name].font.size = Pt(size)
    styles["Caption"].font.color.rgb = RGBColor(*DARK)
    styles["Subtitle"].font.italic = False  # no italic forms of Chinese


def _title_page(out, block: TitlePage, centre, page_break, Pt, Cm) -> None:
    spacer = out.add_paragraph()
    spacer.paragraph_format.space_before = Cm(5)
    title = out.add_paragraph(block.title, style="Title")
    title.alignment = centre
    subtitle = out.add_paragraph(block.subtitle, style="Subtitle")
    subtitle.alignment = centre
    subtitle.paragraph_format.space_after = Cm(3)
    for line in block.lines:
        para = out.add_paragraph(line)
        para.alignment = centre
        para.runs[0].font.size = Pt(12)
    out.add_paragraph().add_run().add_break(page_break)


def _table(out, block: Table, Cm, Pt) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = out.add_table(rows=1, cols=len(block.columns))
    table.style = out.styles["Table Grid"]
    table.autofit = False
    widths = [Cm(TEXT_WIDTH_CM * w / sum(block.widths)) for w in block.widths]
    for column, width in zip(table.columns, widths):  # the grid (LibreOffice reads it)
        column.width = width
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on each page
    for cell, text, width in zip(header.cells, block.columns, widths):
        _cell(cell, text, width, Pt, bold=True)
        shade = OxmlElement("w:shd")
        shade.set(qn("w:val"), "clear")
        shade.set(qn("w:fill"), "E8E8E8")
        cell._tc.get_or_add_tcPr().append(shade)
    for values in block.rows:
        row = table.add_row()
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, text, width in zip(row.cells, values, widths):
            _cell(cell, text, width, Pt)
    out.add_paragraph()


def _cell(cell, text: str, width, Pt, bold: bool = False) -> None:
    """A cell's text, one paragraph a line."""
    cell.width = width
    lines = text.split("\n")
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        para = first if i == 0 else cell.add_paragraph()
        run = para.add_run(line)
        run.font.size = Pt(TABLE_PT)
        run.bold = bold or None


def _footer(para, words: str, centre) -> None:
    """The footer's page words with the word processor's own page numbers in them."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    para.alignment = centre
    for piece in re.split(r"(\{n\}|\{total\})", words):
        if piece in ("{n}", "{total}"):
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), " PAGE " if piece == "{n}" else " NUMPAGES ")
            run = OxmlElement("w:r")
            text = OxmlElement("w:t")
            text.text = "1"
            run.append(text)
            field.append(run)
            para._p.append(field)
        elif piece:
            para.add_run(piece)
