"""Several plans in one service (web/plans.py): every route of each plan, alone and served
together, answers from that plan only, and every internal link keeps the plan's prefix."""

from __future__ import annotations

import json
import re

import pytest

from geo_layout.app import create_app
from plan_terms import TOY_PLAN, forbidden_terms, terms_pattern

TOY_ID = "toy-ningxia-test-plan"
YUNNAN_ID = "yunnan-14th-fyp-information-industry"
#: Links that are shared by every plan (static files, map assets, tiles) or lead between plans.
SHARED = re.compile(r"^/(static|assets|tiles)/|^/plans(\?|$)")
_LINK = re.compile(r'(?:href|src|action)="(/[^"]*)"')
_SWITCHER = re.compile(r'<details class="plan-switch">.*?</details>', re.S)


def battery(store) -> list[str]:
    """A path of every kind the service answers, for ``store``'s plan."""
    def first(collection):
        return store.query(collection, limit=1).features[0].id

    located = next(f.id for f in store.query("parks").features if f.geometry() is not None)
    paths = ["/", "/maps/layout", "/maps/parks", "/maps/sites", "/parks", "/targets", "/data",
             f"/elements/{first('layout-elements')}", f"/prefectures/{first('prefectures')}",
             f"/parks/{located}", f"/parks/{first('sites')}",
             "/embed/maps/layout", f"/embed/parks/{located}",
             "/export/maps/layout.svg", f"/export/parks/{located}.svg",
             "/api", "/api/parks", f"/api/parks/{located}", "/api/search?q=园区",
             "/api/clusters/sites?zoom=6", "/ogc", "/ogc?f=html", "/ogc/collections",
             "/ogc/collections/parks/items", f"/ogc/collections/parks/items/{located}",
             "/ogc/api", "/downloads/parks.geojson", "/downloads/counties.csv", "/healthz"]
    return [p if p.startswith("/api/clusters") else p + ("&" if "?" in p else "?") + "lang=" + lang
            for p in paths for lang in ("zh", "en")]


def _text(response) -> str:
    """The body without what names the other plans on purpose: the plan switcher, and the
    OGC landing page's links to their landing pages."""
    body = _SWITCHER.sub("", response.get_data(as_text=True))
    if response.is_json and "links" in (response.get_json() or {}):
        data = response.get_json()
        data["links"] = [link for link in data["links"] if link.get("rel") != "related"]
        body = json.dumps(data, ensure_ascii=False)
    return re.sub(r'<section class="other-plans">.*?</section>', "", body, flags=re.S)


def _check_plan(client, prefix, store, other_store):
    """Every path of ``store``'s battery under ``prefix``: 200, nothing of ``other_store``'s
    plan in it, and every internal link under the prefix."""
    other = terms_pattern(forbidden_terms(other_store))
    mine = store.plan().title.zh
    for path in battery(store):
        r = client.get(prefix + path)
        assert r.status_code == 200, (prefix + path, r.status_code, r.get_data()[:300])
        body = _text(r)
        leaked = other.findall(body)
        assert leaked == [], (prefix + path, leaked[:5])
        if r.content_type.startswith("text/html") and not path.startswith("/export"):
            links = [u for u in _LINK.findall(body) if not SHARED.match(u)]
            wrong = [u for u in links if not u.startswith(prefix + "/")]
            assert wrong == [], (prefix + path, wrong[:5])
        if path.startswith("/?") and "lang=zh" in path:
            assert mine in body


@pytest.fixture(scope="module")
def toy_alone():
    return create_app({"TESTING": True, "DATA": str(TOY_PLAN)})


def test_the_toy_plan_alone_at_the_root(toy_alone, store, toy_store):
    _check_plan(toy_alone.test_client(), "", toy_store, store)


def test_both_plans_served_together(two_plans_app, store, toy_store):
    client = two_plans_app.test_client()
    _check_plan(client, f"/plans/{TOY_ID}", toy_store, store)
    _check_plan(client, "", store, toy_store)


def test_the_default_plan_also_under_its_own_prefix(two_plans_app, store):
    client = two_plans_app.test_client()
    root = client.get("/parks?lang=en").get_data(as_text=True)
    prefixed = client.get(f"/plans/{YUNNAN_ID}/parks?lang=en").get_data(as_text=True)
    assert store.plan().title.en in prefixed
    assert len(_LINK.findall(root)) == len(_LINK.findall(prefixed))


def test_plans_index_lists_both(two_plans_app):
    client = two_plans_app.test_client()
    data = client.get("/plans?f=json").get_json()
    assert [p["id"] for p in data["plans"]] == [YUNNAN_ID, TOY_ID]
    assert [p["default"] for p in data["plans"]] == [True, False]
    assert data["plans"][1]["url"] == f"/plans/{TOY_ID}/?lang=zh"
    html = client.get("/plans?lang=en").get_data(as_text=True)
    assert "Ningxia test plan (fictional, for tests only)" in html
    assert f'href="/plans/{TOY_ID}/ogc"' in html


def test_the_switcher_shows_only_with_several_plans(two_plans_app, app):
    together = two_plans_app.test_client().get(f"/plans/{TOY_ID}/?lang=en").get_data(as_text=True)
    switcher = _SWITCHER.search(together).group(0)
    assert f'href="/plans/{TOY_ID}/?lang=en" aria-current="true"' in switcher
    assert 'href="/?lang=en"' in switcher
    alone = app.test_client().get("/?lang=en").get_data(as_text=True)
    assert 'class="plan-switch"' not in alone


def test_an_unknown_plan_is_a_404_naming_the_plans(two_plans_app):
    r = two_plans_app.test_client().get("/plans/no-such-plan/parks", headers={"Accept":
                                                                             "application/json"})
    assert r.status_code == 404
    assert "no-such-plan" in r.get_data(as_text=True) and TOY_ID in r.get_data(as_text=True)


def test_search_across_plans_names_each_hits_plan(two_plans_app):
    client = two_plans_app.test_client()
    one = client.get("/api/search?q=银川测试园区").get_json()
    assert one["results"] == [] or all("plan" not in r for r in one["results"])
    every = client.get("/api/search?q=银川测试园区&plans=all").get_json()
    toy_hits = [r for r in every["results"] if r["plan"] == TOY_ID]
    assert toy_hits and toy_hits[0]["id"] == "toy-yinchuan-test-park"
    assert toy_hits[0]["plan_title"] == "宁夏测试规划（虚构，仅供测试）"
    assert toy_hits[0]["link"] == (f"http://localhost/plans/{TOY_ID}/api/parks/"
                                   "toy-yinchuan-test-park")
    park = client.get(toy_hits[0]["link"].replace("http://localhost", ""))
    assert park.status_code == 200 and park.get_json()["id"] == "toy-yinchuan-test-park"
    assert client.get("/api/search?q=x&plans=some").status_code == 400


def test_ogc_landing_pages_link_each_other(two_plans_app):
    client = two_plans_app.test_client()
    landing = client.get("/ogc?f=json").get_json()
    related = [link for link in landing["links"] if link["rel"] == "related"]
    assert [link["href"] for link in related] == [f"http://localhost/plans/{TOY_ID}/ogc"]
    toy = client.get(f"/plans/{TOY_ID}/ogc/collections/parks/items?f=json").get_json()
    assert {f["id"] for f in toy["features"]} == {"toy-yinchuan-test-park",
                                                  "toy-unlocated-test-park"}
    assert all(link["href"].startswith(f"http://localhost/plans/{TOY_ID}/ogc/")
               for link in toy["links"])


def test_etags_differ_between_plans(two_plans_app):
    client = two_plans_app.test_client()
    a = client.get("/api/parks").headers["ETag"]
    b = client.get(f"/plans/{TOY_ID}/api/parks").headers["ETag"]
    assert a != b


def test_health_names_each_plan(two_plans_app):
    client = two_plans_app.test_client()
    assert client.get("/healthz").get_json()["plan"] == YUNNAN_ID
    toy = client.get(f"/plans/{TOY_ID}/healthz").get_json()
    assert toy["plan"] == TOY_ID and toy["counts"]["parks"] == 2


def test_two_folders_with_one_plan_id_are_refused():
    from geo_layout.errors import DataError

    with pytest.raises(DataError, match=TOY_ID):
        create_app({"TESTING": True, "DATA": str(TOY_PLAN), "PLANS": [str(TOY_PLAN)]})


def test_the_map_scripts_ask_their_own_plans_api(two_plans_app):
    html = two_plans_app.test_client().get(f"/plans/{TOY_ID}/maps/layout").get_data(as_text=True)
    urls = set(re.findall(r'"url":\s*"([^"]+)"', html))
    assert urls and all(u.startswith(f"/plans/{TOY_ID}/api/") for u in urls), urls
    assert json.dumps(f"/plans/{TOY_ID}") in html or f"/plans/{TOY_ID}/parks/" in html


def test_the_directory_search_names_hits_in_other_plans(two_plans_app, app):
    client = two_plans_app.test_client()
    html = client.get("/parks?q=测试园区&lang=en").get_data(as_text=True)
    section = html[html.index('id="elsewhere-title"'):]
    section = section[:section.index("</section>")]
    assert "Found in the other plans" in section
    assert "Ningxia test plan (fictional, for tests only)" in section
    assert f'href="/plans/{TOY_ID}/parks/toy-yinchuan-test-park?lang=en"' in section
    alone = app.test_client().get("/parks?q=测试园区&lang=en").get_data(as_text=True)
    assert 'id="elsewhere-title"' not in alone


@pytest.mark.server
def test_gdal_and_owslib_read_each_plans_ogc_from_one_server(serve_cli):
    """Real GIS clients against `geo-layout serve --plan`: GDAL (pyogrio, OAPIF) and OWSLib
    read the toy plan's collections under its prefix, and the default plan's at /ogc."""
    import pyogrio
    from owslib.ogcapi.features import Features

    with serve_cli("--plan", str(TOY_PLAN)) as (base, process):
        toy = f"{base}/plans/{TOY_ID}/ogc"
        parks = pyogrio.read_dataframe(f"OAPIF:{toy}", layer="parks")
        assert len(parks) == 2
        counties = pyogrio.read_dataframe(f"OAPIF:{toy}", layer="counties")
        assert len(counties) == 22 and set(counties["prefecture"]) == {
            "640100", "640200", "640300", "640400", "640500"}
        default = pyogrio.read_dataframe(f"OAPIF:{base}/ogc", layer="parks")
        assert len(default) == 11
        api = Features(toy)
        assert {c["id"] for c in api.collections()["collections"]} >= {"parks", "counties"}
        items = api.collection_items("sites")
        assert {f["id"] for f in items["features"]} == {"toy-shizuishan-test-base",
                                                        "toy-shapotou-test-project"}
    assert f"plan {TOY_ID}" in process.output and f"at /plans/{TOY_ID}/" in process.output
