"""The seeds say exactly what the plan says: approximate geometry is marked and explained, and
no text speaks of how the project was made or cites a section by its raw id."""

from __future__ import annotations

import re

import pytest
import yaml

from geo_layout.data import paths
from geo_layout.data.seeds import load_dataset


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def _strings(node, where=""):
    """Every string value in a YAML document, with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, f"{where}[{i}]")
    elif isinstance(node, str):
        yield where, node


def _seed_strings():
    for path in sorted(paths.default_seeds_dir().glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for where, text in _strings(doc):
            yield f"{path.name}{where}", text


@pytest.mark.parametrize("element_id, counties", [
    ("zone", {"530181", "530127", "530111"}),
    ("point-ruili", {"533102"}),
    ("point-shuifu", {"530681"}),
])
def test_zone_and_points_are_approximate_with_a_note(dataset, element_id, counties):
    element = next(e for e in dataset.elements if e.id == element_id)
    assert {part.adcode for part in element.counties} == counties
    for part in element.counties:
        assert part.extent == "approximate", part.adcode
        assert part.note is not None and part.note.zh and part.note.en, part.adcode
    assert element.approximate


def test_zone_note_gives_the_approved_area_and_its_source(dataset):
    zone = next(e for e in dataset.elements if e.id == "zone")
    for text in (zone.note.zh, zone.note.en):
        assert "482" in text and "国函〔2015〕141号" in text
    assert "部分区域" in zone.note.zh and "parts of" in zone.note.en


def test_pilot_zones_note_names_the_zone_the_plan_names(dataset):
    group = next(e for e in dataset.elements if e.id == "point-pilot-zones")
    assert "德宏瑞丽对外开放先行试验区" in group.note.zh
    assert "does not name these" not in group.note.en


SLUG_CITATION = re.compile(r"section\s+[a-z0-9]+(?:-[a-z0-9]+)+", re.IGNORECASE)
MAKING_OF = re.compile(r"\bissues?\b|issue tracker|议题|工单", re.IGNORECASE)


def test_no_seed_text_speaks_of_the_project_or_cites_a_raw_section_id():
    texts = list(_seed_strings())
    assert len(texts) > 500  # the walk reaches the records
    making_of = [(w, t) for w, t in texts if MAKING_OF.search(t)]
    slugs = [(w, t) for w, t in texts if SLUG_CITATION.search(t)]
    assert making_of == [] and slugs == []


def test_the_checks_have_teeth():
    assert MAKING_OF.search("as agreed in the issue tracker")
    assert MAKING_OF.search("图形按议题约定")
    assert SLUG_CITATION.search("section xinchuang-park, paragraph 5")
    assert not SLUG_CITATION.search('section "One core, one zone", paragraph 5')
    assert not MAKING_OF.search("Yunnan Provincial Department (issuer)")


def test_no_note_names_a_section_by_its_id(dataset):
    ids = {s.id for s in dataset.sections}
    notes = [e.note for e in dataset.elements] + [p.note for p in (*dataset.parks, *dataset.sites)]
    notes += [i.note for i in dataset.industries] + [c.note for c in dataset.commitments]
    for note in filter(None, notes):
        assert not any(re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", note.en)
                       for i in ids if "-" in i), note.en


def test_role_texts_cite_the_paragraphs_that_state_them(dataset):
    by_id = {e.id: e for e in dataset.elements}
    assert by_id["core"].citation.as_dict() == {"section": "overview", "paragraph": 1}
    assert by_id["zone"].citation.as_dict() == {"section": "semiconductor-cluster",
                                                "paragraph": 5}


def test_records_the_plan_has_and_its_wording(dataset):
    industries = {i.id: i for i in dataset.industries}
    software = industries["urban-integrated-management-software"]
    assert software.name.zh == "城市综合管理软件"
    assert software.citation.as_dict() == {"section": "xinchuang-park", "paragraph": 4}
    assert "智慧城市台" in industries["smart-city"].note.zh
    assert industries["satellite-chips-and-boards"].name.zh == "卫星芯片、板卡"
    sites = {s.id: s for s in dataset.sites}
    base = sites["southwest-optoelectronics-manufacturing-base"]
    assert base.name.zh.startswith("我国西南地区") and "面向" not in base.note.zh
    ksec = next(e for e in dataset.enterprises if e.id == "ksec-intelligent")
    assert ksec.name.en == "KSEC Intelligent Technology"
    for park in dataset.parks:
        if park.group == "yunnan-xinchuang-park":
            assert "示范区" in park.note.zh and "demonstration zone" in park.note.en


def test_goals_without_a_figure_are_recorded(dataset):
    commitments = {c.id: c for c in dataset.commitments}
    assert set(commitments) == {"global-leadership", "domestic-leadership",
                                "key-technology-breakthroughs", "six-five-nine-path"}
    assert commitments["global-leadership"].industries == (
        "infrared-technology", "micro-display", "germanium-wafers", "gallium-arsenide-wafers",
        "indium-phosphide-wafers")
    for cid in ("global-leadership", "domestic-leadership", "key-technology-breakthroughs"):
        assert commitments[cid].kind == "goal"
        assert commitments[cid].citation.as_dict() == {"section": "semiconductor-cluster",
                                                       "paragraph": 4}
    path = commitments["six-five-nine-path"]
    assert path.kind == "structure" and "六大任务" in path.name.zh and "九大工程" in path.name.zh
    assert path.citation.as_dict() == {"section": "xinchuang-park", "paragraph": 1}
