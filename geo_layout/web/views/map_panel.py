"""What every map page shows around its map: the basemap choices, the parameters a basemap
switch keeps, the embed and export links and the sharing image of the map."""

from __future__ import annotations

from flask import request

from .. import basemaps, links


def map_context(lang: str, map_path: str) -> dict:
    """The template values for the map at ``map_path`` ("maps/layout", "parks/<id>", ...)."""
    return {
        "basemaps": basemaps.current().available(),
        "basemap": basemaps.chosen(),
        "kept_args": [(k, v) for k, v in request.args.items(multi=True) if k != "basemap"],
        **links.map_links(map_path, lang),
    }
