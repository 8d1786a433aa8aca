"""/data (every link answers), /api (the index) and the lookups as collections."""

from __future__ import annotations

import re
from html import unescape

import pytest

from geo_layout.data.features import COLLECTIONS
from geo_layout.data.writers import columns, formats_for
from geo_layout.web.i18n import ENUMS, code_labels


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_link_of_the_data_page_answers_200(client, lang):
    resp = client.get(f"/data?lang={lang}")
    assert resp.status_code == 200
    text = resp.get_data(as_text=True)
    hrefs = {unescape(h) for h in re.findall(r'href="([^"#][^"]*)"', text)}
    for c in COLLECTIONS:  # every collection in every format, in the page's language
        for fmt in formats_for(c):
            assert f"/downloads/{c}.{fmt}?lang={lang}" in hrefs
    assert {"/api", "/ogc/api", f"/ogc?f=html&lang={lang}"} <= hrefs
    checked = 0
    for href in sorted(hrefs):
        if href.startswith("data:"):
            continue
        assert href.startswith("/"), href  # nothing from another origin
        answer = client.get(href)
        assert answer.status_code == 200, (href, answer.data[:200])
        checked += 1
    assert checked > 50


def test_the_dictionary_on_the_page_is_the_writers_columns(client, store):
    text = client.get("/data?lang=en").get_data(as_text=True)
    for c in COLLECTIONS:
        section = text.split(f'id="f-{c}"', 1)[1].split("</details>", 1)[0]
        keys = re.findall(r"<tr><td><code>([a-z_]+)</code>", section)
        assert keys == [col.key for col in columns(c)], c
    # every code list is labelled in both languages, and shown with its labels
    parks = text.split('id="f-parks"', 1)[1].split("</details>", 1)[0]
    assert "<code>high-tech-zone</code> High-tech zone" in parks
    assert "<code>unknown</code> Not located" in parks
    zh = client.get("/data").get_data(as_text=True)
    assert "<code>high-tech-zone</code> 高新区" in zh and "字段说明" in zh
    for codes in {col.field.codes for c in COLLECTIONS for col in columns(c)} - {None}:
        assert all(set(v) == {"zh", "en"} for v in code_labels(store)[codes].values()), codes
    # the element kinds are labelled as the plan calls them
    elements = text.split('id="f-layout-elements"', 1)[1].split("</details>", 1)[0]
    assert "<code>cluster</code> Two clusters" in elements


def test_model_codes_all_have_labels():
    from geo_layout.data import model

    for enum, values in (("kind", model.PLACE_KINDS), ("precision", model.PRECISIONS),
                         ("role", model.ENTERPRISE_ROLES), ("measure", model.TARGET_MEASURES),
                         ("comparator", model.COMPARATORS)):
        assert set(values) <= set(ENUMS[enum]), enum


@pytest.mark.parametrize("path", ["/", "/parks", "/targets", "/ogc?f=html"])
def test_nav_and_footer_link_to_the_data_page(client, path):
    text = client.get(path).get_data(as_text=True)
    assert text.count('href="/data?lang=zh"') >= 2  # the navigation and the footer
    assert 'href="/ogc?lang' not in text


def test_api_index(client):
    resp = client.get("/api")
    assert resp.status_code == 200 and resp.content_type == "application/json"
    body = resp.get_json()
    assert [c["id"] for c in body["collections"]] == list(COLLECTIONS)
    parks = body["collections"][COLLECTIONS.index("parks")]
    assert parks["api"] == "http://localhost/api/parks"
    assert parks["ogc"] == "http://localhost/ogc/collections/parks"
    assert parks["downloads"]["xlsx"] == "http://localhost/downloads/parks.xlsx"
    assert "prefecture" in parks["filters"] and parks["geometry"] is True
    assert body["endpoints"]["search"].startswith("http://localhost/api/search")
    assert set(body["endpoints"]["clusters"]) == {"parks", "sites"}
    rels = {link["rel"]: link["href"] for link in body["links"]}
    assert rels["service-desc"] == "http://localhost/ogc/api"
    assert rels["describedby"].startswith("http://localhost/data")
    for c in body["collections"]:  # every URL it gives answers
        for url in (c["api"], c["ogc"], *c["downloads"].values()):
            assert client.get(url.replace("http://localhost", "")).status_code == 200, url
    bad = client.get("/api?colection=parks")
    assert bad.status_code == 400 and "unknown query parameter" in bad.get_json()["description"]


def test_industries_collection_in_api_and_ogc(client, store):
    industries = {i.id: i for i in store.dataset.industries}
    body = client.get("/api/industries?limit=1000").get_json()
    assert body["numberMatched"] == len(industries) == 46
    item = client.get("/api/industries/software-it-services").get_json()
    assert item["name_en"] == "Software and information technology services"
    assert "chenggong-information-industry-park" in item["places"]
    of_core = client.get("/api/industries?element=core").get_json()["items"]
    assert of_core and all("core" in i["elements"] for i in of_core)
    assert len(of_core) < 46
    ogc = client.get("/ogc/collections/industries/items?f=json&limit=100").get_json()
    assert ogc["numberMatched"] == 46 and all(f["geometry"] is None for f in ogc["features"])
    assert client.get("/ogc/collections/industries?f=html").status_code == 200
    ids = [c["id"] for c in client.get("/ogc/collections?f=json").get_json()["collections"]]
    assert "industries" in ids and "sections" in ids
    sections = client.get("/api/sections").get_json()["items"]
    assert {s["id"] for s in sections} == {s.id for s in store.dataset.sections}
