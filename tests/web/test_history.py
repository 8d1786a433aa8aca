"""The history (web/history.py): /history, /history/<collection>/<id>, /api/history and the
revert form, after real changes made through the OGC API; the refusals; the read-only service;
hostile text; the record pages' "last changed" line."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from argon2 import PasswordHasher

from geo_layout.app import create_app
from geo_layout.data.accounts import Accounts

PLAN = "yunnan-14th-fyp-information-industry"
PARK = "guandu-digital-economy-industrial-park"
OTHER_PARK = "kunming-high-tech-zone"
ITEMS = "/ogc/collections/parks/items"
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PASSWORD = "long enough pw"
HOSTILE = '<script>alert("x")</script>&'


@pytest.fixture()
def history_app(db_url):
    return create_app({"TESTING": True, "DATABASE_URL": db_url, "FOLLOW_INTERVAL": 0,
                       "WRITES_PER_MINUTE": 1000})


@pytest.fixture()
def tokens(history_app):
    accounts = Accounts(history_app.extensions["geo_layout.database"].engine, hasher=CHEAP)
    accounts.add_user("ed", PASSWORD, "editor", [PLAN])
    accounts.add_user("other", PASSWORD, "editor", ["another-plan"])
    accounts.add_user("root", PASSWORD, "admin")
    return {name: accounts.create_token(name)[1] for name in ("ed", "other", "root")}


@pytest.fixture()
def web(history_app):
    return history_app.test_client()


def auth(token, **more):
    return {"Authorization": f"Bearer {token}", **more}


def get_item(web, fid=PARK):
    response = web.get(f"{ITEMS}/{fid}")
    assert response.status_code == 200
    return response.get_json(), response.headers["ETag"]


def moved(feature, lon=102.75, lat=25.02, source="survey: field visit 2026-11", **more):
    feature = json.loads(json.dumps(feature))
    feature["properties"].update(precision="site", location_source="survey 2026-11")
    feature["geometry"] = {"type": "Point", "coordinates": [lon, lat]}
    feature["source"] = source
    feature.update(more)
    return feature


def put(web, token, fid=PARK, **kwargs):
    feature, tag = get_item(web, fid)
    response = web.put(f"{ITEMS}/{fid}", json=moved(feature, **kwargs),
                       headers=auth(token, **{"If-Match": tag}))
    assert response.status_code == 200, response.get_json()
    return int(response.headers["X-Revision"])


@pytest.fixture()
def changed(web, tokens):
    """Three real changes through the OGC API: an update (PUT), a create (POST), a delete."""
    update = put(web, tokens["ed"], comment="moved to the surveyed gate")
    feature, _ = get_item(web)
    new = moved(feature, source="notice: No. 7")
    new["properties"].update(id="history-new-park", name_zh="历史测试园区",
                             name_en="History Test Park")
    response = web.post(ITEMS, json=new, headers=auth(tokens["ed"]))
    assert response.status_code == 201, response.get_json()
    create = int(response.headers["X-Revision"])
    response = web.delete(f"{ITEMS}/history-new-park?source=other:duplicate",
                          headers=auth(tokens["root"], **{"If-Match": response.headers["ETag"]}))
    assert response.status_code == 204
    return {"update": update, "create": create, "delete": int(response.headers["X-Revision"])}


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def sign_in(web, name="ed"):
    token = _csrf(web.get("/login").get_data(as_text=True))
    response = web.post("/login", data={"name": name, "password": PASSWORD,
                                        "csrf_token": token})
    assert response.status_code == 303


def revert_form(seq, token=None, **more):
    data = {"source_kind": "notice", "source_reference": "correction No. 8",
            "comment": "back as it was", **more}
    if token is not None:
        data["csrf_token"] = token
    return data


# --- /api/history ----------------------------------------------------------------------------

def test_the_api_lists_the_changes_newest_first_with_their_fields(web, changed):
    response = web.get("/api/history")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    revisions = body["revisions"]
    assert [r["seq"] for r in revisions] == [changed["delete"], changed["create"],
                                             changed["update"]]
    assert [(r["action"], r["author"], r["source"]["kind"]) for r in revisions] == [
        ("delete", "root", "other"), ("create", "ed", "notice"), ("update", "ed", "survey")]
    assert body["next"] is None
    update = revisions[2]
    assert (update["plan"], update["collection"], update["id"]) == (PLAN, "parks", PARK)
    assert update["before"]["precision"] == "county" and update["after"]["precision"] == "site"
    assert update["source"] == {"kind": "survey", "reference": "field visit 2026-11"}
    assert update["comment"] == "moved to the surveyed gate" and update["version"] == 2
    at = dt.datetime.fromisoformat(update["at"])
    assert at.utcoffset() == dt.timedelta(0)
    assert abs(dt.datetime.now(dt.timezone.utc) - at) < dt.timedelta(minutes=5)
    assert revisions[0]["after"] is None and revisions[1]["before"] is None
    assert response.headers["ETag"] and response.headers["Cache-Control"] == "no-cache"


def test_the_api_filters_and_pages(web, tokens, changed):
    def seqs(query):
        response = web.get(f"/api/history?{query}")
        assert response.status_code == 200, response.get_json()
        return [r["seq"] for r in response.get_json()["revisions"]]

    everything = seqs("")
    assert seqs("collection=parks") == everything and seqs("collection=sites") == []
    assert seqs(f"collection=parks&id={PARK}") == [changed["update"]]
    assert seqs("id=history-new-park") == [changed["delete"], changed["create"]]
    assert seqs("author=ed") == [changed["create"], changed["update"]]
    assert seqs("author=nobody") == []
    today = dt.datetime.now(dt.timezone.utc).date()
    assert seqs(f"since={today}") == everything
    assert seqs(f"since={today + dt.timedelta(days=1)}") == []
    assert seqs(f"before={changed['create']}") == [changed["update"]]
    # paging by the next link
    pages, url = [], "/api/history?limit=1&collection=parks"
    while url:
        body = web.get(url).get_json()
        pages += [r["seq"] for r in body["revisions"]]
        url = body["next"]
        if url:
            assert url.startswith("http://localhost/api/history?") and "before=" in url
            assert "collection=parks" in url and "limit=1" in url
    assert pages == everything


@pytest.mark.parametrize("query", [
    "collection=nope", "collection=prefectures", "since=2026-02-30", "since=26-1-1",
    "since=yesterday", "before=x", "before=0", "limit=0", "limit=501", "limit=many",
    "unknown=1", "id=" + "x" * 201])
def test_bad_api_parameters_are_400(web, query):
    response = web.get(f"/api/history?{query}")
    assert response.status_code == 400, query
    body = response.get_json()
    assert body["code"] == "invalid-parameter" and body["description"]


def test_the_api_tag_changes_with_every_edit(web, tokens):
    first = web.get("/api/history")
    tag = first.headers["ETag"]
    assert web.get("/api/history", headers={"If-None-Match": tag}).status_code == 304
    put(web, tokens["ed"])
    again = web.get("/api/history", headers={"If-None-Match": tag})
    assert again.status_code == 200 and again.headers["ETag"] != tag
    assert len(again.get_json()["revisions"]) == 1


# --- the pages -------------------------------------------------------------------------------

def test_the_history_page_shows_the_changes_in_both_languages(web, changed):
    en = web.get("/history?lang=en")
    assert en.status_code == 200
    html = en.get_data(as_text=True)
    assert "<h1>Change history</h1>" in html
    assert html.index(f'id="revision-{changed["delete"]}"') < \
        html.index(f'id="revision-{changed["create"]}"') < \
        html.index(f'id="revision-{changed["update"]}"')
    assert "Updated" in html and "Created" in html and "Deleted" in html
    assert f'href="/parks/{PARK}?lang=en"' in html            # the record, linked to its page
    assert f'href="/history/parks/{PARK}?lang=en"' in html    # and to its history
    assert "Survey: field visit 2026-11" in html and "moved to the surveyed gate" in html
    assert "Official notice: No. 7" in html and "Other: duplicate" in html
    update = html[html.index(f'id="revision-{changed["update"]}"'):]
    assert ('<span class="field-name">Location precision</span> <code>precision</code></th>'
            '<td data-label="Before">County (county)</td><td data-label="After">Site (site)</td>'
            ) in update  # a code by its label, and exactly as stored
    assert "UTC</time>" in html
    # the deleted record has no page any more: named, not linked
    assert 'href="/parks/history-new-park' not in html and "History Test Park" in html
    zh = web.get("/history").get_data(as_text=True)
    assert "<h1>修改记录</h1>" in zh and 'lang="zh-CN"' in zh
    assert "调查：field visit 2026-11" in zh and "新增" in zh and "删除" in zh
    assert '<span class="field-name">定位精度</span> <code>precision</code>' in zh
    assert '<td data-label="修改前">县市区 (county)</td><td data-label="修改后">具体地点 (site)</td>' in zh
    assert f'href="/parks/{PARK}?lang=zh"' in zh
    assert "revert-form" not in html and "revert-form" not in zh  # nobody signed in


def test_the_list_page_filters_pages_and_refuses_bad_values(web, changed):
    html = web.get(f"/history?lang=en&collection=parks&id={PARK}&author=&since=").get_data(
        as_text=True)
    assert f'id="revision-{changed["update"]}"' in html
    assert f'id="revision-{changed["create"]}"' not in html
    assert "No change matches." in web.get("/history?lang=en&author=nobody").get_data(
        as_text=True)
    older = web.get(f"/history?lang=en&before={changed['delete']}").get_data(as_text=True)
    assert f'id="revision-{changed["delete"]}"' not in older
    assert f'id="revision-{changed["create"]}"' in older
    for query, words in (("collection=nope", "collection"), ("since=2026-13-01", "YYYY-MM-DD"),
                         ("before=abc", "before"), ("id=" + "x" * 121, "id")):
        response = web.get(f"/history?lang=en&{query}")
        assert response.status_code == 400, query
        assert words in response.get_data(as_text=True)
    zh = web.get("/history?since=2026-13-01")
    assert zh.status_code == 400 and "应为日期 YYYY-MM-DD" in zh.get_data(as_text=True)


def test_the_older_link_pages_the_list(history_app, web, tokens, monkeypatch):
    from geo_layout.web import history

    monkeypatch.setattr(history, "PAGE_SIZE", 1)
    first = put(web, tokens["ed"])
    second = put(web, tokens["ed"], lon=102.76)
    html = web.get("/history?lang=en&collection=parks").get_data(as_text=True)
    assert f'id="revision-{second}"' in html and f'id="revision-{first}"' not in html
    link = re.search(r'<a rel="next" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert f"before={second}" in link and "collection=parks" in link and "lang=en" in link
    older = web.get(link).get_data(as_text=True)
    assert f'id="revision-{first}"' in older and 'rel="next"' not in older


def test_a_record_history_page(web, changed):
    html = web.get(f"/history/parks/{PARK}?lang=en").get_data(as_text=True)
    assert "History of " in html and f'id="revision-{changed["update"]}"' in html
    assert f'id="revision-{changed["create"]}"' not in html
    assert 'href="/history?lang=en"' in html  # back to every change
    gone = web.get("/history/parks/history-new-park?lang=en")
    assert gone.status_code == 200  # deleted, but its history stays
    text = gone.get_data(as_text=True)
    assert "History Test Park" in text and text.count('class="revision ') == 2
    unchanged = web.get(f"/history/parks/{OTHER_PARK}?lang=en").get_data(as_text=True)
    assert "it is as the plan&#39;s seeds have it" in unchanged
    zh = web.get(f"/history/parks/{OTHER_PARK}").get_data(as_text=True)
    assert "与规划的种子数据一致" in zh
    prefixed = web.get(f"/plans/{PLAN}/history/parks/{PARK}?lang=en").get_data(as_text=True)
    assert f'href="/plans/{PLAN}/parks/{PARK}?lang=en"' in prefixed  # url_for keeps the plan
    assert f'href="/plans/{PLAN}/history?lang=en"' in prefixed
    assert web.get("/history/prefectures/530100").status_code == 404
    assert web.get("/history/nothing/x").status_code == 404
    assert web.get("/history/parks/no-such-park").status_code == 404


# --- revert ------------------------------------------------------------------------------------

def test_an_editor_reverts_a_change_from_the_page(web, tokens):
    seq = put(web, tokens["ed"])
    assert get_item(web)[0]["properties"]["precision"] == "site"
    sign_in(web, "ed")
    page = web.get(f"/history/parks/{PARK}?lang=en")
    assert page.headers["Cache-Control"] == "private, no-cache"
    html = page.get_data(as_text=True)
    assert f'action="/history/{seq}/revert?lang=en"' in html and "revert-form" in html
    response = web.post(f"/history/{seq}/revert?lang=en", data=revert_form(seq, _csrf(html)))
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/history/parks/{PARK}?lang=en")
    assert get_item(web)[0]["properties"]["precision"] == "county"  # restored
    latest = web.get("/api/history").get_json()["revisions"][0]
    assert (latest["action"], latest["reverts"], latest["author"]) == ("revert", seq, "ed")
    assert latest["source"] == {"kind": "notice", "reference": "correction No. 8"}
    assert latest["comment"] == "back as it was"
    assert latest["after"]["precision"] == "county"
    shown = web.get(f"/history/parks/{PARK}?lang=en").get_data(as_text=True)
    assert "Reverted" in shown and f"reverts revision #{seq}" in shown


def test_a_deleted_record_comes_back_by_a_revert_with_a_token(web, tokens, changed):
    response = web.post(f"/history/{changed['delete']}/revert",
                        data={"source": "visit: it still exists"}, headers=auth(tokens["ed"]))
    assert response.status_code == 303
    assert get_item(web, "history-new-park")[0]["properties"]["name_en"] == "History Test Park"


def test_only_editors_see_the_revert_forms_and_the_cache_never_mixes_them(history_app, tokens,
                                                                           changed):
    editor = history_app.test_client()
    sign_in(editor, "ed")
    mine = editor.get("/history?lang=en")
    token = _csrf(mine.get_data(as_text=True))
    assert "revert-form" in mine.get_data(as_text=True)
    for client in (history_app.test_client(), _signed_in(history_app, "other")):
        page = client.get("/history?lang=en")
        html = page.get_data(as_text=True)
        assert page.status_code == 200 and "revert-form" not in html
        assert token not in html
    anonymous = history_app.test_client().get("/history?lang=en")
    assert anonymous.headers["Cache-Control"] == "no-cache" and anonymous.headers["ETag"]
    # the editor's own page was never cached for the others, nor theirs served to the editor
    assert "revert-form" in editor.get("/history?lang=en").get_data(as_text=True)


def _signed_in(app, name):
    client = app.test_client()
    sign_in(client, name)
    return client


def test_revert_refusals(history_app, web, tokens):
    first = put(web, tokens["ed"])
    second = put(web, tokens["ed"], lon=102.76)
    form = revert_form(second)
    # anonymous: 401
    assert web.post(f"/history/{second}/revert", data=form).status_code == 401
    # another plan's editor: 403
    assert web.post(f"/history/{second}/revert", data=form,
                    headers=auth(tokens["other"])).status_code == 403
    # a browser session without its CSRF token: 400
    session = _signed_in(history_app, "ed")
    assert session.post(f"/history/{second}/revert", data=form).status_code == 400
    assert session.post(f"/history/{second}/revert",
                        data=revert_form(second, "wrong")).status_code == 400
    token = _csrf(session.get("/history").get_data(as_text=True))
    # not the record's latest change: 409, the page again with why
    refused = session.post(f"/history/{first}/revert?lang=en",
                           data=revert_form(first, token))
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert "not the latest change" in html and 'role="alert"' in html
    assert f'id="revision-{second}"' in html and refused.headers["Cache-Control"] == "no-store"
    zh = session.post(f"/history/{first}/revert", data=revert_form(first, token))
    assert zh.status_code == 409 and "无法撤销" in zh.get_data(as_text=True)
    # no source: 400, said in the page's language
    missing = session.post(f"/history/{second}/revert",
                           data=revert_form(second, token, source_reference=""))
    assert missing.status_code == 400 and "撤销也需要来源" in missing.get_data(as_text=True)
    bad_kind = session.post(f"/history/{second}/revert?lang=en",
                            data=revert_form(second, token, source_kind="rumour"))
    assert bad_kind.status_code == 400 and "source.kind" in bad_kind.get_data(as_text=True)
    assert session.post("/history/999999/revert",
                        data=revert_form(1, token)).status_code == 404
    # nothing was reverted
    assert get_item(web)[0]["geometry"]["coordinates"] == [102.76, 25.02]
    assert [r["action"] for r in web.get("/api/history").get_json()["revisions"]] == [
        "update", "update"]


# --- a service without a database ----------------------------------------------------------

def test_read_only_data_has_no_history(client):
    en = client.get("/history?lang=en")
    assert en.status_code == 200
    assert "read from a seeds folder" in en.get_data(as_text=True)
    assert "种子数据文件夹" in client.get("/history").get_data(as_text=True)
    assert client.get("/api/history").get_json() == {"revisions": [], "next": None}
    assert client.get(f"/history/parks/{PARK}").status_code == 200
    assert client.post("/history/1/revert", data={"source": "other: x"}).status_code == 405
    page = client.get(f"/parks/{PARK}").get_data(as_text=True)
    assert 'id="last-changed"' not in page and 'href="/history' not in page


# --- hostile text and the record pages --------------------------------------------------------

def test_hostile_source_and_comment_are_escaped_everywhere(web, tokens):
    put(web, tokens["ed"], source=f"other: {HOSTILE}", comment=HOSTILE)
    assert web.get("/api/history").get_json()["revisions"][0]["comment"] == HOSTILE
    for url in ("/history?lang=en", f"/history/parks/{PARK}", f"/parks/{PARK}?lang=en"):
        html = web.get(url).get_data(as_text=True)
        assert HOSTILE not in html and "<script>alert" not in html, url
        assert "&lt;script&gt;alert(" in html, url


def test_a_record_page_says_when_it_was_last_changed(web, tokens):
    page = web.get(f"/parks/{PARK}?lang=en").get_data(as_text=True)
    line = re.search(r'<p class="last-changed" id="last-changed">(.*?)</p>', page).group(1)
    assert "As in the plan (no change recorded)" in line
    assert f'href="/history/parks/{PARK}?lang=en"' in line
    put(web, tokens["ed"])
    page = web.get(f"/parks/{PARK}?lang=en").get_data(as_text=True)
    line = re.search(r'<p class="last-changed" id="last-changed">(.*?)</p>', page).group(1)
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    assert f"Last changed {today}" in line and "by ed" in line
    assert "Source: Survey: field visit 2026-11" in line
    zh = web.get(f"/parks/{PARK}").get_data(as_text=True)
    assert "最后修改" in zh and "来源：调查：field visit 2026-11" in zh
    element = web.get("/elements/core?lang=en").get_data(as_text=True)
    assert "As in the plan (no change recorded)" in element
    assert 'href="/history/layout-elements/core?lang=en"' in element
    assert 'href="/history?lang=en"' in page  # the footer links the history
