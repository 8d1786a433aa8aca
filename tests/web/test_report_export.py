"""``/export/progress.docx`` and ``/export/progress.pdf``: the review report over HTTP, on the
toy plan (a small map to draw). Media types, file names, the language, ``as_of``, refusals
naming what is wrong, and caching like the other exports."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from plan_terms import TOY_PLAN

from geo_layout.app import create_app
from geo_layout.data.writers import file_prefix

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def toy_client():
    return create_app({"TESTING": True, "DATA": str(TOY_PLAN)}).test_client()


@pytest.fixture(scope="module")
def prefix(toy_store):
    return file_prefix(toy_store.plan())


def test_docx_in_chinese_by_default(toy_client, toy_store, prefix):
    import docx

    r = toy_client.get("/export/progress.docx")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == DOCX
    assert r.headers["Content-Disposition"] == \
        f'attachment; filename="{prefix}-review-report-zh.docx"'
    document = docx.Document(io.BytesIO(r.data))
    assert document.paragraphs[1].text == toy_store.plan().title.zh
    assert r.headers["ETag"] and r.headers["Cache-Control"] == "no-cache"


def test_pdf_in_english(toy_client, toy_store, prefix):
    from pypdf import PdfReader

    r = toy_client.get("/export/progress.pdf?lang=en")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/pdf"
    assert r.headers["Content-Disposition"] == \
        f'attachment; filename="{prefix}-review-report-en.pdf"'
    assert r.data.startswith(b"%PDF")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.data)).pages)
    assert toy_store.plan().title.en.split()[0] in text
    again = toy_client.get("/export/progress.pdf?lang=en",
                           headers={"If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_as_of_names_the_file_and_the_date(toy_client, prefix):
    import docx

    r = toy_client.get("/export/progress.docx?as_of=2023-12-31&lang=en")
    assert r.status_code == 200
    assert r.headers["Content-Disposition"] == \
        f'attachment; filename="{prefix}-review-report-en-as-of-2023-12-31.docx"'
    texts = [p.text for p in docx.Document(io.BytesIO(r.data)).paragraphs]
    assert "Data as of: 2023-12-31" in texts


@pytest.mark.parametrize("query, names", [
    ("as_of=2023-13-01", "as_of"), ("as_of=yesterday", "as_of"),
    (f"as_of={(date.today() + timedelta(days=2)).isoformat()}", "as_of"),
    ("lang=fr", "lang")])
def test_bad_parameters_are_400_naming_them(toy_client, query, names):
    for fmt in ("docx", "pdf"):
        r = toy_client.get(f"/export/progress.{fmt}?{query}")
        assert r.status_code == 400, (query, r.data[:200])
        assert r.get_json()["code"] == "invalid-parameter"
        assert names in r.get_json()["description"]


def test_other_formats_are_not_the_report(toy_client):
    r = toy_client.get("/export/progress.odt")
    assert r.status_code == 404


def test_as_of_reads_the_values_known_that_day(progress_client, progress_app):
    """With values (the synthetic progress data), ``as_of`` picks each target's latest value
    known that day, as the progress board does."""
    import docx

    from geo_layout.data.progress_board import board

    day = date(2022, 12, 31)
    r = progress_client.get(f"/export/progress.docx?lang=en&as_of={day.isoformat()}")
    assert r.status_code == 200
    table = docx.Document(io.BytesIO(r.data)).tables[0]
    cells = {row.cells[0].text: row.cells[3].text for row in table.rows[1:]}
    with progress_app.test_request_context():
        from geo_layout.web.state import current_store

        store = current_store()
    then, now = board(store, day), {r.target.id: r for r in board(store)}
    changed = [r for r in then if r.progress.latest and now[r.target.id].progress.latest
               and r.progress.latest != now[r.target.id].progress.latest]
    assert changed, "some target has a value after the day"
    for row in then:
        latest = row.progress.latest
        cell = cells[row.target.name("en")]
        assert (latest is None) == (cell == "No data yet"), row.target.id
        if latest is not None:
            assert f"({latest.on.year})" in cell or latest.on.isoformat() in cell
