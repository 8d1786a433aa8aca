"""``?as_of=YYYY-MM-DD`` on the layout map (page, embed, exports), the data API and the OGC
API (web/as_of.py): a history made here at controlled times; the past view's note and its
link to today's; ETags that keep a day apart from today; bad days answered 400 naming the
problem; a seeds folder's service (no history: shown as it is, and said)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from geo_layout.app import create_app
from geo_layout.data import as_of, db_store
from geo_layout.data.provenance import parse_source

PARK = "guandu-digital-economy-industrial-park"
NEW = "as-of-view-park"
NEW_ZH = "往日视图测试园区"
NEW_EN = "As Of View Park"
SURVEY = parse_source("survey: field visit")
UTC = dt.timezone.utc


def plain(html: str) -> str:
    """A page's text without its tags (the note keeps its date in a span)."""
    return re.sub(r"<[^>]+>", "", html)


@pytest.fixture()
def past_app(db_url, monkeypatch):
    """The database app after: 2023-03-10 the park moved to (102.75, 25.02); 2024-05-01 a
    park created."""
    as_of.clear_cache()
    app = create_app({"TESTING": True, "DATABASE_URL": db_url, "FOLLOW_INTERVAL": 0})
    database = app.extensions["geo_layout.database"]
    link = database.link(database.plan_ids()[0])
    store = link.current
    original = store.get("parks", PARK).geometry().coords[0]
    now = {"t": dt.datetime(2023, 3, 10, 12, tzinfo=UTC)}
    monkeypatch.setattr(db_store, "_now", lambda: now["t"])
    moved = dict(store.stored("parks", PARK), precision="site", lon=102.75, lat=25.02,
                 location_source="survey")
    store = store.replace("parks", PARK, moved, expected=1, author="a", source=SURVEY).store
    now["t"] = dt.datetime(2024, 5, 1, 8, tzinfo=UTC)
    store.create("parks", dict(moved, id=NEW, name={"zh": NEW_ZH, "en": NEW_EN}),
                 author="a", source=SURVEY)
    app.config["ORIGINAL_POINT"] = original
    return app


@pytest.fixture()
def web(past_app):
    return past_app.test_client()


def test_the_api_serves_a_record_as_it_was(web, past_app):
    then = web.get(f"/api/parks/{PARK}?as_of=2023-01-01").get_json()
    assert tuple(then["geometry"]["coordinates"]) == past_app.config["ORIGINAL_POINT"]
    mid = web.get(f"/api/parks/{PARK}?as_of=2023-12-31").get_json()
    assert mid["geometry"]["coordinates"] == [102.75, 25.02]
    assert mid["properties"]["precision"] == "site"
    assert web.get(f"/api/parks/{NEW}?as_of=2024-04-30").status_code == 404
    assert web.get(f"/api/parks/{NEW}?as_of=2024-05-01").status_code == 200
    assert web.get(f"/api/parks/{NEW}").status_code == 200


def test_the_api_lists_what_existed_then(web):
    today = web.get("/api/parks?limit=100").get_json()
    then = web.get("/api/parks?limit=100&as_of=2023-12-31").get_json()
    assert today["numberMatched"] == 12 and then["numberMatched"] == 11
    assert NEW not in {f["id"] for f in then["features"]}
    # the next page's link keeps the day
    page = web.get("/api/parks?limit=5&as_of=2023-12-31").get_json()
    assert "as_of=2023-12-31" in next(x["href"] for x in page["links"] if x["rel"] == "next")
    clusters = web.get("/api/clusters/parks?zoom=5&as_of=2023-12-31").get_json()
    assert clusters["numberMatched"] == web.get("/api/clusters/parks?zoom=5").get_json()[
        "numberMatched"] - 1


def test_the_ogc_api_serves_the_day_too(web):
    items = web.get("/ogc/collections/parks/items?f=json&limit=100&as_of=2023-12-31")
    assert items.status_code == 200 and items.get_json()["numberMatched"] == 11
    item = web.get(f"/ogc/collections/parks/items/{PARK}?f=json&as_of=2023-01-01")
    assert item.status_code == 200
    assert item.get_json()["properties"]["precision"] != "site"
    # a past view's tag names no record version, so it cannot be sent as If-Match
    today = web.get(f"/ogc/collections/parks/items/{PARK}?f=json")
    assert today.headers["ETag"].startswith('W/"r2-')
    assert not item.headers["ETag"].startswith('W/"r')
    assert web.get(f"/ogc/collections/parks/items/{NEW}?f=json&as_of=2023-12-31"
                   ).status_code == 404
    for url in ("/ogc/collections/parks/items?f=html&lang=en&as_of=2023-12-31",
                f"/ogc/collections/parks/items/{PARK}?f=html&lang=en&as_of=2023-12-31"):
        page = web.get(url)
        assert page.status_code == 200
        assert "at the end of 2023-12-31 (UTC), rebuilt from the history" in plain(page.text)
    assert "as-of-note" not in web.get("/ogc/collections/parks/items?f=html").text


def test_a_day_and_today_never_share_a_tag(web):
    today = web.get(f"/api/parks/{PARK}")
    then = web.get(f"/api/parks/{PARK}?as_of=2023-01-01")
    assert today.headers["ETag"] != then.headers["ETag"]
    # today's tag does not revalidate the past view (nor the other way round)
    again = web.get(f"/api/parks/{PARK}?as_of=2023-01-01",
                    headers={"If-None-Match": today.headers["ETag"]})
    assert again.status_code == 200 and again.get_json()["geometry"]["coordinates"] != [
        102.75, 25.02]
    assert web.get(f"/api/parks/{PARK}?as_of=2023-01-01", headers={
        "If-None-Match": then.headers["ETag"]}).status_code == 304
    page_today = web.get("/maps/layout")
    page_then = web.get("/maps/layout?as_of=2023-12-31")
    assert page_today.headers["ETag"] != page_then.headers["ETag"]
    assert NEW_ZH in page_today.text and NEW_ZH not in page_then.text


def test_the_layout_map_says_which_day_it_shows(web):
    page = web.get("/maps/layout?as_of=2023-12-31&lang=en")
    assert page.status_code == 200
    text = page.text
    assert "The data as it was at the end of 2023-12-31 (UTC), rebuilt from the history." \
        in plain(text)
    assert 'href="/maps/layout?lang=en">See today&#39;s data</a>' in text
    # its embed and exports show the same day
    assert "/embed/maps/layout?lang=en&amp;as_of=2023-12-31" in text
    assert "/export/maps/layout.png?lang=en&amp;as_of=2023-12-31" in text
    assert "as-of-note" not in web.get("/maps/layout?lang=en").text
    zh = web.get("/maps/layout?as_of=2023-12-31").text
    assert "这是 2023-12-31（UTC）当日结束时的数据，据修改历史还原。" in \
        plain(zh)


def test_the_embed_and_the_exports_show_the_day(web):
    embed = web.get("/embed/maps/layout?as_of=2023-12-31&lang=en")
    assert embed.status_code == 200
    assert "rebuilt from the history" in embed.text and NEW_EN not in embed.text
    assert 'href="/maps/layout?lang=en&amp;as_of=2023-12-31"' in embed.text
    assert NEW_EN in web.get("/embed/maps/layout?lang=en").text
    html = web.get("/export/maps/layout.html?as_of=2023-12-31")
    assert html.status_code == 200 and NEW_ZH not in html.get_data(as_text=True)
    assert "-layout-2023-12-31-zh.html" in html.headers["Content-Disposition"]
    png = web.get("/export/maps/layout.png?as_of=2023-12-31&size=a5&dpi=96")
    assert png.status_code == 200 and png.data[:4] == b"\x89PNG"
    assert "-layout-2023-12-31-zh-a5-" in png.headers["Content-Disposition"]


@pytest.mark.parametrize("value, words", [
    ("2023-13-01", "YYYY-MM-DD"),
    ("31/12/2023", "YYYY-MM-DD"),
    ("1949-09-30", "outside 1949-10-01"),
    ("<b>x</b>", "YYYY-MM-DD"),
])
def test_a_bad_day_is_a_400_naming_the_problem(web, value, words):
    for url in (f"/api/parks?as_of={value}", f"/api/parks/{PARK}?as_of={value}",
                f"/ogc/collections/parks/items?f=json&as_of={value}"):
        response = web.get(url)
        assert response.status_code == 400, url
        assert "as_of" in response.get_json()["description"]
        assert words in response.get_json()["description"]
    page = web.get(f"/maps/layout?as_of={value}&lang=en")
    assert page.status_code == 400 and "as_of" in page.text and "<b>x</b>" not in page.text
    assert web.get(f"/embed/maps/layout?as_of={value}").status_code == 400
    assert web.get(f"/export/maps/layout.png?as_of={value}").status_code == 400


def test_a_future_day_is_refused_and_today_is_today(web):
    today = dt.datetime.now(UTC).date()
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    response = web.get(f"/api/parks?as_of={tomorrow}")
    assert response.status_code == 400
    assert "(today)" in response.get_json()["description"]
    assert web.get(f"/maps/layout?as_of={tomorrow}").status_code == 400
    now = web.get(f"/api/parks?limit=100&as_of={today.isoformat()}").get_json()
    assert now["numberMatched"] == 12


def test_a_seeds_folder_has_no_history_and_says_so(client):
    page = client.get("/maps/layout?as_of=2023-01-01&lang=en")
    assert page.status_code == 200
    assert "You asked for 2023-01-01, but this data keeps no history" in plain(page.text)
    assert client.get("/api/parks?as_of=2023-01-01").get_json()["numberMatched"] == \
        client.get("/api/parks").get_json()["numberMatched"]
    assert client.get("/api/parks?as_of=2023-02-30").status_code == 400
