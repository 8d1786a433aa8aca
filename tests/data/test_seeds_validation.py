"""Each kind of bad seed file is rejected with a message naming file, record and field, all
problems at once; the repository's own data validates."""

from __future__ import annotations

from geo_layout.cli import main
from geo_layout.data.seeds import load_dataset, validate
from geo_layout.errors import DataError
from click.testing import CliRunner


def _messages(folder):
    return [str(p) for p in validate(folder)]


def test_repository_data_is_valid():
    assert validate() == []


def test_cli_validate_ok_exits_zero():
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert "16 prefectures, 129 counties" in result.output


def test_unknown_reference_is_named(seeds_copy):
    folder, edit = seeds_copy
    edit("parks.yaml", lambda d: d["parks"][0].__setitem__("elements", ["no-such-element"]))
    first = _first_id(folder, "parks.yaml", "parks")
    assert f"parks.yaml: {first}: elements[0]: unknown layout element id 'no-such-element'" \
        in _messages(folder)


def test_duplicate_id(seeds_copy):
    folder, edit = seeds_copy
    edit("enterprises.yaml", lambda d: d["enterprises"].append(dict(d["enterprises"][0])))
    first = _first_id(folder, "enterprises.yaml", "enterprises")
    assert f"enterprises.yaml: {first}: id: duplicate id {first!r}" in _messages(folder)


def test_county_where_prefecture_needed(seeds_copy):
    folder, edit = seeds_copy

    def change(doc):
        doc["parks"][0]["prefecture"] = "530114"

    edit("parks.yaml", change)
    first = _first_id(folder, "parks.yaml", "parks")
    assert f"parks.yaml: {first}: prefecture: '530114' is not a prefecture adcode (a county)" \
        in _messages(folder)


def test_cluster_member_must_be_prefecture(seeds_copy):
    folder, edit = seeds_copy
    edit("layout.yaml", lambda d: next(e for e in d["elements"] if e["id"] == "cluster-silicon")
         ["prefectures"].append("999999"))
    assert any(m.startswith("layout.yaml: cluster-silicon: prefectures[4]: '999999' is not a "
                            "prefecture adcode") for m in _messages(folder))


def test_point_outside_declared_county(seeds_copy):
    folder, edit = seeds_copy

    def change(doc):
        park = doc["parks"][0]
        park.update(prefecture="530100", county="530114", precision="site",
                    lon=100.2676, lat=25.6065,  # Dali old town, far from Chenggong
                    location_source="test")

    edit("parks.yaml", change)
    first = _first_id(folder, "parks.yaml", "parks")
    messages = _messages(folder)
    assert any(m.startswith(f"parks.yaml: {first}: lon/lat: point (100.2676, 25.6065) is outside "
                            "its declared county 530114") for m in messages), messages


def test_missing_citation(seeds_copy):
    folder, edit = seeds_copy
    edit("targets.yaml", lambda d: d["targets"][0].pop("citation"))
    first = _first_id(folder, "targets.yaml", "targets")
    assert f"targets.yaml: {first}: citation: is required" in _messages(folder)


def test_unknown_citation_section(seeds_copy):
    folder, edit = seeds_copy
    edit("enterprises.yaml", lambda d: d["enterprises"][0]["citation"].update(section="nope"))
    first = _first_id(folder, "enterprises.yaml", "enterprises")
    assert f"enterprises.yaml: {first}: citation.section: unknown section id 'nope'" \
        in _messages(folder)


def test_malformed_coordinates(seeds_copy):
    folder, edit = seeds_copy

    def change(doc):
        doc["parks"][0].update(precision="site", lon="102.7 E", lat=25.0, county=None,
                               location_source="test")
        doc["parks"][1].update(precision="site", lon=102.7, lat=200, county=None,
                               location_source="test")

    edit("parks.yaml", change)
    ids = [_nth_id(folder, "parks.yaml", "parks", i) for i in (0, 1)]
    messages = _messages(folder)
    assert f"parks.yaml: {ids[0]}: lon: must be a number, got '102.7 E'" in messages
    assert f"parks.yaml: {ids[1]}: lat: 200 is outside -90..90" in messages


def test_coordinates_with_coarse_precision_rejected(seeds_copy):
    folder, edit = seeds_copy
    edit("parks.yaml", lambda d: d["parks"][0].update(precision="county", county="530114",
                                                      prefecture="530100", lon=102.8, lat=24.9))
    first = _first_id(folder, "parks.yaml", "parks")
    assert any(m.startswith(f"parks.yaml: {first}: lon/lat: coordinates given but precision is "
                            "'county'") for m in _messages(folder))


def test_truncated_yaml_names_line(seeds_copy):
    folder, _ = seeds_copy
    path = folder / "sites.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2] + "\n  - id: [unclosed\n", encoding="utf-8")
    messages = _messages(folder)
    assert any(m.startswith("sites.yaml: (file): (yaml): line ") for m in messages), messages


def test_wrong_types_and_unknown_fields(seeds_copy):
    folder, edit = seeds_copy

    def change(doc):
        doc["targets"][0]["value"] = "four thousand"
        doc["targets"][0]["colour"] = "red"
        doc["targets"][0]["name"] = "only one language"

    edit("targets.yaml", change)
    first = _first_id(folder, "targets.yaml", "targets")
    messages = _messages(folder)
    assert f"targets.yaml: {first}: value: must be a number, got 'four thousand'" in messages
    assert any(m.startswith(f"targets.yaml: {first}: colour: unknown field") for m in messages)
    assert f"targets.yaml: {first}: name: must be a mapping with exactly the keys zh and en" \
        in messages


def test_all_problems_reported_at_once_and_cli_exits_1(seeds_copy):
    folder, edit = seeds_copy
    edit("targets.yaml", lambda d: d["targets"][0].pop("citation"))
    edit("enterprises.yaml", lambda d: d["enterprises"][0].update(role="boss"))
    result = CliRunner().invoke(main, ["validate", "--data", str(folder)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if ": " in line and "problem" not in line]
    assert len(lines) == 2, result.output
    assert any("role: 'boss' is not one of backbone, to-introduce" in line for line in lines)


def test_load_dataset_raises_with_problems(seeds_copy):
    folder, edit = seeds_copy
    edit("plan.yaml", lambda d: d["sections"].append({"id": "Bad Id", "heading": {"zh": "x",
                                                                                 "en": "x"}}))
    try:
        load_dataset(folder)
    except DataError as exc:
        assert any("is not a lowercase ASCII slug" in str(p) for p in exc.problems)
    else:
        raise AssertionError("invalid data loaded")


def test_missing_folder_and_oversized_file(tmp_path, seeds_copy):
    assert "data folder does not exist" in str(validate(tmp_path / "nowhere")[0])
    folder, _ = seeds_copy
    from geo_layout.data.seeds import MAX_SEED_BYTES

    (folder / "targets.yaml").write_bytes(b"# " + b"x" * (MAX_SEED_BYTES + 100))
    assert any(f"over the {MAX_SEED_BYTES} cap" in m for m in _messages(folder))


def _nth_id(folder, name, key, n):
    import yaml

    return yaml.safe_load((folder / name).read_text(encoding="utf-8"))[key][n]["id"]


def _first_id(folder, name, key):
    return _nth_id(folder, name, key, 0)


def test_commitments_are_checked(seeds_copy):
    folder, edit = seeds_copy

    def change(doc):
        doc["commitments"][0]["kind"] = "wish"
        doc["commitments"][1]["industries"] = ["no-such-industry"]
        doc["industries"][0]["colour"] = "red"

    edit("plan.yaml", change)
    messages = _messages(folder)
    assert "plan.yaml: global-leadership: kind: 'wish' is not one of goal, structure" in messages
    assert ("plan.yaml: domestic-leadership: industries[0]: unknown industry id "
            "'no-such-industry'") in messages
    assert any(m.startswith("plan.yaml: information-industry: colour: unknown field")
               for m in messages)


def test_commitments_are_optional(seeds_copy):
    folder, edit = seeds_copy
    edit("plan.yaml", lambda d: d.pop("commitments"))
    assert load_dataset(folder).commitments == ()
