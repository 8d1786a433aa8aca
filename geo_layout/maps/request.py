"""One map request, parsed once: ``lang``, ``basemap``, ``layers``, the view (``bbox`` or
``center`` + ``zoom``), ``legend`` and the filters, read the same way for the pages, the full
maps, the embeds, the exports and the notebook (``geo_layout.map``).

Framework-free: it reads any mapping of query values (a Flask ``request.args``, a notebook's
keyword options). One rule for a bad value: :class:`InvalidParameter` (a 400 on the web)
naming the parameter and its valid values. Filter values may be codes or names (resolved by
the store's vocabulary, :mod:`geo_layout.data.vocab`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..data.store import FILTERS
from ..errors import InvalidParameter
from .basemaps import BASEMAPS

LANGS = ("zh", "en")
MAX_ZOOM = 18
MAX_LAYER_CHARS = 300
MAX_VALUE_CHARS = 200
VIEW_PARAMS = ("bbox", "center", "zoom")
#: The map paths whose places are filtered (the directory's map is "places").
FILTERED_MAPS = {"maps/parks": "parks", "maps/sites": "sites", "places": "parks"}
#: The filters a places map takes: the parks' and sites' (the same keys).
MAP_FILTERS = tuple(FILTERS["parks"])
PARAMS = ("lang", "basemap", "layers", *VIEW_PARAMS, "legend")


@dataclass(frozen=True)
class MapRequest:
    """What a map request asks for; :meth:`options` are the map builders' keyword options."""

    lang: str = "zh"
    basemap: str = "none"
    layers: tuple[str, ...] | None = None
    view: Any = None  # (west, south, east, north) or {"center": (lat, lon), "zoom": z}
    legend: bool = True
    filters: dict[str, str] = field(default_factory=dict)
    tianditu_key: str = ""
    local_tiles: Any = None  # maps.basemaps.LocalTiles of the deployment, if it has one

    def options(self) -> dict:
        return dict(lang=self.lang, basemap=self.basemap, tianditu_key=self.tianditu_key,
                    local_tiles=self.local_tiles,
                    layers=list(self.layers) if self.layers is not None else None,
                    view=self.view, legend=self.legend)


def parse(args: Mapping[str, Any], *, store=None, map_path: str | None = None,
          tianditu_key: str = "", default_basemap: str = "none", local_tiles=None,
          strict: bool = False) -> MapRequest:
    """The :class:`MapRequest` in ``args``.

    ``map_path`` says which filters apply (those of :data:`MAP_FILTERS` on the parks, sites
    and directory maps; none elsewhere); with ``store`` their values are resolved to codes.
    ``strict`` (the notebook): a name that is neither a map parameter nor a filter of this map
    is an error; pages ignore other parameters (``q``, ``page``, ...)."""
    path = (map_path or "").strip("/")
    collection = FILTERED_MAPS.get(path)
    if strict:
        known = set(PARAMS) | (set(MAP_FILTERS) if collection else set())
        unknown = sorted(k for k in args if k not in known)
        if unknown:
            where = (f"filters apply to {', '.join(m for m in FILTERED_MAPS if m != 'places')}"
                     if not collection else f"filters are: {', '.join(MAP_FILTERS)}")
            raise InvalidParameter(f"unknown option(s) {', '.join(unknown)} for map {path!r}; "
                                   f"map options are: {', '.join(PARAMS)}; {where}")
    return MapRequest(
        lang=parse_lang(args.get("lang")),
        basemap=parse_basemap(args.get("basemap"), tianditu_key, default_basemap, local_tiles),
        layers=parse_layers(args.get("layers")),
        view=parse_view(args.get("bbox"), args.get("center"), args.get("zoom")),
        legend=parse_legend(args.get("legend")),
        filters=parse_filters(args, collection, store) if collection else {},
        tianditu_key=tianditu_key, local_tiles=local_tiles,
    )


def parse_lang(value) -> str:
    if value in (None, ""):
        return "zh"
    if value not in LANGS:
        raise InvalidParameter(key="error.one_of", name="lang", allowed=", ".join(LANGS),
                               got=str(value)[:20])
    return value


def parse_basemap(value, tianditu_key: str = "", default: str = "none",
                  local_tiles=None) -> str:
    """``basemap`` (or the deployment's default): Tianditu only with a key, ``local`` only
    with the deployment's own tiles."""
    value = value or default
    usable = [b for b in BASEMAPS if (b != "tianditu" or tianditu_key)
              and (b != "local" or local_tiles is not None)]
    if value == "tianditu" and not tianditu_key:
        raise InvalidParameter(key="error.tianditu_key")
    if value == "local" and local_tiles is None:
        raise InvalidParameter(key="error.basemap_local")
    if value not in BASEMAPS:
        raise InvalidParameter(key="error.basemap_unknown", got=str(value)[:40],
                               allowed=", ".join(usable))
    return value


def parse_layers(value) -> tuple[str, ...] | None:
    """A comma list (or a list) of layer ids; the builder checks them against the map's."""
    if value is None:
        return None
    if not isinstance(value, str):
        value = ",".join(str(x) for x in value)
    if len(value) > MAX_LAYER_CHARS:
        raise InvalidParameter(key="error.too_long", name="layers", cap=MAX_LAYER_CHARS)
    return tuple(x.strip() for x in value.split(",") if x.strip())


def parse_legend(value) -> bool:
    if value is None or value == "" or isinstance(value, bool):
        return True if value in (None, "") else value
    if str(value) not in ("0", "1"):
        raise InvalidParameter(key="error.zero_or_one", name="legend", got=str(value)[:20])
    return value != "0"


def parse_view(bbox, center, zoom):
    """``bbox=w,s,e,n`` (west < east, south < north) or ``center=lat,lon`` with ``zoom``
    (1-18); not both; None when neither."""
    if bbox not in (None, ""):
        if center not in (None, "") or zoom not in (None, ""):
            raise InvalidParameter(key="error.bbox_and_center")
        west, south, east, north = _numbers("bbox", bbox, 4, "minlon,minlat,maxlon,maxlat")
        if not (-180 <= west <= 180 and -180 <= east <= 180):
            raise InvalidParameter(key="error.bbox_lon")
        if not (-90 <= south <= 90 and -90 <= north <= 90):
            raise InvalidParameter(key="error.bbox_lat")
        if west >= east or south >= north:
            raise InvalidParameter(key="error.bbox_empty")
        return (west, south, east, north)
    if center in (None, "") and zoom in (None, ""):
        return None
    if center in (None, "") or zoom in (None, ""):
        raise InvalidParameter(key="error.center_and_zoom")
    lat, lon = _numbers("center", center, 2, "lat,lon")
    if not -90 <= lat <= 90:
        raise InvalidParameter(key="error.out_of_range", name="center", low=-90, high=90, got=lat)
    if not -180 <= lon <= 180:
        raise InvalidParameter(key="error.out_of_range", name="center", low=-180, high=180,
                               got=lon)
    try:
        z = int(str(zoom))
    except ValueError:
        raise InvalidParameter(key="error.not_integer", name="zoom",
                               got=str(zoom)[:20]) from None
    if not 1 <= z <= MAX_ZOOM:
        raise InvalidParameter(key="error.out_of_range", name="zoom", low=1, high=MAX_ZOOM,
                               got=z)
    return {"center": (lat, lon), "zoom": z}


def _numbers(name: str, value, n: int, shape: str) -> tuple[float, ...]:
    parts = value.split(",") if isinstance(value, str) else list(value)
    try:
        numbers = tuple(float(str(x).strip()) for x in parts)
    except ValueError:
        numbers = ()
    if len(numbers) != n or not all(math.isfinite(x) for x in numbers):
        raise InvalidParameter(key="error.bbox_four" if name == "bbox" else "error.center_two")
    return numbers


def parse_filters(args: Mapping[str, Any], collection: str = "parks", store=None
                  ) -> dict[str, str]:
    """The places filters present in ``args`` (empty values skipped), resolved to codes when
    a ``store`` is given."""
    out = {}
    for key in MAP_FILTERS:
        value = args.get(key)
        if value in (None, ""):
            continue
        value = str(value)
        if len(value) > MAX_VALUE_CHARS:
            raise InvalidParameter(key="error.too_long", name=key, cap=MAX_VALUE_CHARS)
        out[key] = value
    return store.resolve(collection, out) if store is not None and out else out
