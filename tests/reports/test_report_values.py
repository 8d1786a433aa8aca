"""The review report of the seeds with synthetic target values (tests/conftest.py:
progress_data): each target's row carries the status the progress board computes, the latest
actual and its source (hostile text kept as text); the provenance lists the values' sources;
as of a day before any value, every target is "no data" again."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from report_files import docx_text, pdf_text

from geo_layout import words
from geo_layout.data import progress
from geo_layout.data.progress_board import board, status_label as _status
from geo_layout.data.store import open_store


@pytest.fixture(scope="module")
def values_store(progress_data):
    return open_store(progress_data)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rows_carry_the_boards_statuses(values_store, build, lang):
    paragraphs, (targets, _) = docx_text(build(values_store, "docx", lang))
    rows = board(values_store)
    assert {r.progress.status for r in rows} - {"no-data"}, "the fixture has values"
    assert [t[0] for t in targets[1:]] == [r.target.name(lang) for r in rows]
    for cells, row in zip(targets[1:], rows):
        p = row.progress
        assert cells[4].split("\n")[0] == _status(p.status, lang), row.target.id
        if p.latest is None:
            assert cells[3] == words.t("report.no_actual", lang)
        else:
            assert cells[3] != words.t("report.no_actual", lang)
            assert words.t("report.source_value", lang, source=p.latest.source) in cells[5]
    assert words.t("report.no_data_yet", lang) not in paragraphs


def test_provenance_lists_the_values_sources(values_store, build):
    paragraphs, _ = docx_text(build(values_store, "docx", "en"))
    sources = sorted({a.source for r in board(values_store) for a in r.actuals})
    assert sources
    assert words.t("report.prov.values", "en", n=len(sources),
                   sources=words.join(sources, "en")) in paragraphs


def test_summary_counts_match_the_board(values_store, build):
    paragraphs, _ = docx_text(build(values_store, "docx", "zh"))
    rows = board(values_store)
    counted = {s: sum(r.progress.status == s for r in rows) for s in progress.STATUSES}
    items = [words.t("report.count_item", "zh", status=_status(s, "zh"), n=n)
             for s, n in counted.items()]
    assert any(words.join(items, "zh") in p for p in paragraphs)


def test_pdf_says_the_same(values_store, build):
    pages, text = pdf_text(build(values_store, "pdf", "en"))
    flat = "".join(text.split())
    for row in board(values_store):
        assert "".join(words.t("progress.status." + row.progress.status, "en").split()) in flat
        if row.progress.latest is not None:
            assert "".join(row.progress.latest.source.split())[:20] in flat


def test_as_of_before_any_value_is_no_data(values_store, build):
    first = min(a.on for r in board(values_store) for a in r.actuals)
    before = date.fromordinal(first.toordinal() - 1)
    paragraphs, (targets, _) = docx_text(build(values_store, "docx", "en", before))
    assert {t[4].split("\n")[0] for t in targets[1:]} == {_status("no-data", "en")}
    assert f"Data as of: {before.isoformat()}" in paragraphs


def test_recorded_baseline_and_hostile_source_stay_text(values_store, build):
    body = build(values_store, "docx", "en")
    _, (targets, _) = docx_text(body)
    rows = {r.target.id: r for r in board(values_store)}
    cells = {t[0]: t for t in targets[1:]}
    recorded = [r for r in rows.values() if r.progress.baseline and r.progress.baseline.recorded]
    assert recorded, "the fixture records a value for the year before the period"
    for r in recorded:
        row = cells[r.target.name("en")]
        assert f"({r.progress.baseline.year}, recorded)" in row[2]
        assert f"Baseline: {r.progress.baseline.source}" in row[5]
    hostile = [r for r in rows.values() if r.progress.latest
               and r.progress.latest.source.startswith("<script>")]
    assert hostile
    assert f"Actual: {hostile[0].progress.latest.source}" in cells[hostile[0].target.name("en")][5]
    with zipfile.ZipFile(io.BytesIO(body)) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    assert "&lt;script&gt;" in xml and "<script>" not in xml  # text, never markup
