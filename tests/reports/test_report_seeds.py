"""The review report of the repository's seeds, which carry no actual value: every target
says "no data yet" and the summary says so, nothing is made up; the title page, the map, the
tables and the provenance are there in both formats and languages."""

from __future__ import annotations

import io

import pytest
from report_files import TODAY, docx_text, pdf_text

from geo_layout import words
from geo_layout.data.progress_board import board


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_docx_title_page_targets_and_no_data(store, build, lang):
    paragraphs, tables = docx_text(build(store, "docx", lang))
    title = store.plan().title.get(lang)
    assert paragraphs[1] == title
    assert paragraphs[2] == words.t("report.subtitle", lang)
    assert words.t("report.as_of", lang, date=TODAY.isoformat()) in paragraphs
    assert words.t("report.generated", lang, date=TODAY.isoformat()) in paragraphs
    assert words.t("report.no_data_yet", lang) in paragraphs
    targets, places = tables
    assert targets[0] == [words.t(f"report.col.{c}", lang) for c in
                          ("target", "planned", "baseline", "latest", "status", "sources")]
    rows = board(store)
    assert [r[0] for r in targets[1:]] == [r.target.name(lang) for r in rows]
    no_data = words.t("report.no_actual", lang)
    status = "○ " + words.t("progress.status.no-data", lang)
    for row in targets[1:]:
        assert row[3] == no_data
        assert row[4].startswith(status)
        assert row[5].startswith(words.t("report.source_plan", lang, citation="")[:3])


def test_docx_marks_implied_baselines(store, build):
    _, (targets, _) = docx_text(build(store, "docx", "en"))
    implied = [r for r in board(store) if r.progress.baseline and r.progress.baseline.implied]
    assert implied, "the seeds have revenue targets with a growth rate"
    by_name = {row[0]: row for row in targets[1:]}
    for r in implied:
        cell = by_name[r.target.name("en")][2]
        rate = store.get("targets", r.progress.baseline.implied_by).name("en")
        assert cell.startswith("about ") and f'implied by "{rate}"' in cell
        assert f"({r.progress.baseline.year}, " in cell


def test_docx_places_by_element_and_status(store, build):
    _, (_, places) = docx_text(build(store, "docx", "en"))
    every = [*store.query("parks").features, *store.query("sites").features]
    assert all(f.properties.get("status") is None for f in every)  # the seeds record none
    listed = {name for row in places[1:] for name in row[4].split(", ")}
    assert {f.name("en") for f in every} <= listed
    unknown = words.t("report.status_unknown", "en")
    assert {row[1] for row in places[1:] if row[2] != "0"} == {unknown}
    elements = [f.name("en") for f in store.query("layout-elements").features]
    assert [row[0] for row in places[1:] if row[0] in elements] == elements  # plan order


def test_docx_provenance_names_plan_version_and_no_values(store, build):
    paragraphs, _ = docx_text(build(store, "docx", "zh"))
    plan = store.plan()
    assert words.t("report.prov.plan", "zh", title=plan.title.zh, issuer=plan.issuer.zh) \
        in paragraphs
    assert words.t("report.prov.no_values", "zh") in paragraphs
    assert words.t("report.prov.version", "zh", version=store.version,
                   date=TODAY.isoformat(), generated=TODAY.isoformat()) in paragraphs


def test_docx_has_the_map_and_east_asian_fonts(store, build):
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(build(store, "docx", "zh")))
    assert len(document.inline_shapes) == 1
    picture = document.inline_shapes[0]
    assert abs(picture.width / picture.height - 297 / 210) < 0.01  # A4 landscape map
    for name in ("Normal", "Title", "Heading 1", "Caption"):
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) in ("宋体", "黑体"), name
        assert fonts.get(qn("w:eastAsiaTheme")) is None, name
    lang = document.styles.element.find(f".//{qn('w:docDefaults')}//{qn('w:lang')}")
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    assert document.core_properties.title.startswith(store.plan().title.zh)
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pdf_has_title_targets_and_no_data(store, build, lang):
    body = build(store, "pdf", lang)
    assert body.startswith(b"%PDF")
    pages, text = pdf_text(body)
    assert pages >= 3
    flat = text.replace("\n", "").replace(" ", "")
    for expected in (store.plan().title.get(lang), words.t("report.subtitle", lang),
                     words.t("report.no_data_yet", lang)[:20],
                     words.t("report.page", lang, n=2, total=pages)):
        assert expected.replace(" ", "") in flat, expected
    for row in board(store):
        assert row.target.name(lang).replace(" ", "")[:12] in flat, row.target.id


def test_pdf_embeds_its_fonts(store, build):
    body = build(store, "pdf", "zh")
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add((str(font["/BaseFont"]), font["/Subtype"], "/CharProcs" in font))
    assert fonts and all(embedded for _, _, embedded in fonts)  # Type 3: glyphs inside
    assert any("NotoSansCJK" in name for name, _, _ in fonts)


def test_unknown_format_or_language_is_refused(store):
    from geo_layout.errors import InvalidParameter
    from geo_layout.reports.build import review_report

    with pytest.raises(InvalidParameter, match="docx or pdf"):
        review_report(store, "odt", "zh")
    with pytest.raises(InvalidParameter, match="lang"):
        review_report(store, "pdf", "fr")
