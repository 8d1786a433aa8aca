"""Several plans in one service: every route of the default plan, mirrored under
``/plans/<plan-id>/`` for each plan served.

The mirror is made below Flask: :class:`PlanPrefix` moves ``/plans/<plan-id>`` from the
path into ``SCRIPT_NAME``, so each route is written once, ``url_for`` builds every internal
link with the plan's prefix, and :func:`.state.current_store` answers from that plan's store.
Plans are identified by their data's own plan id; the first data folder is the default plan,
served at the site's root as before."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from flask import Blueprint, current_app, has_request_context, jsonify, render_template, \
    request

from ..data.features import PLACE_COLLECTIONS
from ..errors import DataError, NotFound
from .state import StoreHolder

PREFIX = "/plans/"
#: The WSGI environ key holding the plan a request was routed to.
ENVIRON_KEY = "geo_layout.plan"
EXTENSION = "geo_layout.plans"

bp = Blueprint("plans", __name__)


@dataclass
class Plans:
    """The plans a server serves, by id, in the order given; the first is the default."""

    holders: dict[str, StoreHolder]

    @classmethod
    def load(cls, loaders: list[Callable]) -> "Plans":
        """One holder per data folder; two folders holding the same plan id are refused."""
        holders: dict[str, StoreHolder] = {}
        for loader in loaders:
            holder = StoreHolder(loader)
            holder.reload()
            plan_id = holder.store.plan().id
            if plan_id in holders:
                raise DataError([f"two data folders hold the plan {plan_id!r}: plan ids must "
                                 "be unique among the plans served"])
            holders[plan_id] = holder
        return cls(holders)

    @property
    def default_id(self) -> str:
        return next(iter(self.holders))

    @property
    def default(self) -> StoreHolder:
        return self.holders[self.default_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.holders)

    def __len__(self) -> int:
        return len(self.holders)

    def holder(self, plan_id: str | None) -> StoreHolder:
        return self.holders[plan_id] if plan_id else self.default

    def reload_safely(self) -> bool:
        """Reload every plan (see :meth:`StoreHolder.reload_safely`); True if all loaded."""
        return all([holder.reload_safely() for holder in self.holders.values()])


class PlanPrefix:
    """WSGI middleware: ``/plans/<id>/rest`` is served as ``/rest`` of plan ``<id>`` with
    ``/plans/<id>`` added to ``SCRIPT_NAME``. Unknown ids pass through unchanged and meet the
    :func:`unknown_plan` route (a 404 naming the plans served)."""

    def __init__(self, wsgi_app, plans: Plans):
        self.wsgi_app = wsgi_app
        self.plans = plans

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith(PREFIX):
            plan_id, _, rest = path[len(PREFIX):].partition("/")
            if plan_id in self.plans.holders:
                environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + PREFIX + plan_id
                environ["PATH_INFO"] = "/" + rest
                environ[ENVIRON_KEY] = plan_id
        return self.wsgi_app(environ, start_response)


def plans() -> Plans:
    return current_app.extensions[EXTENSION]


def current_plan_id() -> str:
    """The plan of this request: the one its path names, else the default."""
    if has_request_context():
        chosen = request.environ.get(ENVIRON_KEY)
        if chosen:
            return chosen
    return plans().default_id


def site_root() -> str:
    """The service's own root (a reverse proxy's prefix, without any plan prefix)."""
    root = request.script_root
    chosen = request.environ.get(ENVIRON_KEY)
    return root[: -len(PREFIX + chosen)] if chosen else root


def plan_root(plan_id: str) -> str:
    """The URL prefix of ``plan_id``'s routes: the site root for the default plan."""
    base = site_root()
    return base if plan_id == plans().default_id else f"{base}{PREFIX}{plan_id}"


def served(lang: str) -> list[dict]:
    """Every plan served, for the plan switcher and ``/plans``: id, title, period, the URL of
    its overview, whether it is this request's plan."""
    current = current_plan_id()
    out = []
    for plan_id, holder in plans().holders.items():
        plan = holder.store.plan()
        out.append({"id": plan_id, "title": plan.title.get(lang),
                    "period": f"{plan.period_start}–{plan.period_end}",
                    "url": f"{plan_root(plan_id)}/?lang={lang}",
                    "api": f"{plan_root(plan_id)}/api", "ogc": f"{plan_root(plan_id)}/ogc",
                    "default": plan_id == plans().default_id, "current": plan_id == current})
    return out


@bp.get("/plans")
def index():
    """The plans this server serves (HTML, or JSON with ``f=json``)."""
    lang = "en" if request.args.get("lang") == "en" else "zh"
    if request.args.get("f") == "json":
        return jsonify({"plans": [{k: v for k, v in p.items() if k != "current"}
                                  for p in served(lang)]})
    return render_template("plans.html", served=served(lang))


@bp.get("/plans/<plan_id>")
@bp.get("/plans/<plan_id>/<path:rest>")
def unknown_plan(plan_id: str, rest: str = ""):
    """Only reached for a plan this server does not serve (the served ones are routed by
    :class:`PlanPrefix` before Flask sees them)."""
    raise NotFound(key="error.unknown_plan", got=plan_id[:80], allowed=", ".join(plans()))


@bp.app_context_processor
def _plans_chrome() -> dict:
    """The plan switcher's entries (only when several plans are served) and the site's own
    root, where the shared static files are (one copy for every plan)."""
    if not has_request_context() or EXTENSION not in current_app.extensions:
        return {}
    lang = "en" if request.args.get("lang") == "en" else "zh"
    root = site_root()
    return {"plans_served": served(lang) if len(plans()) > 1 else [],
            "site_root": root, "static_root": root + "/static"}


def other_plans(lang: str) -> list[dict]:
    """The plans served besides this request's, with absolute URLs (for API links)."""
    host = request.host_url.rstrip("/")
    return [{**p, "ogc": host + p["ogc"], "api": host + p["api"]}
            for p in served(lang) if not p["current"]]


def _hits_across(q: str, limit: int, lang: str, collections=None, skip: str | None = None,
                 tie=lambda rank, hit: rank) -> list[tuple[str, str, object]]:
    """(plan id, plan title, hit) of the best ``limit`` search hits over every plan served
    but ``skip``: each plan's own best first, merged by score (ties in the plans' order, then
    by ``tie(rank, hit)``: each store's own rank unless told otherwise)."""
    found = []
    for order, (plan_id, holder) in enumerate(plans().holders.items()):
        if plan_id == skip:
            continue
        store = holder.store
        title = store.plan().title.get(lang)
        hits = (store.search(q, limit=limit) if collections is None
                else store.search(q, limit=limit, collections=collections))
        found += [((-hit.score, order, tie(rank, hit)), plan_id, title, hit)
                  for rank, hit in enumerate(hits)]
    found.sort(key=lambda entry: entry[0])
    return [(plan_id, title, hit) for _, plan_id, title, hit in found[:limit]]


def search_all(q: str, limit: int, lang: str) -> list[dict]:
    """``/api/search`` over every plan served, each hit naming its plan and linking into its
    API."""
    from .geojson import quoted_id

    host = request.host_url.rstrip("/")
    return [{"collection": hit.feature.collection, "id": hit.feature.id,
             "name_zh": hit.feature.properties.get("name_zh"),
             "name_en": hit.feature.properties.get("name_en"), "score": hit.score,
             "link": f"{host}{plan_root(plan_id)}/api/{hit.feature.collection}/"
                     f"{quoted_id(hit.feature.id)}",
             "plan": plan_id, "plan_title": title}
            for plan_id, title, hit in _hits_across(q, limit, lang)]


def found_elsewhere(q: str, lang: str, limit: int = 10) -> list[dict]:
    """What a directory search finds in the other plans served (parks and sites), best first,
    each naming its plan and linking to its page there."""
    if not q or len(plans()) < 2:
        return []
    from .geojson import quoted_id

    return [{"plan": title, "name": hit.feature.name(lang), "collection": hit.feature.collection,
             "url": f"{plan_root(plan_id)}/parks/{quoted_id(hit.feature.id)}?lang={lang}"}
            for plan_id, title, hit in _hits_across(
                q, limit, lang, PLACE_COLLECTIONS, skip=current_plan_id(),
                tie=lambda _rank, hit: hit.feature.id)]
