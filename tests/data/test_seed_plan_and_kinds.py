"""The plan as data: the plan's titles, formula, lead and description (plan.yaml) and the
layout's element kinds with their legend names and colours (layout.yaml kinds), validated like
every other field."""

from __future__ import annotations

import pytest

from geo_layout.data.model import ELEMENT_KINDS, ElementKind, Text
from geo_layout.data.seeds import load_dataset, validate


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def _messages(folder) -> list[str]:
    return [str(p) for p in validate(folder)]


def test_the_plan_texts_come_from_the_seeds(dataset):
    plan = dataset.plan
    assert plan.map_title == Text("云南省信息产业布局图", "Yunnan Information Industry Layout")
    assert plan.layout_title == Text(
        "云南省信息产业布局：一核、一区、两群、多点",
        "Yunnan information industry layout: one core, one zone, two clusters, multiple points")
    assert plan.formula == Text("一核、一区、两群、多点",
                                "One core, one zone, two clusters, multiple points")
    assert plan.intro == Text(
        "规划以昆明为核心、滇中新区为提升区，硅材料和智能终端两个产业集群，加上瑞丽、水富等多个"
        "开放产业载体。地图上点击区域或园区可查看详情。",
        "The plan centres the industry on Kunming (the core) and the Central Yunnan New Area "
        "(the zone), with a silicon-materials and a smart-terminals cluster, and several "
        "opening-up carriers such as Ruili and Shuifu. Click an area or a park on the map for "
        "details.")
    assert plan.description == Text(
        "云南省“十四五”信息产业发展规划的布局要素、园区、项目基地、企业、目标以及州市和县区边界。",
        "Layout elements, parks, sites, enterprises, targets and the prefecture and county "
        "boundaries of Yunnan's 14th Five-Year information-industry plan.")


def test_the_element_kinds_in_legend_order(dataset):
    assert dataset.kinds == (
        ElementKind("core", Text("一核", "One core"), ("#D55E00",)),
        ElementKind("zone", Text("一区", "One zone"), ("#CC79A7",)),
        ElementKind("cluster", Text("两群", "Two clusters"), ("#009E73", "#332288")),
        ElementKind("point", Text("多点", "Multiple points"), ("#F0E442",)),
        ElementKind("point-group", Text("多点", "Multiple points"), ("#F0E442",)),
    )
    assert {k.id for k in dataset.kinds} == set(ELEMENT_KINDS)
    assert {e.kind for e in dataset.elements} <= {k.id for k in dataset.kinds}


@pytest.mark.parametrize("field", ["map_title", "layout_title", "formula", "intro",
                                   "description"])
def test_each_plan_text_is_required(seeds_copy, field):
    folder, edit = seeds_copy
    edit("plan.yaml", lambda d: d["plan"].pop(field))
    assert _messages(folder) == [f"plan.yaml: plan: {field}: is required"]


def test_plan_texts_need_both_languages(seeds_copy):
    folder, edit = seeds_copy

    def change(doc):
        doc["plan"]["formula"] = "一核、一区、两群、多点"
        doc["plan"]["intro"] = {"zh": "导语", "en": ""}
        doc["plan"]["subtitle"] = {"zh": "副题", "en": "Subtitle"}

    edit("plan.yaml", change)
    messages = _messages(folder)
    assert messages[0].startswith("plan.yaml: plan: subtitle: unknown field (allowed: "
                                  "description, formula, id, intro, issued, issuer, "
                                  "layout_title, map_title, period, title)"), messages
    assert messages[1:] == [
        "plan.yaml: plan: formula: must be a mapping with exactly the keys zh and en",
        "plan.yaml: plan: intro.en: must be a non-empty string"]


def test_kinds_are_required(seeds_copy):
    folder, edit = seeds_copy
    edit("layout.yaml", lambda d: d.pop("kinds"))
    messages = _messages(folder)
    assert messages[0] == "layout.yaml: (file): kinds: is required (a list of records)"
    assert "layout.yaml: core: kind: 'core' is not listed under kinds" in messages


def test_bad_colours(seeds_copy):
    folder, edit = seeds_copy

    def change(doc):
        kinds = {k["id"]: k for k in doc["kinds"]}
        kinds["cluster"]["colours"] = ["#009E73", "#33228", "indigo"]
        kinds["zone"]["colours"] = []
        kinds["core"]["colours"] = "#D55E00"
        kinds["point"].pop("colours")

    edit("layout.yaml", change)
    messages = _messages(folder)
    for line in ("layout.yaml: cluster: colours[1]: '#33228' is not a colour #RRGGBB",
                 "layout.yaml: cluster: colours[2]: 'indigo' is not a colour #RRGGBB",
                 "layout.yaml: zone: colours: needs at least one colour",
                 "layout.yaml: core: colours: must be a list, got str",
                 "layout.yaml: point: colours: is required"):
        assert line in messages, messages


def test_unknown_duplicate_and_unlisted_kinds(seeds_copy):
    folder, edit = seeds_copy

    def change(doc):
        doc["kinds"] = [k for k in doc["kinds"] if k["id"] != "point-group"]
        doc["kinds"].append({"id": "ring", "name": {"zh": "环", "en": "Ring"},
                             "colours": ["#000000"]})
        doc["kinds"].append(dict(doc["kinds"][0]))
        doc["kinds"][1]["short"] = {"zh": "区", "en": "Zone"}

    edit("layout.yaml", change)
    messages = _messages(folder)
    for line in ("layout.yaml: ring: id: 'ring' is not one of core, zone, cluster, point, "
                 "point-group",
                 "layout.yaml: core: id: duplicate id 'core'",
                 "layout.yaml: point-pilot-zones: kind: 'point-group' is not listed under kinds"):
        assert line in messages, messages
    assert any(m.startswith("layout.yaml: zone: short: unknown field (allowed: colours, id, "
                            "name)") for m in messages), messages
