"""The editor's form from the field dictionary (web/edit_form.py) and the problems said in
the page's language (web/edit_problems.py)."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from geo_layout.web import edit_form
from geo_layout.web.edit_problems import said


def test_a_place_form_has_its_fields_but_not_the_derived_ones(store):
    names = [c.name for c in edit_form.controls(store, "parks", "en", new=False)]
    assert names[:3] == ["name_zh", "name_en", "kind"]
    assert {"area_ha", "contact_phone", "facts_source", "precision"} <= set(names)
    assert not {"id", "areas", "point_source", "land_available", "enterprises", "lon",
                "lat"} & set(names)
    assert "id" in [c.name for c in edit_form.controls(store, "parks", "en", new=True)]


def test_widgets_follow_the_dictionary(store):
    widgets = {c.name: c.widget for c in edit_form.controls(store, "parks", "zh", new=True)}
    assert (widgets["kind"], widgets["elements"], widgets["area_ha"], widgets["note_zh"]) == (
        "select", "checks", "number", "textarea")
    counties = {c.name: c for c in edit_form.controls(store, "layout-elements", "en",
                                                      new=False)}["counties"]
    assert counties.widget == "json"


def test_read_keeps_what_is_not_a_number_for_the_validator(store):
    items = edit_form.controls(store, "parks", "en", new=True)
    form = MultiDict([("area_ha", "12,5"), ("land_available_ha", "lots"),
                      ("elements", "core"), ("elements", "zone"), ("note_en", "  "),
                      ("citation_paragraph", "3")])
    props = edit_form.read(form, items)
    assert props["area_ha"] == 12.5
    assert props["land_available_ha"] == "lots"
    assert props["elements"] == ["core", "zone"]
    assert props["note_en"] is None and props["citation_paragraph"] == 3


@pytest.mark.parametrize("field, control", [
    ("name.zh", "name_zh"), ("contact.office.en", "contact_office_en"),
    ("contact.phone", "contact_phone"), ("elements[2]", "elements"), ("lon/lat", "point"),
    ("citation.section", "citation_section"), ("citation", "citation_section"),
    ("name", "name_zh"), ("(record)", ""),
])
def test_a_problem_goes_next_to_its_control(store, field, control):
    names = {c.name for c in edit_form.controls(store, "parks", "en", new=True)}
    assert edit_form.control_of(field, names) == control


@pytest.mark.parametrize("message, zh", [
    ("is required", "必填"),
    ("must be a number, got 'x'", "应为数字，收到的是 'x'"),
    ("'x' is not a lowercase ASCII slug", "'x' 不是编号（小写英文字母、数字和连字符）"),
    ("point (1, 2) is outside its declared county 530111 (官渡区)",
     "点（1，2）不在所填的行政区 530111（官渡区）内"),
    ("unknown layout element id 'nope'", "未知的编号 'nope'（layout element）"),
    ("precision prefecture must not name a county (use precision county)",
     "定位精度为州市时不能填写县区"),
    ("renaming 'a' would leave the references of parks/b to it dangling",
     "改名 'a' 会使 parks/b 对它的引用失效"),
])
def test_the_validators_messages_are_said_in_chinese(message, zh):
    assert said(message, "zh") == {"text": zh, "detail": None}
    assert said(message, "en") == {"text": message, "detail": None}


def test_a_message_of_unknown_shape_keeps_its_english_detail():
    got = said("something new", "zh")
    assert got == {"text": "填写有误", "detail": "something new"}