"""Malformed data folders are rejected quickly, with a clear message naming the file — never a
traceback, never a hang. One folder holds several broken files at once (the validator reports
every file), a second one its own ``geodata/`` with a self-intersecting polygon."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo_layout.cli import main
from geo_layout.data import seeds
from geo_layout.data.geodata import GeodataProblem, load_boundaries

REPO = Path(__file__).resolve().parents[2]

BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{b}: &{b} [{', '.join(['*' + a] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi")]
    + ["sites:", "  - id: x", "    industries: *i", ""])


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("broken") / "data"
    shutil.copytree(REPO / "seeds", data)
    text = (data / "parks.yaml").read_text(encoding="utf-8")
    (data / "parks.yaml").write_text(text[: len(text) // 2] + "\n  - {id: [unclosed\n",
                                     encoding="utf-8")                        # truncated
    (data / "layout.yaml").write_text(
        "elements:\n  - id: core\n    kind: 7\n    name: just a string\n    prefectures: 530100\n"
        "    citation: {section: layout, paragraph: -1}\n", encoding="utf-8")  # wrong types
    (data / "sites.yaml").write_text(BOMB, encoding="utf-8")                   # billion laughs
    (data / "enterprises.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe garbage \x00")
    with open(data / "targets.yaml", "wb") as f:                               # huge (sparse)
        f.truncate(seeds.MAX_SEED_BYTES + 1)
    return data


@pytest.fixture(scope="module")
def problems(broken):
    start = time.monotonic()
    found = [str(p) for p in seeds.validate(broken)]
    return found, time.monotonic() - start


def _about(found: list[str], file: str) -> list[str]:
    return [p for p in found if p.startswith(file + ":")]


def test_rejected_quickly(problems):
    found, seconds = problems
    assert seconds < 20  # the bomb and the huge file are refused, not expanded or read


def test_truncated_yaml_names_the_line(problems):
    lines = _about(problems[0], "parks.yaml")
    assert any(": (yaml): line " in line for line in lines), lines


def test_wrong_types_name_each_field(problems):
    text = "\n".join(_about(problems[0], "layout.yaml"))
    assert "kind: must be a string, got int" in text
    assert "name: must be a mapping with exactly the keys zh and en" in text
    assert "prefectures: must be a list, got int" in text
    assert "citation.paragraph: must be a positive integer, got -1" in text


def test_yaml_bomb_is_refused(problems):
    lines = _about(problems[0], "sites.yaml")
    assert any(": (yaml): expands to more than" in line for line in lines), lines


def test_binary_garbage(problems):
    lines = _about(problems[0], "enterprises.yaml")
    assert any("not UTF-8 text" in line or ": (yaml): " in line for line in lines), lines


def test_huge_file(problems):
    lines = _about(problems[0], "targets.yaml")
    assert any(f"over the {seeds.MAX_SEED_BYTES} cap" in line for line in lines), lines


def test_deep_nesting_is_refused(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(REPO / "seeds", data)
    (data / "plan.yaml").write_text("plan: " + "[" * 5000 + "]" * 5000 + "\n")
    found = [str(p) for p in seeds.validate(data)]
    assert any(p.startswith("plan.yaml: (file): (yaml):") for p in found), found[:3]


def test_cli_prints_problems_not_a_traceback(broken):
    result = CliRunner().invoke(main, ["validate", "--data", str(broken)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "sites.yaml: (file): (yaml): expands to more than" in result.output


# --- invalid geometry in a data folder's own geodata/ ------------------------------------

def _bowtie(path: Path, adcode: str) -> None:
    collection = json.loads(path.read_text(encoding="utf-8"))
    for feature in collection["features"]:
        if str(feature["properties"]["adcode"]) == adcode:
            feature["geometry"] = {"type": "Polygon", "coordinates": [
                [[102.0, 25.0], [103.0, 26.0], [103.0, 25.0], [102.0, 26.0], [102.0, 25.0]]]}
    path.write_text(json.dumps(collection), encoding="utf-8")


def test_self_intersecting_boundary_is_rejected(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(REPO / "seeds", data)
    shutil.copytree(REPO / "geodata", data / "geodata")
    _bowtie(data / "geodata" / "prefectures.medium.geojson", "530100")
    with pytest.raises(GeodataProblem, match=r"prefectures\.medium\.geojson: feature \d+ "
                                             r"\(adcode 530100\): invalid geometry: "
                                             r"Self-intersection"):
        load_boundaries(data / "geodata")
    result = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert result.exit_code == 1
    assert "invalid geometry: Self-intersection" in result.output


def test_non_polygon_boundary_is_rejected(tmp_path):
    geodata = tmp_path / "geodata"
    shutil.copytree(REPO / "geodata", geodata)
    path = geodata / "province.low.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    collection["features"][0]["geometry"] = {"type": "Point", "coordinates": [102.0, 25.0]}
    path.write_text(json.dumps(collection), encoding="utf-8")
    with pytest.raises(GeodataProblem, match="is a Point, not a Polygon or MultiPolygon"):
        load_boundaries(geodata)
