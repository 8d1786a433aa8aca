"""A word processor reads the review report's DOCX: Debian's headless LibreOffice Writer
(``libreoffice-writer-nogui``, installed by scripts/setup-system) opens it and converts it to
PDF, and that PDF has its pages and says the plan's title and its targets' names.

LibreOffice runs with a profile of its own under tmp_path (never the user's), once per
language. Locally the test skips when ``soffice`` is missing; with ``CI=true`` it fails."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from report_files import pdf_text

from geo_layout.data.progress_board import board

INSTALL = "apt-get install --no-install-recommends libreoffice-writer-nogui"


def _soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        why = f"the LibreOffice test needs soffice: {INSTALL} (see scripts/setup-system)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"in CI: {why}")
        pytest.skip(why)
    return found


def _convert(soffice: str, docx: bytes, folder) -> bytes:
    source = folder / "report.docx"
    source.write_bytes(docx)
    profile = (folder / "profile").as_uri()
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(folder), str(source)],
        capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": str(folder)})
    target = folder / "report.pdf"
    assert done.returncode == 0 and target.is_file(), (done.stdout, done.stderr)
    return target.read_bytes()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_libreoffice_opens_the_docx(store, build, lang, tmp_path):
    soffice = _soffice()
    pdf = _convert(soffice, build(store, "docx", lang), tmp_path)
    assert pdf.startswith(b"%PDF")
    pages, text = pdf_text(pdf)
    assert pages >= 3  # title page, summary and map, the tables
    flat = "".join(text.split())
    assert "".join(store.plan().title.get(lang).split()) in flat
    rows = board(store)
    found = [r.target.id for r in rows if "".join(r.target.name(lang).split()) in flat]
    assert found == [r.target.id for r in rows]
