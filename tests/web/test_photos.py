"""A park's or site's photo through the web (web/photos.py), on the GeoPackage and on
PostgreSQL: the refusals (signed out, another plan's editor, no CSRF token, no source, a stale
form, a file that is no photo, too big), then uploads that become revisions, show on the
record's page (escaped alt, the source in the caption) and are served with their type, ETag
and nosniff; and a seeds folder, which has no photos and no errors."""

from __future__ import annotations

import io
import re

import pytest
from argon2 import PasswordHasher
from PIL import ExifTags, Image

from geo_layout.app import create_app
from geo_layout.data.accounts import Accounts
from geo_layout.data.provenance import parse_source

PLAN = "yunnan-14th-fyp-information-industry"
PARK = "guandu-digital-economy-industrial-park"
SITE = "national-multilingual-technology-base"
EDIT = f"/edit/parks/{PARK}/photo"
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PASSWORD = "long enough pw"
HOSTILE = '<script>alert("x")</script>&"'


@pytest.fixture()
def photo_app(any_db_url):
    app = create_app({"TESTING": True, "DATABASE_URL": any_db_url, "FOLLOW_INTERVAL": 0,
                      "WRITES_PER_MINUTE": 1000})
    accounts = Accounts(app.extensions["geo_layout.database"].engine, hasher=CHEAP)
    accounts.add_user("ed", PASSWORD, "editor", [PLAN])
    accounts.add_user("other", PASSWORD, "editor", ["another-plan"])
    return app


@pytest.fixture()
def web(photo_app):
    return photo_app.test_client()


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def sign_in(web, name="ed") -> str:
    """Signs ``name`` in; the session's CSRF token."""
    token = _csrf(web.get("/login").get_data(as_text=True))
    response = web.post("/login", data={"name": name, "password": PASSWORD,
                                        "csrf_token": token})
    assert response.status_code == 303
    return _csrf(web.get("/history").get_data(as_text=True))  # the new session's token


def jpeg(size=(320, 240), colour=(200, 40, 40), gps=True) -> bytes:
    exif = Image.Exif()
    if gps:
        exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N",
                                      ExifTags.GPS.GPSLatitude: (25.0, 2.0, 30.0)}
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", exif=exif)
    return out.getvalue()


def form(token, data=None, expected="none", name="gate.jpg", **more):
    values = {"csrf_token": token, "expected": expected, "source_kind": "visit",
              "source_reference": "taken at the main gate, 2026-11", **more}
    if data is not None:
        values["photo"] = (io.BytesIO(data), name)
    return values


def upload(web, token, data=None, path=EDIT, **more):
    return web.post(path, data=form(token, jpeg() if data is None else data, **more),
                    content_type="multipart/form-data")


def current_photo(app, collection="parks", fid=PARK):
    link = app.extensions["geo_layout.database"].link(PLAN)
    return link.current.photo(collection, fid)


# --- refusals ------------------------------------------------------------------------------

def test_signed_out_the_page_sends_to_sign_in_and_a_post_is_401(web, photo_app):
    response = web.get(EDIT)
    assert response.status_code == 303  # as every editing page
    assert response.headers["Location"].startswith("/login?")
    assert f"next=/edit/parks/{PARK}/photo" in response.headers["Location"]
    response = web.post(EDIT, data={"expected": "none", "source": "visit: gate",
                                    "photo": (io.BytesIO(jpeg()), "a.jpg")},
                        content_type="multipart/form-data")
    assert response.status_code == 401
    assert current_photo(photo_app) is None


def test_an_editor_of_another_plan_is_refused(web, photo_app):
    token = sign_in(web, "other")
    assert web.get(EDIT).status_code == 403
    assert upload(web, token).status_code == 403
    assert current_photo(photo_app) is None


def test_a_post_without_the_csrf_token_is_refused(web, photo_app):
    sign_in(web)
    response = web.post(EDIT, data=form("wrong"), content_type="multipart/form-data")
    assert response.status_code == 400
    data = form(None)
    del data["csrf_token"]
    data["photo"] = (io.BytesIO(jpeg()), "a.jpg")
    assert web.post(EDIT, data=data, content_type="multipart/form-data").status_code == 400
    assert current_photo(photo_app) is None


def test_a_change_without_a_source_is_refused_and_says_why(web, photo_app):
    token = sign_in(web)
    response = upload(web, token, source_reference="", **{"lang": "en"})
    response = web.post(EDIT + "?lang=en", data=form(token, jpeg(), source_reference=""),
                        content_type="multipart/form-data")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'id="photo-error"' in html and "a photo change needs its source" in html
    assert response.headers["Cache-Control"] == "private, no-store"
    assert current_photo(photo_app) is None


def test_a_file_that_is_no_photo_is_refused_by_its_content(web, photo_app):
    import zipfile

    token = sign_in(web)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("x.txt", "hello")
    response = web.post(EDIT + "?lang=en", data=form(token, archive.getvalue(),
                                                     name="gate.jpg"),
                        content_type="multipart/form-data")
    assert response.status_code == 400
    assert "is not a JPEG, PNG or WebP image" in response.get_data(as_text=True)
    response = web.post(EDIT, data=form(token, b"", name="empty.jpg"),
                        content_type="multipart/form-data")
    assert response.status_code == 400
    assert "没有收到照片" in response.get_data(as_text=True)
    assert current_photo(photo_app) is None


def test_more_than_5_mb_is_refused_with_413(web, photo_app):
    token = sign_in(web)
    big = jpeg() + b"\0" * (5 * 1024 * 1024)
    response = web.post(EDIT + "?lang=en", data=form(token, big),
                        content_type="multipart/form-data")
    assert response.status_code == 413
    assert "larger than 5 MB" in response.get_data(as_text=True)
    huge = jpeg() + b"\0" * (7 * 1024 * 1024)  # beyond what the request may carry at all
    response = web.post(EDIT + "?lang=en", data=form(token, huge),
                        content_type="multipart/form-data")
    assert response.status_code == 413
    assert current_photo(photo_app) is None


def test_a_stale_form_cannot_overwrite_a_newer_photo(web, photo_app):
    token = sign_in(web)
    stale_page = web.get(EDIT + "?lang=en").get_data(as_text=True)
    assert 'name="expected" value="none"' in stale_page
    assert upload(web, token, jpeg(colour=(10, 200, 10))).status_code == 303
    first = current_photo(photo_app)
    # the same form, sent again (opened before the first photo): refused, the page again
    response = web.post(EDIT + "?lang=en", data=form(token, jpeg(colour=(10, 10, 200))),
                        content_type="multipart/form-data")
    assert response.status_code == 412
    html = response.get_data(as_text=True)
    assert "Someone changed the photo meanwhile" in html
    assert f'name="expected" value="{first.sha256}"' in html  # to redo the change
    assert current_photo(photo_app).sha256 == first.sha256
    # a remove from a stale form too
    response = web.post(EDIT, data=form(token, remove="1"))
    assert response.status_code == 412 and current_photo(photo_app).sha256 == first.sha256


def test_only_parks_and_sites_have_photos(web):
    sign_in(web)
    assert web.get("/edit/enterprises/x/photo").status_code == 404
    assert web.get("/edit/parks/no-such-park/photo").status_code == 404
    assert web.get("/photos/layout-elements/x").status_code == 404


# --- success ---------------------------------------------------------------------------------

def test_an_upload_is_a_revision_and_shows_on_the_park_page(web, photo_app):
    before = web.get(f"/parks/{PARK}?lang=en")
    assert before.status_code == 200 and 'id="place-photo"' not in before.get_data(as_text=True)
    token = sign_in(web)
    page = web.get(EDIT + "?lang=en")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "private, no-store"
    assert "This record has no photo yet." in page.get_data(as_text=True)
    # the record's form is one link away (the form links here too)
    assert (f'<a href="/edit/parks/{PARK}?lang=en" id="to-edit-form">Edit: '
            in page.get_data(as_text=True))
    response = upload(web, token, comment="the new gate")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/parks/{PARK}?lang=zh")
    seq = int(response.headers["X-Revision"])
    [rev] = web.get(f"/api/history?collection=parks&id={PARK}").get_json()["revisions"]
    assert (rev["seq"], rev["action"], rev["author"], rev["comment"]) == (
        seq, "photo-set", "ed", "the new gate")
    assert rev["source"] == {"kind": "visit", "reference": "taken at the main gate, 2026-11"}
    assert rev["before"] == rev["after"]
    photo = current_photo(photo_app)
    assert (photo.width, photo.height, photo.content_type) == (320, 240, "image/jpeg")
    # the page (cached per data version) is built again and shows the photo
    html = web.get(f"/parks/{PARK}?lang=en").get_data(as_text=True)
    img = re.search(r'<figure class="place-photo" id="place-photo">\s*<img ([^>]+)>', html)
    assert img is not None
    assert f'src="/photos/parks/{PARK}/{photo.sha256}"' in img.group(1)
    assert 'alt="Photo of Guandu Digital Economy Industrial Park"' in img.group(1)
    assert 'loading="lazy"' in img.group(1) and 'width="320" height="240"' in img.group(1)
    assert "Photo source: Site visit: taken at the main gate, 2026-11" in html
    zh = web.get(f"/parks/{PARK}").get_data(as_text=True)
    assert 'alt="官渡数字经济产业园的照片"' in zh and "照片来源：实地走访" in zh
    # the history page says what happened, and offers no revert of it
    history = web.get(f"/history/parks/{PARK}?lang=en").get_data(as_text=True)
    assert "Photo added" in history and f'id="revert-{seq}"' not in history


def test_the_photo_is_served_with_its_type_etag_and_nosniff(web, photo_app):
    token = sign_in(web)
    assert web.get(f"/photos/parks/{PARK}").status_code == 404
    upload(web, token)
    photo = current_photo(photo_app)
    response = web.get(f"/photos/parks/{PARK}")
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["ETag"] == f'"{photo.sha256}"'
    assert response.headers["Cache-Control"] == "no-cache"
    body = response.get_data()
    assert b"Exif" not in body and Image.open(io.BytesIO(body)).size == (320, 240)
    again = web.get(f"/photos/parks/{PARK}", headers={"If-None-Match": f'"{photo.sha256}"'})
    assert again.status_code == 304 and again.get_data() == b""
    fixed = web.get(f"/photos/parks/{PARK}/{photo.sha256}")
    assert fixed.status_code == 200 and fixed.get_data() == body
    assert "immutable" in fixed.headers["Cache-Control"]
    assert web.get(f"/photos/parks/{PARK}/{'0' * 64}").status_code == 404


def test_replace_then_remove(web, photo_app):
    token = sign_in(web)
    upload(web, token)
    first = current_photo(photo_app)
    response = upload(web, token, jpeg(size=(200, 300)), expected=first.sha256)
    assert response.status_code == 303
    assert (current_photo(photo_app).width, current_photo(photo_app).height) == (200, 300)
    second = current_photo(photo_app)
    assert web.get(f"/photos/parks/{PARK}/{first.sha256}").status_code == 404
    response = web.post(EDIT, data=form(token, expected=second.sha256, remove="1"))
    assert response.status_code == 303 and current_photo(photo_app) is None
    actions = [r["action"] for r in
               web.get(f"/api/history?id={PARK}").get_json()["revisions"]]
    assert actions == ["photo-removed", "photo-replaced", "photo-set"]
    html = web.get(f"/parks/{PARK}").get_data(as_text=True)
    assert 'id="place-photo"' not in html
    assert web.get(f"/photos/parks/{PARK}").status_code == 404
    assert "删除照片" in web.get(f"/history/parks/{PARK}").get_data(as_text=True)


def test_a_site_has_a_photo_too_and_hostile_names_stay_text(web, photo_app):
    link = photo_app.extensions["geo_layout.database"].link(PLAN)
    store = link.current
    body = store.stored("sites", SITE)
    body["name"] = dict(body["name"], en=HOSTILE)
    store.replace("sites", SITE, body, expected=store.record_version("sites", SITE),
                  author="ed", source=parse_source("other: a test"))
    token = sign_in(web)
    response = upload(web, token, path=f"/edit/sites/{SITE}/photo",
                      source_reference=HOSTILE)
    assert response.status_code == 303
    html = web.get(f"/parks/{SITE}?lang=en").get_data(as_text=True)
    assert HOSTILE not in html
    assert 'alt="Photo of &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;&#34;"' in html
    assert "Photo source: Site visit: &lt;script&gt;" in html


# --- without a database --------------------------------------------------------------------------

def test_a_seeds_folder_has_no_photos_and_no_errors(client):
    page = client.get(f"/parks/{PARK}")
    assert page.status_code == 200 and 'id="place-photo"' not in page.get_data(as_text=True)
    assert client.get(f"/photos/parks/{PARK}").status_code == 404
    assert client.get(EDIT).status_code == 403
    assert client.post(EDIT, data={"expected": "none"}).status_code == 403


def test_the_history_offers_the_record_edit_for_revert_not_the_photo_change(web, photo_app):
    link = photo_app.extensions["geo_layout.database"].link(PLAN)
    store = link.current
    body = dict(store.stored("parks", PARK), precision="site", lon=102.75, lat=25.02,
                location_source="survey 2026-11")
    edit = store.replace("parks", PARK, body, expected=1, author="ed",
                         source=parse_source("survey: gate"))
    token = sign_in(web)
    response = upload(web, token)
    photo_seq = int(response.headers["X-Revision"])
    html = web.get(f"/history/parks/{PARK}?lang=en").get_data(as_text=True)
    assert f'id="revert-{edit.revision.seq}"' in html
    assert f'id="revert-{photo_seq}"' not in html
    response = web.post(f"/history/{edit.revision.seq}/revert?lang=en",
                        data={"csrf_token": token, "source_kind": "other",
                              "source_reference": "undo the move"})
    assert response.status_code == 303
    assert link.current.stored("parks", PARK)["precision"] == "county"
    assert current_photo(photo_app) is not None  # the photo stays
