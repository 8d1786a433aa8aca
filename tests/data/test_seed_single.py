"""One record validated against the loaded dataset (``validate_record``), as an edit will be:
every rule refused with its field named, valid records accepted, a new record's id must be free
while a replacement may keep its own, and the messages are those of the full load."""

from __future__ import annotations

import copy
import dataclasses

import pytest
from progress_values import PROGRESS_VALUES
import yaml

from geo_layout.data import paths
from geo_layout.data.seeds import (
    COLLECTIONS, MAX_ID_CHARS, MAX_TEXT_CHARS, check_record, load_dataset, referrers, validate,
    validate_record,
)

HTML = "<script>alert(1)</script><b onmouseover=\"x()\">'&amp;</b>"


@pytest.fixture(scope="module")
def dataset(progress_data):
    """The seeds with the synthetic target values (the seeds record none)."""
    return load_dataset(progress_data)


def _seed(collection: str, index: int = 0) -> dict:
    """A record of ``collection`` as it stands in the seed files (target values: in the
    synthetic ones of the progress fixture)."""
    spec = COLLECTIONS[collection]
    path = (PROGRESS_VALUES if collection == "target-values"
            else paths.default_seeds_dir() / spec.file)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return copy.deepcopy(doc[spec.key][index])


def _messages(dataset, collection, raw, **kw) -> list[str]:
    return [str(p) for p in validate_record(dataset, collection, raw, **kw)]


def _fields(dataset, collection, raw, **kw) -> dict[str, str]:
    """field -> its problems' messages, one a line."""
    out: dict[str, str] = {}
    for p in validate_record(dataset, collection, raw, **kw):
        out[p.field] = f"{out[p.field]}\n{p.message}" if p.field in out else p.message
    return out


def _has(found: dict[str, str], field: str, message: str) -> bool:
    return any(m.startswith(message) for m in found.get(field, "").split("\n"))


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_every_seed_record_is_a_valid_replacement_of_itself(dataset, collection):
    spec = COLLECTIONS[collection]
    loaded = getattr(dataset, spec.attribute)
    assert loaded, collection
    for index, before in enumerate(loaded):
        record, problems = check_record(dataset, collection, _seed(collection, index),
                                        replaces=before.id)
        assert problems == [], problems
        assert record == before  # the full load's parser, so the same typed record


@pytest.mark.parametrize("collection", [c for c in COLLECTIONS if c != "element-kinds"])
def test_a_new_record_with_a_free_id_is_accepted(dataset, collection):
    raw = dict(_seed(collection), id="brand-new-record")
    record, problems = check_record(dataset, collection, raw)
    assert problems == []
    assert record.id == "brand-new-record"


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_duplicate_id_refused_for_a_new_record_but_not_for_its_replacement(dataset, collection):
    raw = _seed(collection)
    assert _messages(dataset, collection, raw) == [
        f"{COLLECTIONS[collection].file}: {raw['id']}: id: duplicate id {raw['id']!r}"]
    assert _messages(dataset, collection, raw, replaces=raw["id"]) == []


def test_a_replacement_may_not_take_another_records_id(dataset):
    first, second = _seed("parks", 0), _seed("parks", 1)
    assert _fields(dataset, "parks", dict(first, id=second["id"]), replaces=first["id"]) == {
        "id": f"duplicate id {second['id']!r}"}


def test_parks_and_sites_share_one_id_space(dataset):
    park = _seed("parks")
    assert _messages(dataset, "sites", dict(park, kind="project")) == [
        f"sites.yaml: {park['id']}: id: id also used in parks.yaml"]


def test_renaming_a_record_others_refer_to_is_refused(dataset):
    core = _seed("layout-elements")
    assert core["id"] == "core"
    found = _fields(dataset, "layout-elements", dict(core, id="kernel"), replaces="core")
    assert found["id"].startswith("renaming 'core' would leave the references of parks/")
    assert found["id"].endswith(" and 8 more to it dangling")
    assert "parks/guandu-digital-economy-industrial-park" in referrers(dataset,
                                                                       "layout-elements", "core")
    # nothing refers to an enterprise: it may be renamed
    ent = _seed("enterprises")
    assert _messages(dataset, "enterprises", dict(ent, id="renamed"), replaces=ent["id"]) == []


PARK_RULES = [
    # (change to the first park, field, message start)
    ({"name": None}, "name", "is required"),
    ({"name": "one language"}, "name", "must be a mapping with exactly the keys zh and en"),
    ({"name": {"zh": "园", "en": " "}}, "name.en", "must be a non-empty string"),
    ({"name": {"zh": "园", "en": "x" * (MAX_TEXT_CHARS + 1)}}, "name.en",
     f"longer than {MAX_TEXT_CHARS} characters"),
    ({"kind": "castle"}, "kind", "'castle' is not one of park, "),
    ({"precision": "exact"}, "precision", "'exact' is not one of site, "),
    ({"elements": ["no-such-element"]}, "elements[0]",
     "unknown layout element id 'no-such-element'"),
    ({"elements": "core"}, "elements", "must be a list, got str"),
    ({"industries": ["Not A Slug"]}, "industries[0]", "'Not A Slug' is not a valid id"),
    ({"industries": ["no-such-industry"]}, "industries[0]",
     "unknown industry id 'no-such-industry'"),
    ({"prefecture": "530114"}, "prefecture",
     "'530114' is not a prefecture adcode (a county)"),
    ({"prefecture": "999999"}, "prefecture",
     "'999999' is not a prefecture adcode (not a known adcode)"),
    ({"county": "530100"}, "county", "'530100' is not a county adcode (a prefecture)"),
    ({"county": "53011"}, "county", "'53011' is not a 6-digit adcode"),
    ({"county": "532901"}, "county", "county 532901 is not in prefecture 530100"),
    ({"precision": "county", "county": None}, "county",
     "precision county needs a county adcode"),
    ({"precision": "unknown"}, "county", "precision unknown must not name a county"),
    ({"lon": 102.7, "lat": 25.0}, "lon/lat", "coordinates given but precision is 'county'"),
    ({"precision": "site", "lon": 102.9, "lat": 25.0}, "location_source",
     "precision site needs the coordinates' source"),
    ({"precision": "site", "lon": "102.7 E", "lat": 25.0, "location_source": "t"}, "lon",
     "must be a number, got '102.7 E'"),
    ({"precision": "site", "lon": 200, "lat": 25.0, "location_source": "t"}, "lon",
     "200 is outside -180..180"),
    ({"group": "Not A Slug"}, "group", "'Not A Slug' is not a lowercase ASCII slug"),
    ({"id": "Bad Id"}, "id", "'Bad Id' is not a lowercase ASCII slug"),
    ({"id": None}, "id", "is required"),
    ({"id": ["a", "list"]}, "id", "must be a string, got list"),
    ({"colour": "red"}, "colour",
     "unknown field (allowed: address, area, area_ha, area_source, citation, "),
    ({"citation": None}, "citation", "is required"),
    ({"citation": "layout"}, "citation", "must be a mapping with a section id"),
    ({"citation": {"section": "nowhere"}}, "citation.section", "unknown section id 'nowhere'"),
    ({"citation": {"section": "layout", "paragraph": 0}}, "citation.paragraph",
     "must be a positive integer, got 0"),
]


@pytest.mark.parametrize("change, field, message", PARK_RULES,
                         ids=[f"{f}:{m[:30]}" for _, f, m in PARK_RULES])
def test_each_park_rule_is_refused_with_its_field(dataset, change, field, message):
    raw = _seed("parks")
    assert raw["prefecture"] == "530100" and raw["precision"] == "county"
    raw.update(change)
    raw = {k: v for k, v in raw.items() if v is not None}
    found = _fields(dataset, "parks", raw, replaces=_seed("parks")["id"])
    assert _has(found, field, message), found
    record, problems = check_record(dataset, "parks", raw, replaces=_seed("parks")["id"])
    assert record is None and problems


def test_a_point_inside_its_county_is_accepted_and_one_outside_refused(dataset):
    raw = dict(_seed("parks"), id="located", prefecture="530100", county="530114",
               precision="site", location_source="test")
    record, problems = check_record(dataset, "parks", dict(raw, lon=102.86, lat=24.88))
    assert problems == [] and record.point == (102.86, 24.88) and record.point_source == "seed"
    found = _messages(dataset, "parks", dict(raw, lon=100.2676, lat=25.6065))  # Dali old town
    assert found == ["parks.yaml: located: lon/lat: point (100.2676, 25.6065) is outside its "
                     "declared county 530114 (呈贡区)"]


OTHER_RULES = [
    ("sites", {"kind": "castle"}, "kind", "'castle' is not one of park, high-tech-zone"),
    ("enterprises", {"role": "boss"}, "role", "'boss' is not one of backbone, to-introduce"),
    ("enterprises", {"parks": ["no-such-park"]}, "parks[0]",
     "unknown park or site id 'no-such-park'"),
    ("enterprises", {"elements": ["no-such-element"]}, "elements[0]",
     "unknown layout element id 'no-such-element'"),
    ("targets", {"year": 1800}, "year", "1800 is not a plausible year"),
    ("targets", {"value": "four thousand"}, "value", "must be a number, got 'four thousand'"),
    ("targets", {"comparator": "range", "value_max": None}, "value_max", "a range needs value_max"),
    ("targets", {"value": 10, "value_max": 5}, "value_max", "5 is below value 10"),
    ("targets", {"related": ["no-such-target"]}, "related[0]",
     "unknown target id 'no-such-target'"),
    ("targets", {"period": {"start": "2021"}}, "period",
     "must be a mapping with integer start and end years"),
    ("targets", {"unit": None}, "unit", "is required"),
    ("industries", {"name": None}, "name", "is required"),
    ("industries", {"note": {"zh": "x"}}, "note", "must be a mapping with exactly the keys"),
    ("commitments", {"kind": "wish"}, "kind", "'wish' is not one of goal, structure"),
    ("commitments", {"industries": ["nope"]}, "industries[0]", "unknown industry id 'nope'"),
    ("sections", {"heading": None}, "heading", "is required"),
    ("layout-elements", {"kind": "ring"}, "kind", "'ring' is not one of core, zone"),
    ("layout-elements", {"prefectures": ["999999"]}, "prefectures[0]",
     "'999999' is not a prefecture adcode (not a known adcode)"),
    ("layout-elements", {"prefectures": []}, "prefectures", "a core needs at least one prefecture"),
    ("layout-elements", {"counties": [{"adcode": "530100", "extent": "whole"}]},
     "counties[0].adcode", "'530100' is not a county adcode"),
    ("layout-elements", {"counties": [{"adcode": "530181", "extent": "approximate"}]},
     "note", "is required"),
    ("layout-elements", {"short": None}, "short", "is required"),
    ("element-kinds", {"id": "star"}, "id", "'star' is not one of core, zone, cluster"),
    ("element-kinds", {"colours": ["#D55E0"]}, "colours[0]", "'#D55E0' is not a colour #RRGGBB"),
    ("element-kinds", {"colours": []}, "colours", "needs at least one colour"),
    ("element-kinds", {"colours": "#D55E00"}, "colours", "must be a list, got str"),
    ("element-kinds", {"name": None}, "name", "is required"),
]


@pytest.mark.parametrize("collection, change, field, message", OTHER_RULES,
                         ids=[f"{c}-{f}:{m[:25]}" for c, _, f, m in OTHER_RULES])
def test_each_rule_of_the_other_collections(dataset, collection, change, field, message):
    raw = _seed(collection)
    replaces = raw["id"]
    raw.update(change)
    raw = {k: v for k, v in raw.items() if v is not None}
    found = _fields(dataset, collection, raw, replaces=replaces)
    assert _has(found, field, message), found


def test_an_element_of_a_kind_not_listed_is_refused(dataset):
    fewer = dataclasses.replace(dataset, kinds=tuple(k for k in dataset.kinds
                                                     if k.id != "point-group"))
    raw = next(_seed("layout-elements", i) for i in range(len(dataset.elements))
               if _seed("layout-elements", i)["kind"] == "point-group")
    assert _fields(fewer, "layout-elements", raw, replaces=raw["id"]) == {
        "kind": "'point-group' is not listed under kinds"}
    assert _fields(dataset, "layout-elements", raw, replaces=raw["id"]) == {}


def test_the_plan_record(dataset):
    doc = yaml.safe_load((paths.default_seeds_dir() / "plan.yaml").read_text(encoding="utf-8"))
    plan, problems = check_record(dataset, "plan", doc["plan"])
    assert problems == [] and plan == dataset.plan
    raw = dict(doc["plan"], map_title={"zh": "只有中文"})
    del raw["formula"]
    assert _fields(dataset, "plan", raw) == {
        "map_title": "must be a mapping with exactly the keys zh and en",
        "formula": "is required"}


def test_hostile_strings(dataset):
    raw = dict(_seed("parks"), id="hostile", name={"zh": HTML, "en": HTML + " \u202e😀"},
               note={"zh": "注" * MAX_TEXT_CHARS, "en": "n" * MAX_TEXT_CHARS})
    record, problems = check_record(dataset, "parks", raw)
    assert problems == []
    assert record.name.zh == HTML  # text is stored as given; escaping is the renderer's job
    huge = "x" * 1_000_000
    for change, field in (({"id": huge}, "id"), ({"id": HTML * 1000}, "id"),
                          ({"kind": huge}, "kind"), ({"industries": [huge]}, "industries[0]"),
                          ({"elements": [HTML * 1000]}, "elements[0]"),
                          ({"citation": {"section": huge}}, "citation.section"),
                          ({"name": {"zh": huge, "en": "x"}}, "name.zh")):
        problems = validate_record(dataset, "parks", dict(raw, **change))
        assert [p.field for p in problems] == [field], problems
        assert all(len(str(p)) < 1000 for p in problems), field  # no megabyte messages
    assert _fields(dataset, "parks", dict(raw, id="a" * (MAX_ID_CHARS + 1))) == {
        "id": f"longer than {MAX_ID_CHARS} characters"}
    assert _fields(dataset, "parks", "<b>not a mapping</b>")["(record)"] == (
        "must be a mapping, got str")
    assert _fields(dataset, "parks", {"name": {"zh": ["list"], "en": {"a": 1}}})["name.zh"] == (
        "must be a non-empty string")


def test_unknown_collection_and_missing_replacement(dataset):
    with pytest.raises(ValueError, match="unknown collection 'castles'"):
        validate_record(dataset, "castles", {})
    with pytest.raises(LookupError, match="no parks record 'nowhere' to replace"):
        validate_record(dataset, "parks", _seed("parks"), replaces="nowhere")


@pytest.mark.parametrize("file, key, index, collection, change", [
    ("parks.yaml", "parks", 0, "parks",
     {"prefecture": "530100", "county": "530114", "precision": "site", "lon": 100.2676,
      "lat": 25.6065, "location_source": "test", "kind": "fort", "bogus": 1}),
    ("targets.yaml", "targets", 0, "targets",
     {"year": 1800, "related": ["no-such-target"], "citation": {"section": "x", "paragraph": 0}}),
    ("layout.yaml", "kinds", 2, "element-kinds", {"colours": ["red", "#009E73"], "note": "x"}),
])
def test_same_messages_as_the_full_load(dataset, seeds_copy, file, key, index, collection,
                                        change):
    folder, edit = seeds_copy
    edit(file, lambda doc: doc[key][index].update(change))
    raw = yaml.safe_load((folder / file).read_text(encoding="utf-8"))[key][index]
    single = _messages(dataset, collection, raw, replaces=raw["id"])
    full = [m for m in map(str, validate(folder)) if m.startswith(f"{file}: {raw['id']}: ")]
    assert len(single) >= 2 and single == full


def test_the_ids_cache_forgets_the_datasets_edits_replaced(dataset):
    """Every edit makes a dataset that shares its predecessor's ids (same_ids): the cache
    must not keep an entry for each one gone (it grew by one an edit)."""
    import gc

    from geo_layout.data import seed_single

    seed_single._known(dataset)
    chain = [dataset]
    for i in range(30):
        chain.append(dataclasses.replace(chain[-1], version=f"edit-{i}"))
        seed_single.same_ids(chain[-2], chain[-1])
    del chain[1:]  # the edits' datasets, replaced and gone
    gc.collect()
    last = dataclasses.replace(dataset, version="edit-last")
    seed_single.same_ids(dataset, last)
    assert all(ref() is not None for ref, _ in seed_single._KNOWN.values())
    assert seed_single._known(last) is seed_single._known(dataset)  # shared, not rebuilt
