"""``geo-layout export``: writes PNG and PDF files (html: tests/maps/test_standalone.py)."""

from __future__ import annotations

from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader

from geo_layout.cli import main


def test_export_png(tmp_path):
    out = tmp_path / "layout.png"
    result = CliRunner().invoke(main, ["export", "maps/layout", "--format", "png", "--lang", "en",
                                       "--dpi", "96", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert Image.open(out).size == (1123, 794)


def test_export_pdf_portrait_slide(tmp_path):
    out = tmp_path / "core.pdf"
    result = CliRunner().invoke(main, ["export", "elements/core", "--format", "pdf", "--size",
                                       "slide", "--orientation", "portrait", "--dpi", "96",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = PdfReader(out).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (540, 960)
    assert "一核：昆明" in page.extract_text()


def test_export_errors_exit_1(tmp_path):
    runner = CliRunner()
    bad_map = runner.invoke(main, ["export", "maps/nowhere", "--format", "png",
                                   "-o", str(tmp_path / "x.png")])
    assert bad_map.exit_code == 1 and "unknown map" in bad_map.output
    bad_dpi = runner.invoke(main, ["export", "maps/layout", "--format", "png", "--dpi", "50",
                                   "-o", str(tmp_path / "x.png")])
    assert bad_dpi.exit_code == 1 and "600" in bad_dpi.output
