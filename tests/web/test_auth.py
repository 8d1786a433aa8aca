"""Sign-in, sessions, CSRF, bearer tokens and the role checks (geo_layout/web/auth.py)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from flask import jsonify

from geo_layout.app import create_app
from geo_layout.data import db_engine
from geo_layout.data.accounts import MAX_FAILURES, Accounts, utcnow
from geo_layout.web import auth

PASSWORD = "correct horse battery"
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
HOSTILE = '<script>alert("x")</script>&'


@pytest.fixture(scope="module")
def _auth_base_app():
    """One app for the module (building it loads the plan), with two test-only routes that
    guard with require_editor / require_admin."""
    app = create_app({"TESTING": True})

    def guarded(plan_id):
        user = auth.require_editor(plan_id)
        return jsonify({"user": user.name, "plan": plan_id})

    def admin_only():
        return jsonify({"user": auth.require_admin().name})

    app.add_url_rule("/api/_test/edit/<plan_id>", "test_edit", guarded, methods=["GET", "POST"])
    app.add_url_rule("/api/_test/admin", "test_admin", admin_only)
    return app


@pytest.fixture()
def accounts_app(_auth_base_app, tmp_path):
    """The app on a fresh database: an editor of plan "a", an admin, a hostile name."""
    app = _auth_base_app
    engine = db_engine.open_engine(tmp_path / "t.gpkg")
    db_engine.upgrade(engine)
    accounts = Accounts(engine, hasher=CHEAP)
    accounts.add_user("ed", PASSWORD, "editor", ["a"])
    accounts.add_user("root", PASSWORD, "admin")
    accounts.add_user(HOSTILE, PASSWORD, "editor")
    app.extensions[auth.EXTENSION] = accounts
    app.extensions[auth.THROTTLE] = auth.Throttle()
    app.secret_key = None  # read from this database
    yield app
    del app.extensions[auth.EXTENSION]
    app.secret_key = None
    engine.dispose()


@pytest.fixture()
def web(accounts_app):
    return accounts_app.test_client()


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _login_form(client, **query):
    page = client.get("/login", query_string=query)
    assert page.status_code == 200
    return _csrf(page.get_data(as_text=True))


def _sign_in(client, name="ed", password=PASSWORD, **extra):
    token = _login_form(client)
    return client.post("/login", data={"name": name, "password": password,
                                       "csrf_token": token, **extra})


# --- the login page ----------------------------------------------------------------------

def test_the_login_form_in_both_languages(web):
    zh = web.get("/login").get_data(as_text=True)
    en = web.get("/login?lang=en").get_data(as_text=True)
    assert "用户名" in zh and "密码" in zh and 'lang="zh-CN"' in zh
    assert "Name" in en and "Password" in en and 'action="/login?lang=en"' in en
    assert 'type="password"' in en and 'name="csrf_token"' in en
    page = web.get("/login")
    assert page.headers["Cache-Control"] == "no-store"
    # the CSP stays whole: no inline script on the page
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert "<script>" not in zh and "form-action 'self'" in page.headers["Content-Security-Policy"]


def test_a_good_login_signs_in_and_goes_back(web):
    response = _sign_in(web, next="/parks?lang=en")
    assert response.status_code == 303
    assert response.headers["Location"] == "/parks?lang=en"
    page = web.get("/parks?lang=en").get_data(as_text=True)
    assert 'class="account-name"' in page and ">ed</span>" in page
    assert "Sign out" in page and 'action="/logout?lang=en"' in page


def test_without_next_the_login_goes_to_the_overview(web):
    response = _sign_in(web)
    assert response.status_code == 303 and response.headers["Location"] == "/"


@pytest.mark.parametrize("target", [
    "https://evil.example", "//evil.example/x", "/\\evil.example", "http:/evil.example",
    "javascript:alert(1)", "evil.example", "/\r\nLocation: https://evil.example", ""])
def test_no_open_redirect(web, target):
    response = _sign_in(web, next=target)
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("name,password", [
    ("ed", "wrong password!"), ("nobody", PASSWORD), ("", ""), ("ed", "")])
def test_every_refusal_says_the_same(web, name, password):
    response = _sign_in(web, name=name, password=password)
    body = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "用户名或密码错误" in body
    assert "account-name" not in body
    assert response.headers["Cache-Control"] == "no-store"


def test_refusals_in_english_and_for_disabled_and_locked_users(web, accounts_app):
    store = accounts_app.extensions[auth.EXTENSION]
    store.add_user("gone", PASSWORD, "editor")
    store.disable("gone")

    def refused(name, password):
        token = _login_form(web, lang="en")
        response = web.post("/login?lang=en", data={"name": name, "password": password,
                                                    "csrf_token": token})
        body = response.get_data(as_text=True)
        return response.status_code, re.search(r'class="form-error"[^>]*>([^<]+)<', body)[1]

    wrong = refused("ed", "wrong password!")
    assert wrong[0] == 403 and wrong[1].startswith("Wrong name or password")
    assert refused("nobody", PASSWORD) == wrong
    assert refused("gone", PASSWORD) == wrong
    for _ in range(MAX_FAILURES):
        refused("root", "wrong password!")
    assert refused("root", PASSWORD) == wrong  # locked: even the right password


def test_a_name_is_echoed_escaped_in_the_form(web):
    body = _sign_in(web, name=HOSTILE, password="wrong password!").get_data(as_text=True)
    assert HOSTILE not in body
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;" in body


def test_csrf_is_required_on_login(web):
    _login_form(web)
    missing = web.post("/login", data={"name": "ed", "password": PASSWORD})
    wrong = web.post("/login", data={"name": "ed", "password": PASSWORD, "csrf_token": "x"})
    assert missing.status_code == wrong.status_code == 400
    assert "account-name" not in web.get("/parks").get_data(as_text=True)
    fresh = web.application.test_client()  # no session at all
    assert fresh.post("/login", data={"name": "ed", "password": PASSWORD,
                                      "csrf_token": ""}).status_code == 400
    api = web.post("/login", data={"name": "ed", "password": PASSWORD},
                   headers={"Accept": "application/json"})
    assert api.status_code == 400


def test_csrf_is_required_on_logout(web):
    _sign_in(web)
    assert web.post("/logout").status_code == 400
    assert web.post("/logout", data={"csrf_token": "nope"}).status_code == 400
    assert "account-name" in web.get("/parks").get_data(as_text=True)  # still signed in
    assert web.get("/logout").status_code == 405
    page = web.get("/parks").get_data(as_text=True)
    response = web.post("/logout", data={"csrf_token": _csrf(page), "next": "/targets"})
    assert response.status_code == 303 and response.headers["Location"] == "/targets"
    assert "account-name" not in web.get("/parks").get_data(as_text=True)


def test_the_session_token_changes_at_login(web):
    before = _login_form(web)
    _sign_in(web)
    after = _csrf(web.get("/parks").get_data(as_text=True))
    assert before != after


# --- cookies -----------------------------------------------------------------------------

def _session_cookie(response) -> str:
    cookies = [v for v in response.headers.getlist("Set-Cookie")
               if v.startswith("geo_layout_session=")]
    assert len(cookies) == 1, response.headers.getlist("Set-Cookie")
    return cookies[0]


def test_cookie_flags_over_http(web):
    cookie = _session_cookie(_sign_in(web))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie
    assert "Expires=" in cookie  # 12 hours, not for ever


def test_cookie_flags_over_https(web):
    page = web.get("/login", base_url="https://localhost")
    assert "Secure" in _session_cookie(page)
    response = web.post("/login", base_url="https://localhost",
                        data={"name": "ed", "password": PASSWORD,
                              "csrf_token": _csrf(page.get_data(as_text=True))})
    assert response.status_code == 303
    cookie = _session_cookie(response)
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_public_pages_set_no_cookie_for_anonymous_readers(web):
    response = web.get("/parks")
    assert not response.headers.getlist("Set-Cookie")


def test_the_session_key_comes_from_the_database_or_the_setting(accounts_app, tmp_path):
    _sign_in(accounts_app.test_client())
    store = accounts_app.extensions[auth.EXTENSION]
    assert accounts_app.secret_key == store.secret_key()
    other = create_app({"TESTING": True, "SECRET_KEY": "from the setting, long enough"})
    other.extensions[auth.EXTENSION] = store
    other.test_client().get("/login")
    assert other.secret_key == "from the setting, long enough"


def test_a_second_server_on_the_database_accepts_the_session(accounts_app):
    client = accounts_app.test_client()
    _sign_in(client)
    cookie = client.get_cookie("geo_layout_session").value
    second = create_app({"TESTING": True})
    second.extensions[auth.EXTENSION] = accounts_app.extensions[auth.EXTENSION]
    other = second.test_client()
    other.set_cookie("geo_layout_session", cookie)
    assert ">ed</span>" in other.get("/parks").get_data(as_text=True)


def test_a_new_password_or_disabling_ends_the_session(web, accounts_app):
    store = accounts_app.extensions[auth.EXTENSION]
    _sign_in(web)
    store.set_password("ed", "a brand new password")
    assert "account-name" not in web.get("/parks").get_data(as_text=True)
    _sign_in(web, password="a brand new password")
    assert "account-name" in web.get("/parks").get_data(as_text=True)
    store.disable("ed")
    assert "account-name" not in web.get("/parks").get_data(as_text=True)
    assert web.get("/api/_test/edit/a").status_code == 401


# --- the header --------------------------------------------------------------------------

def test_the_header_offers_sign_in_with_the_way_back(web):
    page = web.get("/parks?lang=en&q=x").get_data(as_text=True)
    assert 'href="/login?lang=en&amp;next=/parks?lang%3Den%26q%3Dx"' in page
    assert ">Sign in<" in page
    assert "<!--geo-layout:account-->" not in page
    zh = web.get("/targets").get_data(as_text=True)
    assert ">登录<" in zh


def test_a_hostile_name_is_escaped_in_the_header(web):
    _sign_in(web, name=HOSTILE)
    page = web.get("/parks").get_data(as_text=True)
    assert HOSTILE not in page
    assert ">&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;</span>" in page


def test_cached_pages_never_carry_another_users_corner(accounts_app):
    anonymous, editor, admin = (accounts_app.test_client() for _ in range(3))
    _sign_in(editor, name="ed")
    _sign_in(admin, name="root")
    pages = {who: c.get("/parks?lang=en") for who, c in
             [("anon", anonymous), ("ed", editor), ("root", admin)]}
    bodies = {who: r.get_data(as_text=True) for who, r in pages.items()}
    assert ">ed</span>" in bodies["ed"] and ">ed</span>" not in bodies["root"]
    assert ">root</span>" in bodies["root"] and "account-name" not in bodies["anon"]
    tags = {who: r.headers["ETag"] for who, r in pages.items()}
    assert len(set(tags.values())) == 3
    assert pages["ed"].headers["Cache-Control"] == "private, no-cache"
    assert "Cookie" in pages["anon"].headers["Vary"]
    # revalidation: 304 for one's own tag, a fresh body for someone else's
    same = editor.get("/parks?lang=en", headers={"If-None-Match": tags["ed"]})
    assert same.status_code == 304 and same.get_data() == b""
    other = admin.get("/parks?lang=en", headers={"If-None-Match": tags["ed"]})
    assert other.status_code == 200 and ">root</span>" in other.get_data(as_text=True)
    signed_out = anonymous.get("/parks?lang=en", headers={"If-None-Match": tags["ed"]})
    assert signed_out.status_code == 200


def test_gzip_keeps_the_corner(web):
    _sign_in(web)
    response = web.get("/parks", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("Content-Encoding") == "gzip"
    import gzip

    assert b">ed</span>" in gzip.decompress(response.get_data())


def test_without_a_database_there_is_no_sign_in(client):
    assert client.get("/login").status_code == 404
    assert client.post("/login", data={"name": "ed"}).status_code == 404
    assert client.post("/logout").status_code == 404
    page = client.get("/parks").get_data(as_text=True)
    assert "sign-in" not in page and "geo-layout:account" not in page


# --- throttling --------------------------------------------------------------------------

def test_repeated_failures_from_one_address_get_429(accounts_app):
    throttle = accounts_app.extensions[auth.THROTTLE]
    web = accounts_app.test_client()
    for i in range(throttle.limit):
        assert _sign_in(web, name=f"nobody{i}", password="wrong password!").status_code == 403
    blocked = _sign_in(web, name="ed")
    assert blocked.status_code == 429
    assert 1 <= int(blocked.headers["Retry-After"]) <= 60
    assert "account-name" not in web.get("/parks").get_data(as_text=True)
    # another address is not held up
    other = accounts_app.test_client()
    token = _login_form(other)
    ok = other.post("/login", data={"name": "ed", "password": PASSWORD, "csrf_token": token},
                    environ_base={"REMOTE_ADDR": "10.0.0.2"})
    assert ok.status_code == 303


def test_the_throttle_forgets_after_a_minute():
    now = [1000.0]
    throttle = auth.Throttle(limit=3, clock=lambda: now[0])
    for _ in range(3):
        assert throttle.retry_after("1.2.3.4") is None
        throttle.fail("1.2.3.4")
    assert throttle.retry_after("1.2.3.4") == 60
    assert throttle.retry_after("5.6.7.8") is None
    now[0] += 30
    assert throttle.retry_after("1.2.3.4") == 30
    now[0] += 30.5
    assert throttle.retry_after("1.2.3.4") is None


# --- bearer tokens and roles -------------------------------------------------------------

def _bearer(secret):
    return {"Authorization": f"Bearer {secret}"}


def test_a_bearer_token_authenticates(web, accounts_app):
    _, secret = accounts_app.extensions[auth.EXTENSION].create_token("ed")
    response = web.get("/api/_test/edit/a", headers=_bearer(secret))
    assert response.status_code == 200 and response.get_json() == {"user": "ed", "plan": "a"}
    # bearer requests need no CSRF token (they carry no cookie)
    assert web.post("/api/_test/edit/a", headers=_bearer(secret)).status_code == 200
    assert not web.post("/api/_test/edit/a", headers=_bearer(secret)).headers.getlist(
        "Set-Cookie")


def test_no_credentials_is_a_401_with_a_challenge(web):
    response = web.get("/api/_test/edit/a")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json()["code"] == "unauthorized"


@pytest.mark.parametrize("kind", ["revoked", "expired", "garbage", "empty", "disabled"])
def test_bad_bearer_tokens_are_401_not_anonymous(web, accounts_app, kind):
    store = accounts_app.extensions[auth.EXTENSION]
    token_id, secret = store.create_token("ed", expires_days=1,
                                          now=utcnow() - timedelta(days=2 if kind == "expired"
                                                                   else 0))
    if kind == "revoked":
        store.revoke_token(token_id)
    elif kind == "garbage":
        secret = "gl_nothing_like_a_token"
    elif kind == "empty":
        secret = ""
    elif kind == "disabled":
        store.disable("ed")
    for path in ("/api/_test/edit/a", "/api/parks"):
        response = web.get(path, headers=_bearer(secret))
        if path == "/api/parks":
            # reading needs no account: a bad token is only refused where it is checked
            assert response.status_code == 200
            continue
        assert response.status_code == 401
        assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]
        assert response.get_json()["code"] == "unauthorized"


def test_an_editor_of_one_plan_may_not_edit_another(web, accounts_app):
    _, secret = accounts_app.extensions[auth.EXTENSION].create_token("ed")
    response = web.get("/api/_test/edit/b", headers=_bearer(secret))
    assert response.status_code == 403
    assert response.get_json()["code"] == "forbidden"
    assert web.get("/api/_test/admin", headers=_bearer(secret)).status_code == 403
    _, root = accounts_app.extensions[auth.EXTENSION].create_token("root")
    assert web.get("/api/_test/edit/b", headers=_bearer(root)).status_code == 200
    assert web.get("/api/_test/admin", headers=_bearer(root)).get_json() == {"user": "root"}


def test_a_session_write_needs_its_csrf_token(web):
    _sign_in(web)
    assert web.get("/api/_test/edit/a").status_code == 200
    assert web.post("/api/_test/edit/a").status_code == 400
    token = _csrf(web.get("/parks").get_data(as_text=True))
    assert web.post("/api/_test/edit/a", headers={"X-CSRF-Token": token}).status_code == 200
    assert web.post("/api/_test/edit/a", data={"csrf_token": token}).status_code == 200
    assert web.get("/api/_test/edit/b").status_code == 403


def test_require_editor_without_a_database_is_a_403(app):
    with app.test_request_context("/api/x", headers=_bearer("gl_x_y")):
        with pytest.raises(auth.Forbidden) as err:
            auth.require_editor("a")
        assert err.value.status == 403
        assert auth.current_user() is None


def test_safe_next(accounts_app):
    with accounts_app.test_request_context("/login?lang=en"):
        assert auth.safe_next("/parks/x?lang=en#map") == "/parks/x?lang=en#map"
        assert auth.safe_next("/plans/toy/targets") == "/plans/toy/targets"
        for bad in ("https://evil.example", "//evil.example", "///evil.example", "/\\x",
                    "\\\\evil", "/x\ny", None, "x" * 3000, "ftp://a"):
            assert auth.safe_next(bad) == "/?lang=en"
