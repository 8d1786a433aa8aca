"""The application factory. Nothing is built at import time: ``create_app`` loads the data,
builds the store and registers one blueprint per concern."""

from __future__ import annotations

import functools
import logging
import re
import uuid
from collections import abc
from typing import Any, Mapping

from flask import Flask, g, request

from . import config as config_mod
from .data.store import open_store
from .maps.folium_import import import_folium
from .web import compression
from .web import errors as web_errors
from .web import security
from .web.export_queue import ExportQueue
from .web import plans
from .web.plans import Plans

log = logging.getLogger(__name__)
#: A caller's X-Request-Id is kept only when it is short and plain (it goes into logs and pages).
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
# Requests are GETs; a body larger than this is refused with 413 before it is read.
MAX_CONTENT_LENGTH = 64 * 1024


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the Flask app. ``config`` keys are those of :mod:`geo_layout.config` (``DATA``,
    ``TIANDITU_KEY``, ...) plus any Flask setting such as ``TESTING``."""
    import_folium()  # (first: before any thread; ~33 MB of pandas less)
    settings = config_mod.resolve(config)
    app = Flask(__name__, template_folder="web/templates", static_folder="web/static",
                static_url_path="/static")
    app.config.update({k: v for k, v in settings.items()})
    app.config["GEO_LAYOUT"] = settings
    if app.config.get("MAX_CONTENT_LENGTH") is None:
        app.config["MAX_CONTENT_LENGTH"] = MAX_CONTENT_LENGTH
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.json.default = _json_default  # jsonify and |tojson: a place's properties too
    database = _open_database(app, settings)
    if database is not None:
        links = [database.link(plan_id) for plan_id in database.plan_ids()]
        loaders = [link.load for link in links]
    else:
        loaders = [lambda: open_store(settings.get("DATA"), settings.get("GEODATA"))]
    loaders += [functools.partial(open_store, folder) for folder in config_mod.plan_folders(settings)]
    served = Plans.load(loaders)
    if database is not None:
        for link in links:
            link.subscribe(served.holders[link.plan_id].follow)  # each edit's new snapshot
        if float(settings.get("FOLLOW_INTERVAL") or 0) > 0:
            database.follow(float(settings["FOLLOW_INTERVAL"]))
    app.extensions[plans.EXTENSION] = served
    app.extensions["geo_layout"] = served.default  # the default plan's holder
    app.wsgi_app = plans.PlanPrefix(app.wsgi_app, served)
    app.extensions["geo_layout.export_queue"] = ExportQueue(int(settings["EXPORT_QUEUE"]))

    @app.before_request
    def _request_id() -> None:
        given = request.headers.get("X-Request-Id", "")
        g.request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex[:16]

    # registered first so it runs last: it gzips the final body (after the security headers)
    compression.register(app)

    @app.after_request
    def _headers(response):
        response.headers.setdefault("X-Request-Id", g.get("request_id", ""))
        # CSP (inline-script hashes), nosniff, referrer; frame rules merged via web/framing.py
        return security.apply_headers(response)

    from .web import blueprints

    for bp in blueprints():
        app.register_blueprint(bp)
    web_errors.register(app)
    return app


def _json_default(value):
    """Flask's JSON default, and a place's properties (a read-only mapping, see
    data.features.Properties) as the object they stand for."""
    from flask.json.provider import DefaultJSONProvider

    from .data.features import plain

    if isinstance(value, abc.Mapping):
        return plain(value)
    return DefaultJSONProvider.default(value)


def _open_database(app: Flask, settings: Mapping[str, Any]):
    """The database the plans are served from (schema brought up to date, the seeds of
    ``DATA`` imported when it holds no plan yet), or None: read-only from a seeds folder."""
    url = settings.get("DATABASE_URL")
    if not url:
        return None
    from .data.db_store import Database

    database = Database(url)
    database.ensure(settings.get("DATA"))
    app.extensions["geo_layout.database"] = database
    from .data.accounts import Accounts
    from .web import auth

    app.extensions[auth.EXTENSION] = Accounts(database.engine)
    return database
