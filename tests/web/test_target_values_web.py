"""Target values on the web: read by everyone through the data API and the OGC API, added by
an editor through the form (which starts with the target the link names), imported from a
spreadsheet, and refused to everyone else."""

from __future__ import annotations

import csv
import io

import pytest

from geo_layout.app import create_app
from geo_layout.data.accounts import Accounts
from web.test_editor import CHEAP, PASSWORD, PLAN, form_of, sign_in  # tests/web: a package

REVENUE = "information-industry-revenue-2025"


@pytest.fixture()
def editing(db_url):
    app = create_app({"TESTING": True, "DATABASE_URL": db_url, "FOLLOW_INTERVAL": 0,
                      "WRITES_PER_MINUTE": 1000})
    Accounts(app.extensions["geo_layout.database"].engine, hasher=CHEAP).add_user(
        "ed", PASSWORD, "editor", [PLAN])
    return app


def test_values_are_read_through_both_apis(progress_client):
    page = progress_client.get(f"/api/target-values?target={REVENUE}").get_json()
    assert [(v["year"], v["value"]) for v in page["items"]] == [(2021, 2000), (2022, 2300),
                                                               (2023, 2500)]
    ogc = progress_client.get("/ogc/collections/target-values/items?year=2022").get_json()
    assert {f["id"] for f in ogc["features"]} == {"info-revenue-2022", "software-revenue-2022",
                                                  "stations-2022"}
    assert all(f["geometry"] is None for f in ogc["features"])
    bad = progress_client.get("/api/target-values?target=nope")
    assert bad.status_code == 400 and "nope" in bad.get_json()["description"]


def test_an_editor_adds_a_value_from_the_form_the_target_link_opens(editing):
    client = sign_in(editing)
    page = client.get(f"/new/target-values?target={REVENUE}")
    form = form_of(page)
    assert form["target"] == REVENUE
    form.update({"id": "revenue-2022", "value": "2300", "year": "2022",
                 "value_source": "统计年鉴 2023", "source_kind": "notice",
                 "source_reference": "统计年鉴 2023"})
    saved = client.post("/new/target-values", data=form)
    assert saved.status_code == 303
    # back to its target's row of the progress page, which shows it
    assert saved.headers["Location"].startswith("/progress?lang=zh&saved=")
    assert saved.headers["Location"].endswith(f"#progress-{REVENUE}")
    row = client.get(saved.headers["Location"]).text
    assert 'id="progress-' + REVENUE in row and "统计年鉴 2023" in row
    value = client.get("/api/target-values/revenue-2022").get_json()
    assert (value["date"], value["value_source"], value["unit_zh"]) == (
        "2022-12-31", "统计年鉴 2023", "亿元")
    [rev] = editing.extensions["geo_layout"].store.history(collection="target-values")
    assert (rev.author, rev.source["reference"]) == ("ed", "统计年鉴 2023")


def test_a_value_given_both_a_year_and_another_date_is_refused_by_the_form(editing):
    client = sign_in(editing)
    form = form_of(client.get(f"/new/target-values?target={REVENUE}"))
    form.update({"id": "revenue-x", "value": "1", "year": "2022", "date": "2021-06-30",
                 "value_source": "x", "source_kind": "notice", "source_reference": "x"})
    refused = client.post("/new/target-values", data=form)
    assert refused.status_code == 400
    assert "not both" in refused.text
    assert client.get("/api/target-values/revenue-x").status_code == 404


def test_a_signed_out_write_is_refused(editing):
    client = editing.test_client()
    assert client.post("/new/target-values", data={"value": "1"}).status_code == 401
    feature = {"type": "Feature", "geometry": None,
               "properties": {"id": "v", "target": REVENUE, "value": 1, "year": 2022,
                              "value_source": "x"}}
    assert client.post("/ogc/collections/target-values/items", json=feature).status_code == 401


def test_values_import_from_a_spreadsheet_with_ids_made_for_them(editing):
    from geo_layout.data.import_read import read_table
    from geo_layout.data.imports import Mapping, apply, dry_run
    from geo_layout.data.provenance import parse_source

    rows = [["target", "year", "value", "value_source"],
            [REVENUE, "2021", "2000", "统计年鉴 2022"],
            [REVENUE, "2022", "2300", "统计年鉴 2023"]]
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    table = read_table(text.getvalue().encode("utf-8"), "values.csv")
    store = editing.extensions["geo_layout"].store
    mapping = Mapping.guess(table, "target-values")
    check = dry_run(store, "target-values", table, mapping)
    assert check.ok, check.lines("en")
    done = apply(store, "target-values", table, mapping, author="ed",
                 source=parse_source("import: values.csv"))
    values = done.store.query("target-values").features
    assert [f.id for f in values] == [f"{REVENUE}-2021", f"{REVENUE}-2022"]
