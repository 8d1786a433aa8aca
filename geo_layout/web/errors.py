"""One error contract: JSON ``{"code", "description"}`` for machine routes, a translated HTML
page elsewhere; unexpected exceptions are logged with the request id and never leak details."""

from __future__ import annotations

import logging

from flask import Flask, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from ..errors import GeoLayoutError

log = logging.getLogger("geo_layout.web")
JSON_PREFIXES = ("/api", "/ogc", "/downloads", "/export", "/healthz")

MESSAGES = {
    400: {"zh": "请求有误", "en": "Bad request"},
    404: {"zh": "未找到", "en": "Not found"},
    405: {"zh": "不允许的请求方法", "en": "Method not allowed"},
    406: {"zh": "无法提供所请求的格式", "en": "Not acceptable"},
    413: {"zh": "请求过大", "en": "Request too large"},
    500: {"zh": "服务器内部错误", "en": "Internal server error"},
}


def wants_json() -> bool:
    path = request.path
    if path.startswith("/ogc") and request.args.get("f") == "html":
        return False
    return path.startswith(JSON_PREFIXES)


def error_response(status: int, code: str, description: str):
    if wants_json():
        body = {"code": code, "description": description}
        response = jsonify(body)
    else:
        lang = "en" if request.args.get("lang") == "en" else "zh"
        title = MESSAGES.get(status, MESSAGES[500] if status >= 500 else MESSAGES[400])[lang]
        response = render_template("error.html", status=status, title=title,
                                   description=description, lang=lang,
                                   request_id=g.get("request_id", ""))
        response = (response, status)
        from flask import make_response

        response = make_response(response)
        response.headers["Content-Type"] = "text/html; charset=utf-8"
    response.status_code = status
    response.headers["X-Request-Id"] = g.get("request_id", "")
    return response


def register(app: Flask) -> None:
    @app.errorhandler(GeoLayoutError)
    def _typed(exc: GeoLayoutError):
        if exc.status >= 500:
            log.error("request %s failed: %s", g.get("request_id"), exc.description)
            return error_response(500, "internal-error",
                                  f"internal error (request id {g.get('request_id', '')})")
        return error_response(exc.status, exc.code, exc.description)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        code = (exc.name or "error").lower().replace(" ", "-")
        return error_response(exc.code or 500, code, exc.description or exc.name)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unexpected error in request %s", g.get("request_id"))
        return error_response(500, "internal-error",
                               f"internal error (request id {g.get('request_id', '')})")
