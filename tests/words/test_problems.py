"""The validator's messages said in Chinese (words/problems.py): every message an import's
dry run meets for a bad row has Chinese words, and English stays as the validator wrote it."""

from __future__ import annotations

import csv
import io

import pytest

from geo_layout.data.db_store import Database
from geo_layout.data.import_read import read_table
from geo_layout.data.imports import Mapping, dry_run
from geo_layout.words.problems import PATTERNS, problem_text

HEADER = ["id", "name_zh", "name_en", "kind", "elements", "prefecture", "county", "precision",
          "location_source", "industries", "citation_section", "citation_paragraph", "lon",
          "lat", "status", "status_since", "contact_phone", "contact_website", "area_ha",
          "land_available_ha", "facts_source"]
GOOD = ["imp-w-a", "词园", "Words Park", "park", "core", "530100", "530111", "site",
        "survey 2026", "digital-economy", "layout", 2, 102.75, 25.02, None, None, None, None, None,
        None, None]


def bad(i, **change):
    values = {**dict(zip(HEADER, GOOD)), "id": f"imp-w-{i}", "name_en": f"Words Park {i}",
              "name_zh": f"词园{i}", **change}
    return [values[h] for h in HEADER]


ROWS = [bad(1, name_zh=""), bad(2, kind="castle"), bad(3, industries="no-such"),
        bad(4, citation_paragraph="two"), bad(5, lon=80.1, lat=40.1), bad(6, id="Not A Slug"),
        bad(7, county="123"), bad(8, precision="site", location_source=""),
        bad(9, status="operating", status_since="soon", facts_source="survey 2026"),
        bad(10, contact_phone="call me", facts_source="survey 2026"),
        bad(11, contact_website="example", facts_source="survey 2026"),
        bad(12, area_ha=-3, facts_source="survey 2026"),
        bad(13, area_ha=5, land_available_ha=9, facts_source="survey 2026"),
        bad(14, area_ha=5)]


@pytest.fixture()
def store(db_url):
    database = Database(db_url)
    return database.link(database.plan_ids()[0]).load()


def test_every_problem_of_a_bad_row_is_said_in_chinese(store):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(["" if v is None else v for v in r] for r in ROWS)
    table = read_table(out.getvalue().encode(), "parks.csv")
    mapping = Mapping.guess(table, "parks")
    en = dry_run(store, "parks", table, mapping, lang="en")
    zh = dry_run(store, "parks", table, mapping, lang="zh")
    assert en.bad_rows == zh.bad_rows == list(range(2, 16))
    said = {(i.row, i.column): i.message for i in zh.problems}
    for issue in en.problems:
        chinese = said[(issue.row, issue.column)]
        assert chinese != issue.message, issue  # translated
        assert any("\u4e00" <= c <= "\u9fff" for c in chinese), chinese


def test_english_is_kept_and_an_unknown_shape_stays():
    assert problem_text("is required", "en") == "is required"
    assert problem_text("is required", "zh") == "必填"
    assert problem_text("something new happened", "zh") == "something new happened"
    assert problem_text("'x' is not one of a, b", "zh") == "'x' 不是以下之一：a, b"
    assert len({name for name, _ in PATTERNS}) == len(PATTERNS)


def test_a_precision_is_said_by_its_label_not_its_code():
    """A person reads "具体地点", not the model's word "site"; a missing plan section is said."""
    assert problem_text("precision site needs the coordinates' source", "zh") == \
        "位置精度为“具体地点”时须填写坐标来源"
    assert problem_text("coordinates given but precision is 'county': use site or street or "
                        "town, or drop them", "zh") == \
        "给出了坐标，但位置精度为“县市区”：请改用具体地点、街道地址、乡镇，或删去坐标"
    assert problem_text("must be a mapping with a section id", "zh") == "须选择规划出处（章节）"
    assert problem_text("'castle' is not one of park, town", "zh") == "'castle' 不是以下之一：park, town"
