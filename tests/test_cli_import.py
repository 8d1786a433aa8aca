"""``geo-layout import``, ``import-revert`` and ``import-template``: the report printed row
by row, exit 1 and nothing written on problems, --dry-run, --only-valid, the batch id and how
to revert it."""

from __future__ import annotations

import io

import openpyxl
from click.testing import CliRunner

from geo_layout.cli import main
from geo_layout.data.db_store import Database

HEADER = "id,name_zh,name_en,kind,elements,prefecture,county,precision,location_source," \
         "industries,citation_section,citation_paragraph,lon,lat"
GOOD = ["cli-park-a,命令行甲园,CLI Park A,park,core,530100,530111,site,survey,"
        "digital-economy,layout,2,102.75,25.02",
        "cli-park-b,命令行乙园,CLI Park B,park,core,530100,530111,site,survey,"
        "digital-economy,layout,2,102.757,25.027"]
BAD = "cli-park-c,命令行丙园,CLI Park C,park,core,530100,530111,site,survey,nope,layout,2," \
      "102.75,25.02"


def write_csv(tmp_path, *rows, encoding="utf-8"):
    path = tmp_path / "parks.csv"
    path.write_bytes("\n".join([HEADER, *rows, ""]).encode(encoding))
    return path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def current(db_url):
    database = Database(db_url)
    return database.link(database.plan_ids()[0]).load()


def test_problems_are_listed_and_nothing_is_written(tmp_path, db_url):
    path = write_csv(tmp_path, *GOOD, BAD)
    result = run("import", path, "--collection", "parks", "--database", db_url, "--lang", "en")
    assert result.exit_code == 1
    assert "row 4, industries: unknown industry id 'nope'" in result.output
    assert "3 rows (0 empty rows skipped): 2 valid" in result.output
    assert current(db_url).history() == []


def test_dry_run_writes_nothing_and_exits_0_when_clean(tmp_path, db_url):
    path = write_csv(tmp_path, *GOOD, encoding="gb18030")
    plan = Database(db_url).plan_ids()[0]
    result = run("import", path, "--plan", plan, "--collection", "parks", "--dry-run",
                 "--database", db_url)
    assert result.exit_code == 0, result.output
    assert "有效 2 行（新增 2，更新 0）" in result.output
    assert current(db_url).history() == []


def test_apply_prints_the_batch_and_import_revert_undoes_it(tmp_path, db_url):
    path = write_csv(tmp_path, *GOOD, BAD)
    result = run("import", path, "--collection", "parks", "--only-valid", "--crs", "gcj02",
                 "--author", "ana", "--source", "notice: list of 2026-11",
                 "--database", db_url, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "2 records written, rows skipped: 4" in result.output
    batch = result.output.split("batch ")[1].split(":")[0]
    assert f"geo-layout import-revert {batch}" in result.output
    store = current(db_url)
    revs = store.history(limit=None)
    assert {r.batch for r in revs} == {batch} and {r.author for r in revs} == {"ana"}
    assert revs[0].source == {"kind": "notice", "reference": "list of 2026-11"}
    undone = run("import-revert", batch, "--database", db_url)
    assert undone.exit_code == 0 and f"reverted 2 records of batch {batch}" in undone.output
    assert len(current(db_url).history(limit=None)) == 4
    again = run("import-revert", batch, "--database", db_url)
    assert again.exit_code == 1 and "was changed after batch" in again.output


def test_a_bad_file_is_one_error_line(tmp_path, db_url):
    path = tmp_path / "parks.xlsx"
    path.write_text("id,name\n")
    result = run("import", path, "--collection", "parks", "--database", db_url)
    assert result.exit_code == 1 and result.output.startswith("error: ")
    assert "not what its name says" in result.output


def test_import_template(tmp_path):
    out = tmp_path / "parks.xlsx"
    result = run("import-template", "parks", "--lang", "en", "-o", out)
    assert result.exit_code == 0
    sheet = openpyxl.load_workbook(io.BytesIO(out.read_bytes())).worksheets[0]
    assert sheet.cell(1, 2).value == "Name (Chinese)" and sheet.cell(2, 2).value == "名称（中文）"
