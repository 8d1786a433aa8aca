"""A map by its page path ("maps/layout", "elements/core", ...), so the embeds, the standalone
and static exports and the command line all name maps the way the site's URLs do. One parser
(:func:`parse_map_path`) serves the folium maps here and the static maps
(:mod:`.static_spec`), so both accept the same paths and refuse the same ones."""

from __future__ import annotations

from ..errors import NotFound

#: The maps' paths; "" (the overview) is the layout map.
MAP_PATHS = ("", "maps/layout", "maps/parks", "maps/sites", "maps/progress", "elements/<id>",
             "prefectures/<adcode>", "parks/<id>")
PLACE_MAPS = ("maps/parks", "maps/sites")
#: The first part of a record map's path -> the kind of map it is.
_RECORD_MAPS = {"elements": "element", "prefectures": "prefecture", "parks": "place"}


def parse_map_path(map_path: str) -> tuple[str, str]:
    """(kind, id) of the map at ``map_path``: ("layout", ""), ("parks", ""), ("sites", ""),
    ("progress", ""),
    ("element", id), ("prefecture", adcode) or ("place", id) (a park or site).
    Raises NotFound for a path that names no map (the id is not checked here)."""
    path = map_path.strip("/")
    if path in ("", "maps/layout"):
        return "layout", ""
    if path in PLACE_MAPS:
        return path.split("/")[1], ""
    if path == "maps/progress":
        return "progress", ""
    head, _, rest = path.partition("/")
    if rest and "/" not in rest and head in _RECORD_MAPS:
        return _RECORD_MAPS[head], rest
    raise NotFound(f"unknown map {map_path[:80]!r}; maps are: "
                   + ", ".join("/" + p for p in MAP_PATHS))


def map_for_path(store, map_path: str, *, filters: dict | None = None,
                 standalone: bool = False, as_of=None, **options):
    """The ``folium.Map`` the page at ``map_path`` shows, built with the builders' keyword
    ``options`` (lang, basemap, layers, view, legend, asset_base, link_base).

    ``filters`` (parks-directory filters) apply to "maps/parks" and "maps/sites" only.
    ``standalone``: for a file that has no API to load points by view from, so every place
    is inlined (TooLarge above ``dynamic.INLINE_LIMIT``). ``as_of`` (a date) applies to
    "maps/progress" (pass the store as it was on that date).
    Raises NotFound for an unknown path or id, InvalidParameter for a bad option."""
    from . import build

    kind, ident = parse_map_path(map_path)
    many = {"dynamic": False} if standalone else {}
    if kind == "layout":
        return build.layout_map(store, **many, **options)
    if kind == "progress":
        from .progress_map import progress_map

        return progress_map(store, as_of=as_of, **options)
    if kind in ("parks", "sites"):
        return build.places_map(store, kind, filters=filters or None, **many, **options)
    if kind == "element":
        return build.element_map(store, ident, **many, **options)
    if kind == "prefecture":
        return build.prefecture_map(store, ident, **many, **options)
    return build.place_map(store, ident, **options)
