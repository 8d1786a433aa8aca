"""geo_layout: a map service for provincial industrial development plans.

In a notebook, without a server::

    import geo_layout
    geo_layout.parks                     # GeoDataFrame of the parks (WGS-84)
    geo_layout.targets                   # DataFrame of the plan's targets
    geo_layout.maps.layout_map(geo_layout.store(), lang="en")   # a folium.Map
    m = geo_layout.map("maps/parks", lang="en", prefecture="<adcode>")  # by the site's URL
    geo_layout.save_html(m, "parks.html")   # one file, every asset inlined, opens offline

The frames (``prefectures``, ``counties``, ``layout_elements``, ``parks``, ``sites``,
``enterprises``, ``targets``) load the embedded dataset on first access, not at import time.
``frame(name, filters=...)`` gives a filtered one; ``store(data_dir)`` another dataset.
"""

from __future__ import annotations

import functools

__version__ = "0.1.0"

_FRAMES = {
    "prefectures": "prefectures", "counties": "counties", "layout_elements": "layout-elements",
    "parks": "parks", "sites": "sites", "enterprises": "enterprises", "targets": "targets",
}
__all__ = ["store", "frame", "map", "save_html", "maps", *_FRAMES]
#: Builder options ``map()`` passes through as they are; the others (``lang``, ``basemap``,
#: ``layers``, ``bbox``, ``center`` + ``zoom``, ``legend`` and the filters) are read by the
#: site's one map-request parser (:mod:`geo_layout.maps.request`), with its rules.
_PASSED_THROUGH = ("tianditu_key", "local_tiles", "link_base")


@functools.lru_cache(maxsize=4)
def store(data_dir: str | None = None):
    """The (cached) store of a data folder; the embedded default when ``data_dir`` is None."""
    from .data.store import open_store

    return open_store(data_dir)


def frame(collection: str, *, data_dir: str | None = None, lod: str = "medium",
          filters: dict | None = None):
    """A collection as a (Geo)DataFrame; collection names as in the API (``layout-elements``)."""
    from .data.frames import frame as _frame

    return _frame(collection, store(data_dir), lod=lod, filters=filters)


def map(path: str = "maps/layout", *, data_dir: str | None = None, **options):  # noqa: A001
    """The service's map at the page ``path`` as a ``folium.Map``, with the page's URL options.

    ``path`` is what follows the host in the site's URLs, with or without a query string:
    ``"maps/layout"`` (or ``""``), ``"maps/parks"``, ``"maps/sites"``, ``"elements/core"``,
    ``"prefectures/<adcode>"``, ``"parks/<id>"``; e.g. ``map("maps/parks?lang=en&industry=5g")``
    is ``map("maps/parks", lang="en", industry="5g")``. Options: ``lang``, ``basemap``,
    ``layers`` (list or "a,b"), ``view`` or ``bbox="w,s,e,n"`` or ``center="lat,lon"`` +
    ``zoom``, ``legend`` (bool or "0"/"1"), ``link_base`` (where popup links point, default
    this project's site paths); for the parks and sites maps any other option is a directory
    filter (prefecture, element, industry, kind, precision).

    In Jupyter the map shows inline with its assets inlined (no server needed); save it with
    :func:`save_html` (``Map.save`` would point at the server's ``/assets``)."""
    from urllib.parse import parse_qsl

    from .maps.by_path import map_for_path
    from .maps.request import parse

    path, _, query = path.partition("?")
    options = {**dict(parse_qsl(query)), **options}
    builder = {k: options.pop(k) for k in _PASSED_THROUGH if k in options}
    view = options.pop("view", None)
    the_store = store(data_dir)
    req = parse(options, store=the_store, map_path=path, strict=True,
                tianditu_key=builder.pop("tianditu_key", "") or "",
                local_tiles=builder.pop("local_tiles", None))
    kwargs = {**req.options(), **builder}
    if view is not None:
        kwargs["view"] = view
    m = map_for_path(the_store, path, filters=req.filters, **kwargs)
    m._repr_html_ = lambda: _notebook_html(m)
    return m


def save_html(m, path) -> str:
    """Write the map ``m`` as one self-contained HTML file (every script, stylesheet and image
    inlined: it opens from disk with no server). Returns the path."""
    from .maps.standalone import standalone_html

    with open(path, "w", encoding="utf-8") as f:
        f.write(standalone_html(m))
    return str(path)


def _notebook_html(m) -> str:
    """The map for a notebook cell: the standalone document in a sandboxed iframe."""
    from html import escape

    from .maps.standalone import standalone_html

    return ('<iframe sandbox="allow-scripts allow-popups" style="width:100%;height:520px;border:0"'
            f' srcdoc="{escape(standalone_html(m))}"></iframe>')


def __getattr__(name: str):
    if name in _FRAMES:
        return frame(_FRAMES[name])
    if name == "maps":
        import importlib

        return importlib.import_module(".maps", __name__)
    raise AttributeError(f"module 'geo_layout' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The module's names and the lazily loaded ones (the frames, ``maps``), so ``dir()`` and
    tab completion list ``parks``, ``sites``, ``targets``..."""
    return sorted({*(n for n in globals() if n.startswith("__")), *__all__})
