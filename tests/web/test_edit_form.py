"""The editor's form from the field dictionary (web/edit_form.py) and the problems said in
the page's language (web/edit_problems.py)."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from geo_layout.web import edit_form
from geo_layout.web.edit_problems import KINDS, kind_of, said
from geo_layout.web.i18n import t
from geo_layout.words.problems import problem_text


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


@pytest.mark.parametrize("message, key", [
    ("is required", "editor.problem.required"),
    ("must be a number, got 'x'", "editor.problem.number"),
    ("'call' is not a phone number (digits, …)", "editor.problem.phone"),
    ("point (1, 2) is outside its declared county 530111 (官渡区)",
     "editor.problem.outside_unit"),
    ("unknown layout element id 'nope'", "editor.problem.unknown_ref"),
    ("'x' is not a lowercase ASCII slug", "editor.problem.slug"),
    ("something new", "editor.problem.invalid"),
])
def test_each_kind_of_problem_has_its_words(message, key):
    assert kind_of(message) == key
    zh = said(message, "zh")
    chinese = problem_text(message, "zh")
    if chinese != message:  # a shape words/problems knows: said whole, in Chinese
        assert zh == {"text": chinese, "detail": None}
    else:  # the general sentence, with the validator's English beside it
        assert zh == {"text": t(key, "zh"), "detail": message}
    assert said(message, "en") == {"text": message, "detail": None}


def test_every_kind_is_in_the_catalogue():
    from geo_layout.words import STRINGS

    assert all(key in STRINGS for _, key in KINDS)
