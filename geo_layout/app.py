"""The application factory. Nothing is built at import time: ``create_app`` loads the data,
builds the store and registers one blueprint per concern."""

from __future__ import annotations

import logging
import uuid
from typing import Any, Mapping

from flask import Flask, g, request

from . import config as config_mod
from .data.store import open_store
from .web import errors as web_errors
from .web.state import StoreHolder

log = logging.getLogger(__name__)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the Flask app. ``config`` keys are those of :mod:`geo_layout.config` (``DATA``,
    ``TIANDITU_KEY``, ...) plus any Flask setting such as ``TESTING``."""
    settings = config_mod.resolve(config)
    app = Flask(__name__, template_folder="web/templates", static_folder="web/static",
                static_url_path="/static")
    app.config.update({k: v for k, v in settings.items()})
    app.config["GEO_LAYOUT"] = settings
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    holder = StoreHolder(lambda: open_store(settings.get("DATA"), settings.get("GEODATA")))
    holder.reload()
    app.extensions["geo_layout"] = holder

    @app.before_request
    def _request_id() -> None:
        g.request_id = request.headers.get("X-Request-Id", "")[:64] or uuid.uuid4().hex[:16]

    @app.after_request
    def _headers(response):
        response.headers.setdefault("X-Request-Id", g.get("request_id", ""))
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        return response

    from .web import blueprints

    for bp in blueprints():
        app.register_blueprint(bp)
    web_errors.register(app)
    return app
