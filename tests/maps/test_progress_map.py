"""The progress map: the one rule for an area's status (hand-checked), each status's colour and
shape on the web map and the static one, and ``as_of`` changing what is drawn.

Data: the toy plan (tests/fixtures/toy-plan) with synthetic project statuses written into a
copy under tmp_path, and target statuses given as rows (the board's figures are tested with
the board; here only how the map uses them)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from geo_layout.data.progress_areas import (AS_PROGRESS, UNKNOWN, area_status, progress_areas,
                                            project_status, since_date, worst)

TOY = Path(__file__).parents[1] / "fixtures" / "toy-plan"
#: synthetic statuses (id -> status, since): not facts of any plan
STATUSES = {"toy-yinchuan-test-park": ("operating", "2026-03"),
            "toy-shizuishan-test-base": ("under-construction", "2026-06-15"),
            "toy-shapotou-test-project": ("cancelled", "2026-09"),
            "toy-unlocated-test-park": ("planned", None)}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from geo_layout.data.store import open_store

    folder = tmp_path_factory.mktemp("progress") / "data"
    shutil.copytree(TOY, folder)
    for name in ("parks", "sites"):
        path = folder / f"{name}.yaml"
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for record in doc[name]:
            status, since = STATUSES[record["id"]]
            record.update(status=status, status_since=since, facts_source="synthetic (tests)")
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return open_store(folder)


def rows(store, statuses: dict[str, str]):
    """Target rows as the board gives them: the target feature and its progress status."""
    return [SimpleNamespace(target=f, actuals=(1,) if f.id in statuses else (),
                            progress=SimpleNamespace(status=statuses.get(f.id, "no-data")))
            for f in store.query("targets").features]


# --- the rule -----------------------------------------------------------------------------

def test_worst_status_with_data_wins_and_no_data_says_nothing():
    assert worst(["reached", "no-data", "on-track"]) == "on-track"
    assert worst(["reached", "behind", "on-track"]) == "behind"
    assert worst(["no-data", "no-data"]) == "no-data"
    assert worst([]) == "no-data"
    # projects: operating counts as reached, under construction as on track, cancelled as
    # behind; planned and unknown say nothing
    assert AS_PROGRESS == {"operating": "reached", "under-construction": "on-track",
                           "cancelled": "behind", "planned": "no-data", "unknown": "no-data"}
    assert area_status(["reached"], ["operating", "planned"]) == "reached"
    assert area_status(["reached"], ["under-construction"]) == "on-track"
    assert area_status([], ["planned", "unknown"]) == "no-data"
    assert area_status(["on-track"], ["cancelled"]) == "behind"


def test_status_since_holds_from_the_end_of_the_period_it_names():
    assert since_date("2023") == date(2023, 12, 31)
    assert since_date("2024-02") == date(2024, 2, 29)
    assert since_date("2023-04-05") == date(2023, 4, 5)
    park = SimpleNamespace(properties={"status": "operating", "status_since": "2023"})
    assert project_status(park, date(2023, 6, 30)) == UNKNOWN
    assert project_status(park, date(2023, 12, 31)) == "operating"
    assert project_status(park) == "operating"
    assert project_status(SimpleNamespace(properties={"status": None})) == UNKNOWN
    bad = SimpleNamespace(properties={"status": "planned", "status_since": "soon"})
    assert project_status(bad, date(2023, 1, 1)) == UNKNOWN


def test_areas_by_the_rule_hand_checked(store):
    # the toy target names toy-core; toy-core's park operates (reached) -> worst: on-track
    areas = progress_areas(store, None, rows(store, {"toy-computing-revenue-2030": "on-track"}))
    assert areas.element("toy-core").status == "on-track"
    # toy-cluster: no target; its base is under construction -> on-track
    assert areas.element("toy-cluster").status == "on-track"
    # toy-point: its project was cancelled -> behind
    assert areas.element("toy-point").status == "behind"
    # toy-points: its only park is planned -> no data
    assert areas.element("toy-points").status == "no-data"
    # 640100 (toy-core, toy-zone): the core's target (on track) and its operating park
    assert areas.prefecture("640100").status == "on-track"
    assert areas.prefecture("640200").status == "on-track"
    assert areas.prefecture("640300").status == "no-data"   # in the cluster, no own project
    assert areas.prefecture("640400").status == "no-data"
    assert areas.prefecture("640500").status == "behind"
    assert areas.has_data
    # a target behind makes its element and the prefectures touching it behind
    behind = progress_areas(store, None, rows(store, {"toy-computing-revenue-2030": "behind"}))
    assert behind.element("toy-core").status == "behind"
    assert behind.prefecture("640100").status == "behind"
    assert behind.element("toy-core").target_counts() == {
        "reached": 0, "on-track": 0, "behind": 1, "no-data": 0}


def test_as_of_changes_the_statuses(store):
    nothing = rows(store, {})
    early = progress_areas(store, date(2026, 4, 30), nothing)
    assert {p.feature.id: p.status for p in early.projects} == {
        "toy-yinchuan-test-park": "operating", "toy-shizuishan-test-base": UNKNOWN,
        "toy-shapotou-test-project": UNKNOWN, "toy-unlocated-test-park": "planned"}
    assert early.prefecture("640100").status == "reached"
    assert early.prefecture("640200").status == "no-data"
    assert early.prefecture("640500").status == "no-data"
    later = progress_areas(store, date(2026, 9, 30), nothing)
    assert later.prefecture("640200").status == "on-track"
    assert later.prefecture("640500").status == "behind"


def test_seeds_have_no_data_and_the_map_says_so():
    from geo_layout.data import paths
    from geo_layout.data.store import open_store

    seeds = open_store(paths.default_seeds_dir())
    areas = progress_areas(seeds, None, rows(seeds, {}))
    assert not areas.has_data
    assert {a.status for a in (*areas.elements, *areas.prefectures)} == {"no-data"}
    assert {p.status for p in areas.projects} == {UNKNOWN}


# --- the web map ----------------------------------------------------------------------------

def _geojson(m, layer_id):
    from geo_layout.maps.elements import HtmlGeoJson

    def walk(node):
        for child in node._children.values():
            if isinstance(child, HtmlGeoJson) and child.layer_id == layer_id:
                yield child
            yield from walk(child)
    return next(walk(m)).data["features"]


def _marks(m):
    from geo_layout.maps.progress_map import StatusMarks

    def walk(node):
        for child in node._children.values():
            if isinstance(child, StatusMarks):
                yield from child.items
            yield from walk(child)
    return list(walk(m))


def test_web_map_colours_areas_and_shapes_projects_by_status(store):
    from geo_layout.maps import map_parts
    from geo_layout.maps.progress_map import progress_map
    from geo_layout.maps.progress_style import STATUS_COLOURS

    areas = progress_areas(store, None, rows(store, {"toy-computing-revenue-2030": "on-track"}))
    m = progress_map(store, areas=areas, lang="en")
    assert m.layer_ids == ["prefectures", "elements", "projects"]
    fills = {f["id"]: f["properties"]["style"]["fillColor"] for f in _geojson(m, "prefectures")}
    assert fills["640100"] == STATUS_COLOURS["on-track"] == "#009E73"
    assert fills["640500"] == STATUS_COLOURS["behind"] == "#D55E00"
    assert fills["640400"] == STATUS_COLOURS["no-data"]
    shapes = {d["title"]: (d["status"], d["svg"]) for d in _marks(m)}
    assert shapes["Yinchuan Test Park"][0] == "operating"
    assert "gl-mark-circle" in shapes["Yinchuan Test Park"][1]
    assert "gl-mark-diamond" in shapes["Shizuishan Test Base"][1]
    assert "gl-mark-cross" in shapes["Shapotou Test Project"][1]
    assert [f.id for f in m.unlocated] == ["toy-unlocated-test-park"]
    script = map_parts(m).script
    # the status is in words and shape too, never colour alone (badges, tooltips, legend)
    assert "▲ On track" in script and "▼ Behind" in script
    assert "Under construction" in script and "Cancelled" in script


def test_web_map_as_of_draws_what_was_known(store):
    from geo_layout.maps.progress_map import progress_map

    early = progress_map(store, as_of=date(2026, 4, 30),
                         areas=progress_areas(store, date(2026, 4, 30), rows(store, {})))
    marks = {d["title"]: d["status"] for d in _marks(early)}
    assert marks["石嘴山测试基地"] == "unknown"
    assert "gl-mark-ring" in next(d["svg"] for d in _marks(early)
                                  if d["title"] == "石嘴山测试基地")
    fills = {f["id"]: f["properties"]["status"] for f in _geojson(early, "prefectures")}
    assert fills["640200"] == "no-data" and fills["640100"] == "reached"


# --- the static map -------------------------------------------------------------------------

def test_static_map_uses_the_same_colours_and_shapes(store, monkeypatch):
    from geo_layout.data import progress_board
    from geo_layout.maps.progress_style import FILL_OPACITY, STATUS_COLOURS
    from geo_layout.maps.static_export import render_static
    from geo_layout.maps.static_spec import resolve_map
    from geo_layout.maps.style import blended

    monkeypatch.setattr(progress_board, "board",
                        lambda s, as_of=None, filters=None: rows(s, {}))
    spec = resolve_map(store, "maps/progress", "en", {}, date(2026, 9, 30))
    assert spec.kind == "progress" and "As of 2026-09-30" in spec.notes
    assert spec.progress.prefecture("640500").status == "behind"
    assert spec.unlocated == {"parks": 1, "sites": 0}
    svg = render_static(store, "maps/progress", fmt="svg", lang="en",
                        as_of=date(2026, 9, 30)).decode()
    behind = blended(STATUS_COLOURS["behind"], opacity=FILL_OPACITY).lower()
    assert svg.count(f"fill: {behind}") == 2  # 640500 and its legend row
    assert "Under construction" in svg and "Cancelled" in svg
    early = render_static(store, "maps/progress", fmt="svg", lang="en",
                          as_of=date(2026, 4, 30)).decode()
    assert early.count(f"fill: {behind}") == 1  # the legend's row only


# --- with the board's own figures (tests/fixtures/progress-values.yaml, synthetic) ----------

@pytest.fixture(scope="module")
def zone_values_store(progress_data, tmp_path_factory):
    """The progress fixture plus two synthetic values of the one target that names an element
    (the zone's cluster size): 500 for 2020 (its baseline) and 600 for 2023."""
    from geo_layout.data.store import open_store

    folder = tmp_path_factory.mktemp("zone-values") / "data"
    shutil.copytree(progress_data, folder)
    path = folder / "targets.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["values"] += [
        {"id": "zone-size-2020", "target": "satellite-applications-cluster-size-2025",
         "value": 500, "year": 2020, "value_source": "测试数据 synthetic"},
        {"id": "zone-size-2023", "target": "satellite-applications-cluster-size-2025",
         "value": 600, "year": 2023, "value_source": "测试数据 synthetic"}]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return open_store(folder)


def test_element_and_prefecture_status_from_recorded_values(zone_values_store):
    # hand-worked: the path from 500 (end of 2020) to 1000 (end of 2025) is compound, so at
    # the end of 2023 it expects 500 * 2 ** (3 / 5) ≈ 758; 600 is behind
    areas = progress_areas(zone_values_store, date(2023, 12, 31))
    zone = areas.element("zone")
    assert [r.target.id for r in zone.targets] == ["satellite-applications-cluster-size-2025"]
    assert zone.targets[0].progress.expected == pytest.approx(500 * 2 ** (3 / 5), rel=1e-3)
    assert zone.status == "behind"
    # the prefecture the zone touches takes it (its parks have no status: they say nothing)
    assert areas.prefecture("530100").status == "behind"
    assert areas.element("core").status == "no-data"
    # province-wide targets colour no area but are listed with their status
    assert {r.target.id: r.progress.status for r in areas.province}[
        "information-industry-revenue-2025"] == "behind"


def test_as_of_before_any_value_draws_no_data(zone_values_store):
    from geo_layout.maps.progress_map import progress_map

    early = progress_map(zone_values_store, as_of=date(2020, 6, 30), lang="en")
    fills = {f["id"]: f["properties"]["status"] for f in _geojson(early, "prefectures")}
    assert set(fills.values()) == {"no-data"}
    later = progress_map(zone_values_store, as_of=date(2023, 12, 31), lang="en")
    fills = {f["id"]: f["properties"]["status"] for f in _geojson(later, "prefectures")}
    assert fills["530100"] == "behind"
    assert {s for code, s in fills.items() if code != "530100"} == {"no-data"}


HOSTILE = "<script>alert(1)</script>"  # the park name of tests/maps/conftest.py's store


def test_hostile_names_are_text_on_the_web_and_static_maps(hostile_store):
    from geo_layout.maps import map_parts
    from geo_layout.maps.progress_map import progress_map
    from geo_layout.maps.static_export import render_static

    parts = map_parts(progress_map(hostile_store, lang="en"))
    assert HOSTILE not in parts.script and HOSTILE not in parts.body
    assert "\\u003cscript\\u003e" in parts.script  # there, as escaped text
    svg = render_static(hostile_store, "maps/progress", fmt="svg", lang="en").decode()
    assert "<script>" not in svg
