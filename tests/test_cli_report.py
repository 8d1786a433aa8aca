"""``geo-layout export progress --format docx|pdf``: the review report from the command line
(the toy plan: a small map); other maps keep their formats, and docx or --as-of elsewhere is
refused with the option named."""

from __future__ import annotations

import io

from click.testing import CliRunner
from plan_terms import TOY_PLAN
from pypdf import PdfReader

from geo_layout.cli import main
from geo_layout.data.store import open_store


def test_report_docx_with_as_of(tmp_path):
    import docx

    out = tmp_path / "review.docx"
    result = CliRunner().invoke(main, ["export", "progress", "--format", "docx", "--lang", "en",
                                       "--as-of", "2024-06-30", "--data", str(TOY_PLAN),
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    document = docx.Document(out)
    texts = [p.text for p in document.paragraphs]
    assert texts[1] == open_store(TOY_PLAN).plan().title.en
    assert "Data as of: 2024-06-30" in texts
    assert len(document.tables) == 2


def test_report_pdf_in_chinese(tmp_path):
    out = tmp_path / "review.pdf"
    result = CliRunner().invoke(main, ["export", "progress", "--format", "pdf",
                                       "--data", str(TOY_PLAN), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert open_store(TOY_PLAN).plan().title.zh in "".join(text.split())


def test_refusals_name_the_option(tmp_path):
    runner = CliRunner()
    out = str(tmp_path / "x")
    docx_map = runner.invoke(main, ["export", "maps/layout", "--format", "docx", "-o", out])
    assert docx_map.exit_code == 2 and "--format" in docx_map.output
    as_of_map = runner.invoke(main, ["export", "maps/layout", "--format", "pdf",
                                     "--as-of", "2024-01-01", "-o", out])
    assert as_of_map.exit_code == 2 and "--as-of" in as_of_map.output
    bad_day = runner.invoke(main, ["export", "progress", "--format", "pdf",
                                   "--as-of", "2024-02-30", "-o", out])
    assert bad_day.exit_code == 2 and "YYYY-MM-DD" in bad_day.output
    future = runner.invoke(main, ["export", "progress", "--format", "docx",
                                  "--as-of", "2999-01-01", "-o", out])
    assert future.exit_code == 2 and "future" in future.output
    assert not (tmp_path / "x").exists()


def test_help_says_what_progress_is():
    result = CliRunner().invoke(main, ["export", "--help"])
    assert "review report" in " ".join(result.output.split())


def test_report_as_of_reads_values_known_that_day(tmp_path, progress_data):
    import docx

    from geo_layout.data.progress_board import board

    store = open_store(progress_data)
    first = min(a.on for r in board(store) for a in r.actuals)
    outputs = {}
    for as_of in (first.isoformat(), None):
        out = tmp_path / f"review-{as_of}.docx"
        args = ["export", "progress", "--format", "docx", "--lang", "en",
                "--data", str(progress_data), "-o", str(out)]
        result = CliRunner().invoke(main, args + (["--as-of", as_of] if as_of else []))
        assert result.exit_code == 0, result.output
        table = docx.Document(out).tables[0]
        outputs[as_of] = [row.cells[3].text for row in table.rows[1:]]
    known_then = sum(cell != "No data yet" for cell in outputs[first.isoformat()])
    known_now = sum(cell != "No data yet" for cell in outputs[None])
    assert known_then == sum(1 for r in board(store, first) if r.progress.latest)
    assert 0 < known_then < known_now
