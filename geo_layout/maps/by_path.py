"""A map by its page path ("maps/layout", "elements/core", ...), so the embeds, the standalone
export and the command line all name maps the way the site's URLs do."""

from __future__ import annotations

from ..errors import NotFound

#: The interactive maps' paths; "" (the overview) is the layout map.
MAP_PATHS = ("", "maps/layout", "maps/parks", "maps/sites", "elements/<id>",
             "prefectures/<adcode>", "parks/<id>")
PLACE_MAPS = ("maps/parks", "maps/sites")


def map_for_path(store, map_path: str, *, filters: dict | None = None,
                 standalone: bool = False, **options):
    """The ``folium.Map`` the page at ``map_path`` shows, built with the builders' keyword
    ``options`` (lang, basemap, layers, view, legend, asset_base, link_base).

    ``filters`` (parks-directory filters) apply to "maps/parks" and "maps/sites" only.
    ``standalone``: for a file that has no API to load points by view from, so every place
    is inlined (TooLarge above ``dynamic.INLINE_LIMIT``).
    Raises NotFound for an unknown path or id, InvalidParameter for a bad option."""
    from . import build

    many = {"dynamic": False} if standalone else {}
    path = map_path.strip("/")
    if path in ("", "maps/layout"):
        return build.layout_map(store, **many, **options)
    if path in PLACE_MAPS:
        return build.places_map(store, path.split("/")[1], filters=filters or None, **many,
                                **options)
    head, _, rest = path.partition("/")
    if rest and "/" not in rest:
        if head == "elements":
            return build.element_map(store, rest, **many, **options)
        if head == "prefectures":
            return build.prefecture_map(store, rest, **many, **options)
        if head == "parks":
            return build.place_map(store, rest, **options)
    raise NotFound(f"unknown map {map_path[:80]!r}; maps are: "
                   + ", ".join("/" + p for p in MAP_PATHS))
