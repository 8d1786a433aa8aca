"""One error contract: JSON ``{"code", "description"}`` for machine routes, a translated HTML
page elsewhere; unexpected exceptions are logged with the request id and never leak details.

Every error response carries the request id in ``X-Request-Id``; a 500 also names it in its
description (JSON) or on the page, so a user's report can be matched to the log line."""

from __future__ import annotations

import logging

from flask import Flask, g, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException

from ..errors import GeoLayoutError, Unavailable
from .i18n import t

log = logging.getLogger("geo_layout.web")
JSON_PREFIXES = ("/api", "/ogc", "/downloads", "/export", "/healthz", "/assets", "/tiles")
#: Longest description sent back: werkzeug and our own messages are short; this bounds echoes.
#: (The valid values an error lists come from the data and are kept whole after it.)
MAX_DESCRIPTION = 500

#: Statuses with a title of their own (``error.status.<n>`` in the catalogue); others are
#: titled as a 400 or a 500.
TITLED = (400, 401, 403, 404, 405, 406, 413, 414, 429, 431, 500, 503)


def _is_prefix(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/") or path.startswith(prefix + ".")


def wants_json() -> bool:
    """Machine routes answer JSON; OGC's HTML views (``f=html``) get the HTML page."""
    path = request.path
    if _is_prefix(path, "/ogc") and request.args.get("f") == "html":
        return False
    return any(_is_prefix(path, prefix) for prefix in JSON_PREFIXES)


def request_id() -> str:
    return g.get("request_id", "")


def _clip(text: str, valid: str = "") -> str:
    """Cut ``text`` at MAX_DESCRIPTION, but keep its tail ``valid`` (the valid values, listed
    from the data, never the request's echo) whole."""
    head = text[:len(text) - len(valid)] if valid and text.endswith(valid) else text
    tail = valid if valid and text.endswith(valid) else ""
    return (head if len(head) <= MAX_DESCRIPTION else head[:MAX_DESCRIPTION] + "…") + tail


def error_response(status: int, code: str, description: str, detail=None, valid: str = "",
                   extra: dict | None = None):
    """``description`` is the English of the JSON body; an HTML page shows the detail in its
    own language: ``detail(lang)`` when given, else the description on English pages only (a
    Chinese page never shows an English sentence; its title and help say what happened).
    ``valid``: the tail of ``description`` listing the valid values, kept whole."""
    description = _clip(description, valid)
    if wants_json():
        response = jsonify({"code": code, "description": description, **(extra or {})})
    else:
        lang = "en" if request.args.get("lang") == "en" else "zh"
        shown = status if status in TITLED else (500 if status >= 500 else 400)
        text = detail(lang) if detail is not None else (description if lang == "en" else None)
        response = make_response(render_template(
            "error.html", status=status, title=t(f"error.status.{shown}", lang),
            description=_clip(text, valid) if text else "", lang=lang, request_id=request_id()))
        response.headers["Content-Type"] = "text/html; charset=utf-8"
    response.status_code = status
    response.headers["X-Request-Id"] = request_id()
    response.headers["Cache-Control"] = "no-store"
    return response


def internal_error():
    return error_response(500, "internal-error", f"internal error (request id {request_id()})")


def register(app: Flask) -> None:
    @app.errorhandler(Unavailable)
    def _unavailable(exc: Unavailable):
        # not a fault of ours to hide: the client is told what is missing or that we are busy
        log.warning("request %s %s unavailable: %s", request_id(), request.path, exc.description)
        response = error_response(exc.status, exc.code, exc.description)
        if exc.retry_after is not None:
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.errorhandler(GeoLayoutError)
    def _typed(exc: GeoLayoutError):
        if exc.status >= 500:
            log.error("request %s %s failed: %s", request_id(), request.path, exc.description)
            return internal_error()
        response = error_response(exc.status, exc.code, exc.description, exc.text,
                                  getattr(exc, "valid", ""), exc.extra())
        for name, value in getattr(exc, "headers", {}).items():  # WWW-Authenticate, Retry-After
            response.headers[name] = value
        return response

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        status = exc.code or 500
        if status >= 500:
            log.error("request %s %s failed: %s", request_id(), request.path, exc)
            return internal_error()
        code = (exc.name or "error").lower().replace(" ", "-")
        response = error_response(status, code, exc.description or exc.name)
        allow = dict(exc.get_headers()).get("Allow")
        if allow:  # 405 says which methods the route has
            response.headers["Allow"] = allow
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unexpected error in request %s %s", request_id(), request.path)
        return internal_error()
