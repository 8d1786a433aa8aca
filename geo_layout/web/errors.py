"""One error contract: JSON ``{"code", "description"}`` for machine routes, a translated HTML
page elsewhere; unexpected exceptions are logged with the request id and never leak details.

Every error response carries the request id in ``X-Request-Id``; a 500 also names it in its
description (JSON) or on the page, so a user's report can be matched to the log line."""

from __future__ import annotations

import logging

from flask import Flask, g, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException

from ..errors import GeoLayoutError

log = logging.getLogger("geo_layout.web")
JSON_PREFIXES = ("/api", "/ogc", "/downloads", "/export", "/healthz", "/assets")
#: Longest description sent back: werkzeug and our own messages are short; this bounds echoes.
#: (The valid values an error lists come from the data and are kept whole after it.)
MAX_DESCRIPTION = 500

MESSAGES = {
    400: {"zh": "请求有误", "en": "Bad request"},
    404: {"zh": "未找到", "en": "Not found"},
    405: {"zh": "不允许的请求方法", "en": "Method not allowed"},
    406: {"zh": "无法提供所请求的格式", "en": "Not acceptable"},
    413: {"zh": "请求过大", "en": "Request too large"},
    414: {"zh": "请求网址过长", "en": "URI too long"},
    431: {"zh": "请求头过大", "en": "Request headers too large"},
    500: {"zh": "服务器内部错误", "en": "Internal server error"},
}


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


def error_response(status: int, code: str, description: str, valid: str = ""):
    """``valid``: the tail of ``description`` listing the valid values, kept whole."""
    head = description[:len(description) - len(valid)] if valid else description
    description = (head if len(head) <= MAX_DESCRIPTION else head[:MAX_DESCRIPTION] + "…") + valid
    if wants_json():
        response = jsonify({"code": code, "description": description})
    else:
        lang = "en" if request.args.get("lang") == "en" else "zh"
        title = MESSAGES.get(status, MESSAGES[500] if status >= 500 else MESSAGES[400])[lang]
        response = make_response(render_template(
            "error.html", status=status, title=title, description=description, lang=lang,
            request_id=request_id()))
        response.headers["Content-Type"] = "text/html; charset=utf-8"
    response.status_code = status
    response.headers["X-Request-Id"] = request_id()
    response.headers["Cache-Control"] = "no-store"
    return response


def internal_error():
    return error_response(500, "internal-error", f"internal error (request id {request_id()})")


def register(app: Flask) -> None:
    @app.errorhandler(GeoLayoutError)
    def _typed(exc: GeoLayoutError):
        if exc.status >= 500:
            log.error("request %s %s failed: %s", request_id(), request.path, exc.description)
            return internal_error()
        return error_response(exc.status, exc.code, exc.description,
                              getattr(exc, "valid", ""))

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
