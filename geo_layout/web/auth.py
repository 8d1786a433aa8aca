"""Who is asking: browser sessions (``/login``, ``/logout``), API tokens (``Authorization:
Bearer …``), CSRF tokens, and the checks other modules call before a write
(:func:`require_editor`, :func:`require_admin`). The accounts themselves live in
:mod:`geo_layout.data.accounts`; the app finds them at ``app.extensions[EXTENSION]`` (absent
when the service runs without a database: it is then read-only and ``/login`` is a 404).

Sessions are Flask's signed cookies: ``HttpOnly``, ``SameSite=Lax``, ``Secure`` whenever the
request came over HTTPS (behind a TLS-terminating proxy, waitress must trust its
``X-Forwarded-Proto``), valid 12 hours. The signing key is ``GEO_LAYOUT_SECRET_KEY`` or, by
default, one random key kept in the database, so every server on it accepts the same cookies.
A session remembers a stamp of the password it was opened with: a new password, or disabling
the user, ends every session at once.

Pages are cached once for everyone (:mod:`.caching`), so the header's account corner (a "Sign
in" link, or the user's name and a "Sign out" form with its CSRF token) is not part of the
cached body: ``base.html`` leaves a marker there, filled for each response after the cache
(:func:`_personalise`), whose ETag then covers the filled-in corner too.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from datetime import timedelta
from urllib.parse import urlsplit

from flask import (Blueprint, current_app, g, has_request_context, make_response, redirect,
                   render_template, request, session, url_for)
from flask.sessions import SecureCookieSessionInterface

from ..data.accounts import LoginRefused, User
from ..errors import BadRequest, Forbidden, GeoLayoutError, NotFound, TooManyRequests, Unauthorized

EXTENSION = "geo_layout.accounts"
THROTTLE = "geo_layout.login_throttle"
MARKER = "<!--geo-layout:account-->"
SESSION_HOURS = 12
#: failed sign-ins one client address may make in a minute before it gets 429s
FAILURES_PER_MINUTE = 10
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

bp = Blueprint("auth", __name__)


class CsrfFailed(BadRequest):
    code = "bad-csrf-token"


def accounts():
    """The app's :class:`~geo_layout.data.accounts.Accounts`, or None (no database)."""
    return current_app.extensions.get(EXTENSION)


# --- sessions ------------------------------------------------------------------------------

class _Sessions(SecureCookieSessionInterface):
    """Flask's signed cookie, ``Secure`` on HTTPS requests, keyed by the shared secret."""

    def open_session(self, app, request):
        if not app.secret_key and app.extensions.get(EXTENSION) is not None:
            app.secret_key = app.extensions[EXTENSION].secret_key()
        return super().open_session(app, request)

    def get_cookie_secure(self, app) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or (
            has_request_context() and request.is_secure)


@bp.record_once
def _setup(state) -> None:
    app = state.app
    app.session_interface = _Sessions()
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    app.config["SESSION_COOKIE_NAME"] = "geo_layout_session"
    app.permanent_session_lifetime = timedelta(hours=SESSION_HOURS)
    app.extensions[THROTTLE] = Throttle(
        int(app.config.get("LOGIN_FAILURES_PER_MINUTE") or FAILURES_PER_MINUTE))
    app.jinja_env.globals["csrf_token"] = csrf_token


def _sign_in(user: User) -> None:
    session.clear()  # a new session: nothing from before the login carries over
    session["user"] = user.name
    session["stamp"] = accounts().session_stamp(user.name)
    session["csrf"] = secrets.token_urlsafe(32)
    session.permanent = True


# --- who is asking -------------------------------------------------------------------------

def _bearer() -> str | None:
    """The token of an ``Authorization: Bearer`` header (None: no such header)."""
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def current_user() -> User | None:
    """The user of this request: from a bearer token, else from the session; None when
    anonymous (or when the service has no accounts). A bearer token that is not valid,
    revoked or expired is a 401, never anonymous: a script should know its token failed."""
    if "_gl_user" in g:
        return g._gl_user
    book = accounts()
    user = None
    if book is not None:
        token = _bearer()
        if token is not None:
            user = book.user_for_token(token)
            if user is None:
                raise Unauthorized(key="auth.bad_token",
                                   challenge='Bearer realm="geo-layout", error="invalid_token"')
        elif session.get("user"):
            name = session["user"]
            stamp = book.session_stamp(name)
            if stamp is not None and hmac.compare_digest(stamp, str(session.get("stamp", ""))):
                user = book.user(name)
            if user is None:  # disabled, deleted, or the password changed since
                session.clear()
    g._gl_user = user
    return user


def _quiet_user() -> User | None:
    try:
        return current_user()
    except GeoLayoutError:
        return None


def sign_in_first():
    """A redirect to ``/login`` (and back here after) for a signed-out browser asking for an
    editing page, or None: someone is signed in (who may still be refused, 403), the request
    is not a GET (a form posted while signed out is a 401), or there are no accounts."""
    if request.method != "GET" or accounts() is None or current_user() is not None:
        return None
    here = request.full_path.rstrip("?") if request.query_string else request.path
    return redirect(url_for("auth.login", lang=_lang(), next=request.script_root + here), 303)


def require_editor(plan_id: str) -> User:
    """The user, when they may change ``plan_id``'s records; else 401 (no credentials, with
    ``WWW-Authenticate: Bearer``) or 403 (their role or plans do not allow it; or the
    service has no database). A browser session's unsafe request must carry its CSRF token
    (form field ``csrf_token`` or header ``X-CSRF-Token``); bearer requests need none."""
    user = _authenticated()
    if not user.may_edit(plan_id):
        raise Forbidden(key="auth.forbidden", name=user.name, plan=plan_id)
    return user


def require_admin() -> User:
    """The user, when an administrator; else 401 / 403 as :func:`require_editor`."""
    user = _authenticated()
    if not user.is_admin:
        raise Forbidden(key="auth.admin_only")
    return user


def _authenticated() -> User:
    if accounts() is None:
        raise Forbidden(key="auth.editing_off")
    user = current_user()
    if user is None:
        raise Unauthorized(key="auth.required")
    if request.method not in SAFE_METHODS:
        check_csrf()
    return user


# --- CSRF ----------------------------------------------------------------------------------

def csrf_token() -> str:
    """This session's CSRF token (made on first use); forms send it as ``csrf_token``."""
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def check_csrf() -> None:
    """400 unless the form field ``csrf_token`` (or header ``X-CSRF-Token``) is this
    session's token. A bearer-authenticated request carries no cookie and skips the check
    (a bad token is a 401)."""
    if _bearer() is not None and accounts() is not None:
        current_user()
        return
    sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
    expected = session.get("csrf") or ""
    if not expected or not hmac.compare_digest(str(sent).encode(), str(expected).encode()):
        raise CsrfFailed(key="auth.csrf")


# --- throttling ----------------------------------------------------------------------------

class Throttle:
    """Failed sign-ins per client address in the last minute (memory only, per process):
    past ``limit`` the address gets 429s until its oldest failure is a minute old. The
    account lock (:mod:`geo_layout.data.accounts`) guards each name; this guards against one
    client trying many names."""

    WINDOW = 60.0
    MAX_ADDRESSES = 10_000

    def __init__(self, limit: int = FAILURES_PER_MINUTE, clock=time.monotonic):
        self.limit = limit
        self.clock = clock
        self._failures: dict[str, deque] = {}
        self._lock = threading.Lock()

    def _recent(self, address: str, now: float) -> deque:
        times = self._failures.get(address)
        if times is None:
            return deque()
        while times and times[0] <= now - self.WINDOW:
            times.popleft()
        if not times:
            del self._failures[address]
        return times

    def retry_after(self, address: str) -> int | None:
        """Seconds to wait (None: may try now)."""
        with self._lock:
            now = self.clock()
            times = self._recent(address, now)
            if len(times) < self.limit:
                return None
            return max(1, int(times[0] + self.WINDOW - now + 0.999))

    def fail(self, address: str) -> None:
        with self._lock:
            now = self.clock()
            self._recent(address, now)
            if address not in self._failures and len(self._failures) >= self.MAX_ADDRESSES:
                self._failures.pop(next(iter(self._failures)))  # the oldest address
            self._failures.setdefault(address, deque()).append(now)


# --- the pages -----------------------------------------------------------------------------

def _lang() -> str:
    return "en" if request.args.get("lang") == "en" else "zh"


def safe_next(value: str | None) -> str:
    """``value`` when it is a path on this site; else the overview (no open redirect)."""
    fallback = url_for("pages.overview", lang="en") if _lang() == "en" else \
        url_for("pages.overview")
    if not isinstance(value, str) or not value.startswith("/") or len(value) > 2000:
        return fallback
    if value.startswith("//") or "\\" in value or any(ord(c) < 32 or ord(c) == 127
                                                        for c in value):
        return fallback
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return fallback
    return value


def _need_accounts():
    book = accounts()
    if book is None:
        raise NotFound(key="auth.editing_off")
    return book


def _login_page(target: str, name: str = "", error: str = "", status: int = 200):
    response = make_response(render_template("login.html", next_url=target, name=name,
                                             error=error), status)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/login", methods=["GET", "POST"])
def login():
    book = _need_accounts()
    target = safe_next(request.values.get("next"))
    if request.method == "GET":
        return _login_page(target)
    throttle: Throttle = current_app.extensions[THROTTLE]
    address = request.remote_addr or "?"
    wait = throttle.retry_after(address)
    if wait is not None:
        raise TooManyRequests(key="auth.throttled", retry_after=wait)
    check_csrf()
    name = request.form.get("name", "")
    try:
        user = book.check_login(name, request.form.get("password", ""))
    except LoginRefused as refused:
        throttle.fail(address)
        return _login_page(target, name[:80], refused.text(_lang()), refused.status)
    _sign_in(user)
    return redirect(target, 303)


@bp.post("/logout")
def logout():
    _need_accounts()
    check_csrf()
    session.clear()
    return redirect(safe_next(request.form.get("next")), 303)


@bp.app_context_processor
def _auth_chrome() -> dict:
    if not has_request_context():
        return {}
    return {"accounts_on": accounts() is not None, "account_marker": MARKER}


def _here() -> str:
    """This page's path and query, under the plan prefix (the "next" of sign in and out)."""
    if request.endpoint == "auth.login":
        return safe_next(request.values.get("next"))
    query = request.query_string.decode("latin-1")
    return request.script_root + request.path + (f"?{query}" if query else "")


@bp.after_app_request
def _personalise(response):
    """Fill the header's account corner of an HTML page (see the module's docstring)."""
    if (accounts() is None or response.mimetype != "text/html" or response.is_streamed
            or response.direct_passthrough or response.headers.get("Content-Encoding")):
        return response
    body = response.get_data()
    marker = MARKER.encode()
    if marker not in body:
        return response
    user = _quiet_user()
    here = _here()
    fragment = render_template(
        "_account.html", user=user, here=here,
        login_url=url_for("auth.login", lang=_lang(), next=here)).encode("utf-8")
    response.set_data(body.replace(marker, fragment, 1))
    response.vary.add("Cookie")
    if user is not None and "no-store" not in (response.headers.get("Cache-Control") or ""):
        response.headers["Cache-Control"] = "private, no-cache"
    tag, _weak = response.get_etag()
    if tag:
        tag = hashlib.sha1(tag.encode() + b"\0" + fragment).hexdigest()
        response.set_etag(tag, weak=True)
        if response.status_code == 200 and request.if_none_match.contains_weak(tag):
            response.status_code = 304
            response.set_data(b"")
    return response


__all__ = ["CsrfFailed", "EXTENSION", "Throttle", "accounts", "bp", "check_csrf", "csrf_token",
           "current_user", "require_admin", "require_editor", "safe_next"]
