"""Search and filters find what the user means: names resolve to codes everywhere, a search
finds places by where they lie, element pages and the directory offer the places located in
an area beside the places the plan names, and every empty result says why and what to try."""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from urllib.parse import unquote

import pytest

SMART = "cluster-smart-terminals"
SMART_PREFECTURES = {"530400", "532500", "532600", "532900"}  # 玉溪、红河、大理、文山
SMART_ENTERPRISES = {"kunming-wingtech", "iflytek", "antvr-technology"}
SMART_PARKS = {"yunnan-xinchuang-industrial-park-yuxi", "yunnan-xinchuang-industrial-park-dali"}
KUNMING = "530100"
ZONE_PLACES = {"songming-guangdong-merchants-industrial-park-project",
               "guandu-digital-economy-industrial-park"}


def listed_ids(html: str) -> list[str]:
    return re.findall(r'<tr data-id="([^"]+)"', html)


def page(client, url: str) -> str:
    resp = client.get(url)
    assert resp.status_code == 200, (url, resp.get_data(as_text=True)[:300])
    return resp.get_data(as_text=True)


def kunming_places(store) -> set[str]:
    return {f.id for c in ("parks", "sites") for f in store.query(c).features
            if f.properties["prefecture"] == KUNMING}


# --- search ------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["q=智能终端", "q=smart+terminal&lang=en"])
def test_directory_search_for_the_cluster_finds_its_places_and_relations(client, query):
    html = page(client, "/parks?" + query)
    assert set(listed_ids(html)) == SMART_PARKS
    related = html.split('id="related-title"')[1].split("</section>")[0]
    assert f'/elements/{SMART}?lang=' in related
    assert f"/parks?lang={'en' if 'en' in query else 'zh'}&amp;area={SMART}" in related
    for code in SMART_PREFECTURES:
        assert f"/prefectures/{code}?lang=" in related, code
    for ent in SMART_ENTERPRISES:
        assert f"#enterprise-{ent}" in related, ent


def test_api_search_for_the_cluster_finds_element_prefectures_enterprises_places(client):
    body = client.get("/api/search?q=智能终端&limit=100").get_json()
    found = {(r["collection"], r["id"]) for r in body["results"]}
    assert ("layout-elements", SMART) in found
    assert {i for c, i in found if c == "prefectures"} == SMART_PREFECTURES
    assert SMART_ENTERPRISES <= {i for c, i in found if c == "enterprises"}
    assert SMART_PARKS <= {i for c, i in found if c == "parks"}
    assert body["results"][0]["id"] == SMART  # its name matches; the others by relation
    assert body["hint"] is None


def test_search_for_a_prefecture_finds_every_place_located_there_names_first(client, store):
    html = page(client, "/parks?q=昆明")
    assert set(listed_ids(html)) == kunming_places(store) and len(kunming_places(store)) == 7
    results = client.get("/api/search?q=昆明&limit=100").get_json()["results"]
    places = [r for r in results if r["collection"] in ("parks", "sites")]
    assert {r["id"] for r in places} == kunming_places(store)
    named = [r["score"] for r in places if "昆明" in r["name_zh"]]
    others = [r["score"] for r in places if "昆明" not in r["name_zh"]]
    assert named and others and min(named) > max(others)


def test_api_search_without_a_match_gives_a_hint(client):
    body = client.get("/api/search?q=qqqqqq").get_json()
    assert body["numberReturned"] == 0 and body["results"] == []
    assert "pinyin" in body["hint"] and "prefecture=<name>" in body["hint"]


# --- names resolve to codes ---------------------------------------------------------------

@pytest.mark.parametrize("name", ["昆明市", "昆明", "Kunming", "kunming", "KUNMING", "530100"])
def test_prefecture_names_resolve_everywhere(client, store, name):
    expected_parks = {f.id for f in store.query("parks", {"prefecture": KUNMING}).features}
    api = client.get("/api/parks", query_string={"prefecture": name}).get_json()
    assert {f["id"] for f in api["features"]} == expected_parks
    csv_text = client.get("/downloads/parks.csv", query_string={"prefecture": name}
                          ).get_data(as_text=True).lstrip("\ufeff")
    assert {row["id"] for row in csv.DictReader(io.StringIO(csv_text))} == expected_parks
    clusters = client.get("/api/clusters/parks", query_string={
        "prefecture": name, "zoom": "18", "bbox": "97,21,106,29.3"}).get_json()
    assert {f["id"] for f in clusters["features"]} == {
        f.id for f in store.query("parks", {"prefecture": KUNMING}).features
        if f.geometry() is not None}
    assert set(listed_ids(page(client, f"/parks?prefecture={name}"))) == kunming_places(store)
    html = page(client, f"/maps/parks?prefecture={name}")
    assert {m for m in re.findall(r'\{"id":"([a-z0-9-]+)","at":', html)} == {
        f.id for f in store.query("parks", {"prefecture": KUNMING}).features
        if f.geometry() is not None}


@pytest.mark.parametrize("url,parameter,listed", [
    ("/api/parks?prefecture=Atlantis", "prefecture", "530100 (昆明市 / Kunming)"),
    ("/downloads/parks.csv?prefecture=Atlantis", "prefecture", "530100 (昆明市 / Kunming)"),
    ("/api/clusters/parks?prefecture=Atlantis&zoom=6", "prefecture", "530100"),
    ("/api/parks?element=nowhere", "element", "zone (一区：滇中新区 / Zone: Central Yunnan New Area)"),
    ("/api/parks?industry=poetry", "industry", "smart-terminals (智能终端 / Smart terminals)"),
    ("/api/parks?kind=castle", "kind", "park, high-tech-zone"),
    ("/api/parks?element=两群", "element", f"{SMART} (两群：智能终端集群"),
])
def test_an_unknown_name_is_a_400_listing_the_valid_values(client, url, parameter, listed):
    resp = client.get(url)
    assert resp.status_code == 400
    description = resp.get_json()["description"]
    assert f"parameter '{parameter}'" in description and listed in description


@pytest.mark.parametrize("url", ["/parks?prefecture=Atlantis", "/maps/parks?prefecture=Atlantis",
                                 "/embed/maps/parks?element=nowhere",
                                 "/export/maps/parks.html?prefecture=Atlantis"])
def test_pages_reject_unknown_names_too(client, url):
    resp = client.get(url)
    assert resp.status_code == 400
    text = unescape(resp.get_data(as_text=True))
    assert "530100 (昆明市 / Kunming)" in text or "zone (一区" in text


def test_element_and_industry_names_resolve(client):
    by_id = client.get(f"/api/parks?area={SMART}").get_json()["numberMatched"]
    assert by_id == 2
    for name in ("智能终端", "两群：智能终端集群", "Cluster: Smart terminals", "smart terminals"):
        assert client.get("/api/parks", query_string={"area": name}).get_json()[
            "numberMatched"] == by_id, name
    ids = {f["id"] for f in client.get("/api/parks?industry=xinchuang").get_json()["features"]}
    for name in ("信创", "IT application innovation (Xinchuang)", "xinchuang", "XinChuang"):
        got = client.get("/api/parks", query_string={"industry": name}).get_json()
        assert {f["id"] for f in got["features"]} == ids, name


# --- located in the area, beside named by the plan ---------------------------------------

def test_element_filter_offers_the_places_located_in_the_area(client):
    html = page(client, f"/parks?element={SMART}")
    assert listed_ids(html) == []
    hint = unescape(html.split('class="empty-hint"')[1].split("</div>")[0])
    assert "规划没有把任何园区或项目基地列在这个布局要素之下。" in hint
    assert f"/parks?lang=zh&area={SMART}" in hint and "查看位于该区域内的园区与项目基地（2 个）" in hint
    assert set(listed_ids(page(client, f"/parks?area={SMART}"))) == SMART_PARKS
    # the form labels the two filters apart
    assert "布局要素（规划列出）" in html and "位于区域内" in html


def test_zone_page_shows_the_places_inside_it_labelled_as_such(client):
    html = page(client, "/elements/zone")
    named = html.split('id="places-named"')[1].split("</section>")[0]
    assert "规划列出的园区与项目" in named and "规划未列出" in named
    inside = html.split('id="places-inside"')[1].split("</section>")[0]
    assert "位于该区域内的园区与项目" in inside
    assert set(listed_ids(inside)) == ZONE_PLACES
    en = page(client, "/elements/zone?lang=en")
    assert "Places located in this area" in en and "Places the plan names" in en


# --- empty results say why ------------------------------------------------------------------

def test_an_empty_search_with_filters_offers_what_would_match(client):
    html = page(client, "/parks?q=昆明&element=zone")
    hint = unquote(unescape(html.split('class="empty-hint"')[1].split("</div>")[0]))
    assert "有与“昆明”相符的记录，但没有同时符合所选筛选条件的园区或项目基地。" in hint
    assert "/parks?lang=zh&q=昆明&area=zone" in hint  # the zone's places matching 昆明
    assert "不加筛选条件搜索（7 个）" in hint


def test_an_empty_places_map_says_why(client):
    html = page(client, "/maps/parks?prefecture=530100&kind=base&lang=en")
    assert "No park or project site on this map passes the filters." in html
    assert "without “Prefecture: Kunming”" in unescape(html)


# --- dropdowns in the plan's order, or by name ------------------------------------------------

def options(html: str, name: str) -> list[str]:
    select = html.split(f'name="{name}"')[1].split("</select>")[0]
    return [v for v in re.findall(r'<option value="([^"]*)"', select) if v]


def test_dropdowns_follow_the_plan_or_the_names(client, store):
    html = page(client, "/parks")
    assert options(html, "element")[:4] == ["core", "zone", "cluster-silicon", SMART]
    assert "point-pilot-zones" not in options(html, "area")  # no area to lie in
    from pypinyin import lazy_pinyin

    names = {i.id: i.name for i in store.dataset.industries}
    zh = [names[i].zh for i in options(html, "industry")]
    assert zh == sorted(zh, key=lambda n: " ".join(lazy_pinyin(n)).casefold())
    en = [names[i].en for i in options(page(client, "/parks?lang=en"), "industry")]
    assert en == sorted(en, key=str.casefold)


def test_a_page_with_a_bad_language_is_a_400(client):
    resp = client.get("/parks?lang=fr")
    assert resp.status_code == 400
    assert "lang" in unescape(resp.get_data(as_text=True)) and "zh, en" in unescape(
        resp.get_data(as_text=True))


def test_zone_popup_lists_the_places_inside_beside_the_named_ones(store):
    from geo_layout.maps.popups import Context, element_popup

    popup = element_popup(Context(store, "zh", ""), store.get("layout-elements", "zone"))
    named, inside = popup.split("规划列出的园区与项目基地</b>: ")[1].split("位于该区域内的园区与项目基地</b>: ")
    assert "<a " not in named  # the plan names none under the zone
    assert set(re.findall(r'href="/parks/([a-z0-9-]+)\?', inside)) == ZONE_PLACES


def test_a_long_list_of_valid_values_is_kept_whole(client, store):
    counties = [f.id for f in store.query("counties").features]
    description = client.get("/api/parks?county=Atlantis").get_json()["description"]
    assert len(counties) == 129 and all(code in description for code in counties)
    # an echo is still cut (the request's text is bounded, the data's list is not)
    long = client.get("/api/parks/" + "a" * 5000).get_json()["description"]
    assert len(long) <= 501
