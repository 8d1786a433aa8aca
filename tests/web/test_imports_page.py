"""The import pages (web/imports_page.py): upload, the column mapping, the dry run in zh and
en, apply (all or nothing, only the valid rows), the batch's page and its revert; the
refusals (signed out, another plan's editor, CSRF, a file that is not what it says, a zip
bomb, a huge file, formulas shown literally and never stored, hostile names escaped, a stale,
unknown or someone else's upload id) and the template download."""

from __future__ import annotations

import html as html_lib
import io
import re
import time
import zipfile

import openpyxl
import pytest
from argon2 import PasswordHasher

from geo_layout.app import create_app
from geo_layout.data.accounts import Accounts
from geo_layout.data.import_read import MAX_BYTES
from geo_layout.web import import_uploads

PLAN_OF_TESTS = None  # the served plan's id, read from the app (code names no plan)
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PASSWORD = "long enough pw"
HOSTILE = '<script>alert("x")</script>&'
HEADER = ["id", "name_zh", "name_en", "kind", "elements", "prefecture", "county", "precision",
          "location_source", "industries", "citation_section", "citation_paragraph", "lon",
          "lat"]


def row(rid, zh, en, lon=102.75, lat=25.02, industries="digital-economy"):
    return [rid, zh, en, "park", "core", "530100", "530111", "site", "survey 2026", industries,
            "layout", 2, lon, lat]


def xlsx_bytes(rows, header=HEADER):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for r in rows:
        sheet.append(r)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD = [row("imp-web-a", "网页导入甲园", "Web Import Park A"),
        row("imp-web-b", "网页导入乙园", "Web Import Park B", 102.757, 25.027)]
#: rows 4 and 6 are bad (an unknown industry; no Chinese name); row 5 is empty
BAD = [*GOOD,
       row("imp-web-c", "网页导入丙园", "Web Import Park C", industries="no-such-industry"),
       [None] * len(HEADER),
       row("imp-web-d", None, "Web Import Park D", 102.76, 25.03)]


@pytest.fixture()
def import_app(db_url, tmp_path):
    return create_app({"TESTING": True, "DATABASE_URL": db_url, "FOLLOW_INTERVAL": 0,
                       "WRITES_PER_MINUTE": 1000, "IMPORT_FOLDER": str(tmp_path / "uploads")})


@pytest.fixture()
def plan_id(import_app):
    return import_app.extensions["geo_layout.plans"].default_id


@pytest.fixture()
def users(import_app, plan_id):
    accounts = Accounts(import_app.extensions["geo_layout.database"].engine, hasher=CHEAP)
    accounts.add_user("ed", PASSWORD, "editor", [plan_id])
    accounts.add_user("eve", PASSWORD, "editor", [plan_id])
    accounts.add_user("other", PASSWORD, "editor", ["another-plan"])
    return accounts


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def signed_in(app, name="ed"):
    web = app.test_client()
    token = _csrf(web.get("/login").get_data(as_text=True))
    response = web.post("/login", data={"name": name, "password": PASSWORD,
                                        "csrf_token": token})
    assert response.status_code == 303
    return web


@pytest.fixture()
def ed(import_app, users):
    return signed_in(import_app, "ed")


def upload(web, data, filename="parks.xlsx", collection="parks", lang="en", token=None):
    page = web.get(f"/import?lang={lang}")
    assert page.status_code == 200
    token = token if token is not None else _csrf(page.get_data(as_text=True))
    return web.post(f"/import?lang={lang}", data={
        "csrf_token": token, "collection": collection,
        "file": (io.BytesIO(data), filename)}, content_type="multipart/form-data")


def uploaded(web, data, **kwargs) -> str:
    response = upload(web, data, **kwargs)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    uid = re.search(r"/import/([A-Za-z0-9_-]{32})", response.headers["Location"]).group(1)
    return uid


def mapping_form(web, uid, lang="en") -> dict:
    """The columns step's form as a browser would send it (the pre-filled choices)."""
    page = web.get(f"/import/{uid}?lang={lang}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    form = {"csrf_token": _csrf(text), "crs": "wgs84"}
    for i, select in re.findall(r'<select id="col-(\d+)" name="col-\d+">(.*?)</select>', text,
                                re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', select)
        form[f"col-{i}"] = chosen.group(1) if chosen else ""
    return form


def issues(page: str) -> set[tuple[int, str]]:
    return {(int(r), html_lib.unescape(c))
            for r, c in re.findall(r'<tr class="problem" data-row="(\d+)" data-column="([^"]*)"',
                                   page)}


def apply_form(form, **more):
    return {**form, "source_kind": "survey", "source_reference": "park list 2026-11",
            "comment": "from the web", **more}


# --- success ---------------------------------------------------------------------------------

def test_the_columns_are_pre_filled_from_chinese_headers(ed, import_app):
    from geo_layout.data.fields import FIELDS

    by = {f.name: f for f in FIELDS["parks"]}
    uid = uploaded(ed, xlsx_bytes(GOOD, header=[by[h].header("zh") for h in HEADER]))
    form = mapping_form(ed, uid, lang="zh")
    chosen = [form[f"col-{i}"] for i in range(len(HEADER))]
    assert chosen == HEADER  # lon and lat too
    page = ed.get(f"/import/{uid}?lang=zh").get_data(as_text=True)
    assert "网页导入甲园" in page and 'value="gcj02"' in page
    assert "no-store" in ed.get(f"/import/{uid}").headers["Cache-Control"]


@pytest.mark.parametrize("lang,messages", [
    ("en", ["unknown industry id &#39;no-such-industry&#39;", "must be a non-empty string"]),
    ("zh", ["未知的编号 &#39;no-such-industry&#39;（industry）", "不能为空"])])
def test_the_dry_run_names_exactly_the_bad_rows_with_their_columns(ed, lang, messages):
    uid = uploaded(ed, xlsx_bytes(BAD), lang=lang)
    response = ed.post(f"/import/{uid}/check?lang={lang}", data=mapping_form(ed, uid, lang))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert issues(page) == {(4, "industries"), (6, "name_zh")}
    shown = re.findall(r'<tr class="problem" data-row="\d+".*?<td class="message">(.*?)</td>',
                       page, re.S)
    assert shown == messages
    summary = re.search(r'id="import-summary">([^<]*)<', page).group(1)
    if lang == "en":
        assert summary.startswith("4 rows (1 empty rows skipped): 2 valid (2 new, 0 updates), "
                                  "2 with problems;")
        assert "Rows with problems" in page and "row 4" in page
    else:
        assert summary.startswith("共 4 行（跳过空行 1 行）：有效 2 行（新增 2，更新 0），有问题 2 行；")
        assert "有问题的行" in page and "第 4 行" in page
    bad_rows = re.search(r'id="import-bad-rows">.*?<span class="rows">([^<]*)</span>', page)
    assert re.split(r"[、,] ?", bad_rows.group(1)) == ["4", "6"]


def test_all_or_nothing_refuses_then_only_the_valid_rows_are_written_and_reverted(
        ed, import_app):
    uid = uploaded(ed, xlsx_bytes(BAD))
    form = mapping_form(ed, uid)
    refused = ed.post(f"/import/{uid}/apply?lang=en", data=apply_form(form))
    assert refused.status_code == 400
    assert "Nothing was written" in refused.get_data(as_text=True)
    store = _store(import_app)
    assert store.history() == []
    done = ed.post(f"/import/{uid}/apply?lang=en", data=apply_form(form, only_valid="1"))
    assert done.status_code == 303, done.get_data(as_text=True)[:3000]
    batch = re.search(r"/import/batch/([^?]+)\?", done.headers["Location"]).group(1)
    assert "skipped=4,6" in done.headers["Location"]
    store = _store(import_app)
    revisions = store.history(batch=batch, limit=None)
    assert sorted(r.record_id for r in revisions) == ["imp-web-a", "imp-web-b"]
    assert {(r.author, r.source["kind"], r.source["reference"], r.comment)
            for r in revisions} == {("ed", "survey", "park list 2026-11", "from the web")}
    assert store.get("parks", "imp-web-b").properties["name_en"] == "Web Import Park B"
    page = ed.get(done.headers["Location"])
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "no-store" in page.headers["Cache-Control"]
    assert "Rows skipped with problems (row numbers): <span class=\"rows\">4, 6</span>" in text
    assert f"/history?batch={batch}" in text.replace("&amp;", "&")
    listed = ed.get(f"/history?batch={batch}&lang=en").get_data(as_text=True)
    assert listed.count('class="revision revision-create"') == 2
    # the upload is gone once written
    assert ed.get(f"/import/{uid}").status_code == 404
    # revert (from the Chinese page, no comment): one new batch, the records gone
    reverted = ed.post(f"/import/batch/{batch}/revert", data={
        "csrf_token": _csrf(text), "source_kind": "other",
        "source_reference": f"撤销批次 {batch}"})
    assert reverted.status_code == 303
    store = _store(import_app)
    assert store.query("parks").total == len([f for f in store.query("parks").features])
    ids = {f.id for f in store.query("parks", limit=None).features}
    assert not {"imp-web-a", "imp-web-b"} & ids
    new_batch = re.search(r"/import/batch/([^?]+)", reverted.headers["Location"]).group(1)
    assert len(store.history(batch=new_batch, limit=None)) == 2
    # its comment in the page's language, not the store's English default
    assert {r.comment for r in store.history(batch=new_batch, limit=None)} == {f"撤销批次 {batch}"}
    # the revert's own page says which import it undid (no "4. imported" step)
    undo_page = ed.get(f"/import/batch/{new_batch}").get_data(as_text=True)
    assert re.search(r'id="import-undoes">此批次撤销了另一个导入批次：<a href="[^"]*/import/batch/'
                     + re.escape(batch), undo_page)
    assert 'class="import-steps' not in undo_page
    assert 'id="import-undoes"' not in ed.get(f"/import/batch/{batch}").get_data(as_text=True)
    # a second revert of the same batch is refused with a clear 409, nothing changed
    again = ed.post(f"/import/batch/{batch}/revert?lang=en", data={
        "csrf_token": _csrf(text), "source_kind": "other", "source_reference": "again"})
    assert again.status_code == 409
    assert "was changed after batch" in again.get_data(as_text=True)


def test_swapped_columns_are_detected_and_the_swap_asked(ed, import_app):
    rows = [row(f"imp-web-s{i}", f"交换园{i}", f"Swapped Park {i}", 25.02 + i * 0.001, 102.75)
            for i in range(3)]
    uid = uploaded(ed, xlsx_bytes(rows))
    form = mapping_form(ed, uid)
    page = ed.post(f"/import/{uid}/check?lang=en", data=form).get_data(as_text=True)
    assert 'id="import-swap-ask"' in page and "look swapped" in page
    swapped = ed.post(f"/import/{uid}/check?lang=en", data={**form, "swap": "1"})
    text = swapped.get_data(as_text=True)
    assert issues(text) == set() and 'id="import-swap-ask"' not in text
    assert "3 valid (3 new" in text


@pytest.mark.parametrize("collection", ["parks", "sites", "enterprises", "targets"])
def test_each_collection_can_be_chosen_and_its_template_read_back(ed, collection):
    page = ed.get(f"/import?collection={collection}&lang=en").get_data(as_text=True)
    assert f'<option value="{collection}" selected>' in page
    template = ed.get(f"/import/template/{collection}.xlsx?lang=en").data
    uid = uploaded(ed, template, filename=f"{collection}.xlsx", collection=collection)
    form = mapping_form(ed, uid)
    from geo_layout.data.import_template import template_fields

    chosen = [form[f"col-{i}"] for i in range(len(template_fields(collection)))]
    assert chosen == [f.name for f in template_fields(collection)]
    checked = ed.post(f"/import/{uid}/check?lang=en", data=form).get_data(as_text=True)
    assert "0 rows" in checked and 'id="import-none-valid"' in checked


def test_the_template_downloads_for_anyone_with_both_headers(import_app):
    response = import_app.test_client().get("/import/template/sites.xlsx?lang=en")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).worksheets[0]
    assert sheet.cell(1, 2).value == "Name (Chinese)" and sheet.cell(2, 2).value == "名称（中文）"
    assert import_app.test_client().get("/import/template/boundaries.xlsx").status_code == 404


def test_the_data_page_links_the_import_for_everyone_alike(import_app, ed):
    anonymous = import_app.test_client().get("/data").get_data(as_text=True)
    assert 'id="data-import"' in anonymous and "csrf_token" not in anonymous.split(
        "</header>")[1]


# --- refusals --------------------------------------------------------------------------------

def test_signed_out_and_other_plans_editors_are_refused(import_app, users):
    anonymous = import_app.test_client()
    # a signed-out browser is sent to sign in and back (as the other editing pages)
    to_login = anonymous.get("/import?lang=en&collection=sites")
    assert to_login.status_code == 303
    assert to_login.headers["Location"].endswith(
        "/login?lang=en&next=/import?lang%3Den%26collection%3Dsites")
    assert anonymous.post("/import", data={"collection": "parks"}).status_code in (400, 401)
    other = signed_in(import_app, "other")
    assert other.get("/import?lang=en").status_code == 403
    token = _csrf(other.get("/history").get_data(as_text=True))  # the sign-out form's
    response = other.post("/import", data={"csrf_token": token, "collection": "parks",
                                           "file": (io.BytesIO(xlsx_bytes(GOOD)), "p.xlsx")},
                          content_type="multipart/form-data")
    assert response.status_code == 403
    assert other.get("/import/batch/20261201T000000-00000000").status_code == 403
    assert anonymous.get("/import/template/parks.xlsx").status_code == 200
    assert _store(import_app).history() == []


def test_a_missing_or_wrong_csrf_token_is_refused(ed, import_app):
    assert upload(ed, xlsx_bytes(GOOD), token="forged").status_code == 400
    uid = uploaded(ed, xlsx_bytes(GOOD))
    form = mapping_form(ed, uid)
    assert ed.post(f"/import/{uid}/check", data={**form, "csrf_token": "x"}).status_code == 400
    assert ed.post(f"/import/{uid}/apply", data=apply_form(
        {k: v for k, v in form.items() if k != "csrf_token"})).status_code == 400
    assert _store(import_app).history() == []


@pytest.mark.parametrize("data,name,status,words", [
    (b"id,name_zh\nx,y\n", "parks.xlsx", 400, "not what its name says"),
    (b"\x00\x01\x02" * 100, "parks.csv", 400, "binary"),
    (b"", "parks.csv", 400, "empty"),
])
def test_files_that_are_not_what_they_say_are_refused(ed, import_app, data, name, status,
                                                      words):
    response = upload(ed, data, filename=name)
    assert response.status_code == status
    page = response.get_data(as_text=True)
    assert 'id="import-error"' in page and words in page
    assert not list((_folder(import_app)).glob("*.bin"))


def test_a_zip_bomb_is_refused_before_it_is_expanded(ed, import_app):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "")
        z.writestr("xl/worksheets/sheet1.xml", b"0" * 50_000_000)
    response = upload(ed, buf.getvalue(), filename="bomb.xlsx", lang="zh")
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "无法导入此文件，未做任何更改：压缩包内的 xl/worksheets/sheet1.xml 解压后膨胀" in page
    assert "是否为“压缩炸弹”" in page


def test_a_huge_file_is_refused_with_413(ed, import_app):
    response = upload(ed, b"a,b\n" + b"1,2\n" * ((MAX_BYTES + 300_000) // 4))
    assert response.status_code == 413
    assert "20 MB" in response.get_data(as_text=True)
    assert not list(_folder(import_app).glob("*.bin"))


def test_a_file_larger_than_other_requests_may_be_is_accepted(ed, import_app):
    """The app caps request bodies at 64 KiB; an upload may be up to the engine's 20 MB."""
    import os

    notes = [f"note {i}" for i in range(10)]  # columns not used, each cell 30,000 characters
    rows = [r + [os.urandom(15_000).hex() for _ in notes] for r in GOOD]
    data = xlsx_bytes(rows, header=HEADER + notes)
    assert len(data) > import_app.config["MAX_CONTENT_LENGTH"] * 2
    uid = uploaded(ed, data)
    page = ed.post(f"/import/{uid}/check?lang=en", data=mapping_form(ed, uid))
    assert page.status_code == 200
    summary = re.search(r'id="import-summary">([^<]*)<', page.get_data(as_text=True)).group(1)
    assert summary.startswith("2 rows (0 empty rows skipped): 2 valid (2 new"), summary
    # a POST elsewhere keeps the small cap
    assert ed.post(f"/import/{uid}/check", data={"x": "y" * 100_000}).status_code == 413


def test_formulas_are_shown_literally_never_run_nor_stored(ed, import_app):
    rows = [row("imp-web-f", '=HYPERLINK("http://evil.example","x")', "Formula Park")]
    uid = uploaded(ed, xlsx_bytes(rows))
    page = ed.post(f"/import/{uid}/check?lang=en", data=mapping_form(ed, uid))
    text = page.get_data(as_text=True)
    assert issues(text) == {(2, "name_zh")}
    assert "a spreadsheet would run it as a formula" in text
    preview = ed.get(f"/import/{uid}").get_data(as_text=True)
    assert "=HYPERLINK(&#34;http://evil.example&#34;,&#34;x&#34;)" in preview
    done = ed.post(f"/import/{uid}/apply?lang=en",
                   data=apply_form(mapping_form(ed, uid), only_valid="1"))
    assert done.status_code == 400  # no valid row: nothing written
    assert _store(import_app).history() == []


def test_hostile_names_are_escaped_everywhere(ed, import_app):
    rows = [row("imp-web-h", HOSTILE, HOSTILE, industries=HOSTILE)]
    uid = uploaded(ed, xlsx_bytes(rows, header=[*HEADER[:-1], HOSTILE]),
                   filename=f"{HOSTILE}.xlsx")
    for page in (ed.get(f"/import/{uid}").get_data(as_text=True),
                 ed.post(f"/import/{uid}/check", data=mapping_form(ed, uid)).get_data(
                     as_text=True)):
        assert HOSTILE not in page and "<script>alert" not in page
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;" in page


def test_unknown_stale_and_someone_elses_uploads_are_not_found(ed, import_app, users,
                                                              monkeypatch):
    uid = uploaded(ed, xlsx_bytes(GOOD))
    assert ed.get(f"/import/{'A' * 32}").status_code == 404
    assert ed.get("/import/..%2F..%2Fetc%2Fpasswd").status_code == 404
    eve = signed_in(import_app, "eve")  # an editor of the same plan, another session
    response = eve.get(f"/import/{uid}?lang=en")
    assert response.status_code == 404 and "no such upload" in response.get_data(as_text=True)
    token = _csrf(eve.get("/import").get_data(as_text=True))
    assert eve.post(f"/import/{uid}/check", data={"csrf_token": token}).status_code == 404
    assert ed.get(f"/import/{uid}").status_code == 200
    later = time.time() + import_uploads.KEEP_SECONDS + 5
    monkeypatch.setattr(import_uploads.time, "time", lambda: later)
    assert ed.get(f"/import/{uid}?lang=zh").status_code == 404
    assert not list(_folder(import_app).glob(f"{uid}.*"))


def test_a_mapping_the_form_forges_is_refused(ed):
    uid = uploaded(ed, xlsx_bytes(GOOD))
    form = mapping_form(ed, uid)
    forged = ed.post(f"/import/{uid}/check?lang=en", data={**form, "col-0": "version"})
    assert forged.status_code == 400
    assert "column &#39;id&#39;: no field &#39;version&#39;" in forged.get_data(as_text=True)
    twice = ed.post(f"/import/{uid}/check?lang=zh", data={**form, "col-1": "name_en"})
    assert twice.status_code == 400
    page = twice.get_data(as_text=True)
    assert "同一字段选给了多列：name_en" in page and 'id="col-1"' in page  # the columns again
    assert ed.post(f"/import/{uid}/check", data={**form, "crs": "mars"}).status_code == 400
    assert ed.post(f"/import/{uid}/apply", data=apply_form({**form, "col-0": "version"})
                   ).status_code == 400


def test_a_header_the_file_repeats_is_mapped_once(ed):
    data = "id,name_zh,name_zh,name_en\nimp-web-r,重复园,重复园,Repeat Park\n".encode()
    uid = uploaded(ed, data, filename="parks.csv")
    form = mapping_form(ed, uid)
    assert [form[f"col-{i}"] for i in range(4)] == ["id", "name_zh", "", "name_en"]
    checked = ed.post(f"/import/{uid}/check?lang=en", data=form)
    assert checked.status_code == 200
    # the Chinese name is read (from the first of the two columns); what is missing is said
    assert issues(checked.get_data(as_text=True)) == {(2, "citation"), (2, "kind"),
                                                      (2, "precision")}


def _store(app):
    return app.extensions["geo_layout.plans"].default.store


def _folder(app):
    from pathlib import Path

    return Path(app.config["IMPORT_FOLDER"])


def test_read_only_data_has_no_import_but_its_templates(client):
    response = client.get("/import?lang=en")
    assert response.status_code == 405
    assert "read-only" in response.get_data(as_text=True)
    assert client.get("/import/template/parks.xlsx").status_code == 200
    assert 'id="data-import"' not in client.get("/data").get_data(as_text=True)
