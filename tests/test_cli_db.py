"""geo-layout db init|upgrade|export|import-seeds on a fresh database file."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from geo_layout.cli import main
from geo_layout.data.db_records import rows_of_folder
from geo_layout.data.paths import default_seeds_dir

TOY = Path(__file__).resolve().parent / "fixtures" / "toy-plan"


def run(*args, **kw):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kw)


def test_init_export_import_and_upgrade(tmp_path):
    db = tmp_path / "g.gpkg"
    result = run("db", "init", "--database", db)
    assert result.exit_code == 0 and "yunnan-14th-fyp-information-industry" in result.output
    assert db.is_file()
    result = run("db", "import-seeds", TOY, "--database", db)
    assert result.exit_code == 0 and "toy-ningxia-test-plan" in result.output
    assert "toy-ningxia-test-plan" in run("db", "init", "--database", db).output
    result = run("db", "export", "--database", db, "--plan", "toy-ningxia-test-plan",
                 "-o", tmp_path / "toy")
    assert result.exit_code == 0
    assert (tmp_path / "toy" / "geodata").is_dir()  # its own boundaries go with it
    exported, problems = rows_of_folder(tmp_path / "toy")
    original, _ = rows_of_folder(TOY)
    assert problems == [] and [(r.collection, r.record_id, r.body) for r in exported] == [
        (r.collection, r.record_id, r.body) for r in original]
    assert run("validate", "--data", tmp_path / "toy").exit_code == 0
    result = run("db", "upgrade", "--database", db)
    assert result.exit_code == 0 and "0004 -> 0004" in result.output


def test_a_folder_that_does_not_validate_is_refused_whole(tmp_path):
    import shutil

    bad = tmp_path / "bad"
    shutil.copytree(default_seeds_dir(), bad)
    parks = bad / "parks.yaml"
    parks.write_text(parks.read_text(encoding="utf-8").replace(
        "industries: [digital-economy]", "industries: [no-such-industry]", 1), encoding="utf-8")
    db = tmp_path / "g.gpkg"
    result = run("db", "init", "--database", db, "--seeds", bad)
    assert result.exit_code == 1 and "no-such-industry" in result.output
    assert run("db", "import-seeds", bad, "--database", db).exit_code == 1


def test_export_of_an_unknown_plan_is_one_line(tmp_path):
    db = tmp_path / "g.gpkg"
    run("db", "init", "--database", db)
    result = run("db", "export", "--database", db, "--plan", "nope", "-o", tmp_path / "o")
    assert result.exit_code == 1 and "nope" in result.output
