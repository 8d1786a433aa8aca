"""The boundary loader (geo_layout.data.geodata): names and the short forms map labels use."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from geo_layout.data.geodata import load_boundaries
from geo_layout.data.model import Text

ROOT = Path(__file__).resolve().parents[2]
TOY = ROOT / "tests" / "fixtures" / "toy-plan" / "geodata"


def test_short_names_are_read_from_the_files():
    loaded = load_boundaries(ROOT / "geodata")
    prefs = {b.adcode: b for b in loaded["prefectures"]}
    counties = {b.adcode: b for b in loaded["counties"]}
    assert prefs["532300"].name == Text("楚雄彝族自治州", "Chuxiong Yi Autonomous Prefecture")
    assert prefs["532300"].short == Text("楚雄州", "Chuxiong")
    assert prefs["530100"].short == Text("昆明市", "Kunming")
    assert counties["530126"].short == Text("石林县", "Shilin")
    assert counties["530102"].short == Text("五华区", "Wuhua District")


def test_toy_province_loads_with_its_hand_written_short_names():
    loaded = load_boundaries(TOY)
    assert [b.adcode for b in loaded["province"]] == ["640000"]
    assert loaded["province"][0].short == Text("宁夏", "Ningxia")
    assert len(loaded["prefectures"]) == 5 and len(loaded["counties"]) == 22
    prefs = {b.adcode: b for b in loaded["prefectures"]}
    assert prefs["640100"].name == Text("银川市", "Yinchuan")
    assert prefs["640100"].short == Text("银川", "Yinchuan")
    counties = {b.adcode: b for b in loaded["counties"]}
    assert counties["640303"].short == Text("红寺堡", "Hongsibu")


def test_short_names_fall_back_to_the_full_name(tmp_path):
    """A folder built before short_zh/short_en existed (or with a blank one) still loads."""
    folder = tmp_path / "geodata"
    shutil.copytree(TOY, folder)
    for path in folder.glob("prefectures.*.geojson"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for f in data["features"]:
            if f["properties"]["adcode"] == "640100":
                del f["properties"]["short_zh"], f["properties"]["short_en"]
            if f["properties"]["adcode"] == "640200":
                f["properties"]["short_en"] = ""
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    prefs = {b.adcode: b for b in load_boundaries(folder)["prefectures"]}
    assert prefs["640100"].short == Text("银川市", "Yinchuan")
    assert prefs["640200"].short == Text("石嘴山", "Shizuishan")
    assert prefs["640300"].short == Text("吴忠", "Wuzhong")
