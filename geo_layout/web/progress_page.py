"""How far the plan got: ``/progress`` (the page, zh/en) and ``/api/progress`` (the same
figures as JSON), both as of ``?as_of=YYYY-MM-DD`` (:mod:`.as_of`) and filtered by the
targets' filters (layout element, industry). The figures come from :mod:`.views.progress`.

Both are cached for everyone like the other pages: the page's only per-user part, the editors'
"add a value" links, is hidden until ``editor_links.js`` shows it to an editor."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from ..data.store import FILTERS
from . import as_of, geojson, openapi, params
from .caching import cached_view, conditional
from .views.progress import progress_json, progress_page

bp = Blueprint("progress", __name__)


def _as_of():
    """(the day asked for or None, the data as it was then); an empty ``as_of=`` (the page's
    form sent without a date) means now, as :mod:`.as_of` reads it."""
    return as_of.requested_date(), as_of.requested_store()


@bp.get("/progress")
@cached_view
def page():
    lang = params.lang()
    on, store = _as_of()
    return render_template("progress.html", earliest=as_of.EARLIEST.isoformat(),
                           **progress_page(store, on, params.filters("targets"),
                                           request.args.get("page"), lang))


@bp.get("/api/progress")
def api():
    op = openapi.operation("api-progress")
    values = openapi.parse(op, request.args, {})
    on, store = _as_of()
    filters = {k: values[k] for k in FILTERS["targets"] if values.get(k) is not None}
    # resolved before the cache: a filter that names nothing is a 400, never cached
    store.resolve("targets", filters)

    def build():
        return (geojson.dumps(progress_json(store, on, filters)), 200,
                {"Content-Type": openapi.JSON})

    return conditional(build)
