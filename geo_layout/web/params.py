"""Parsing and checking of query parameters shared by pages, API, OGC and downloads.

Every bad value raises :class:`InvalidParameter` (400) naming the parameter and the rule."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Mapping

from flask import request

from ..data.store import FILTERS
from ..errors import InvalidParameter

LANGS = ("zh", "en")
MAX_QUERY_CHARS = 200
#: the largest revision number a parameter may name (``before``)
MAX_SEQ = 2**31 - 1
DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def lang() -> str:
    """``?lang=zh|en`` (Chinese by default); anything else is a 400 naming the languages."""
    from ..maps.request import parse_lang

    return parse_lang(request.args.get("lang"))


def map_request(map_path: str):
    """This request's map parameters (:func:`geo_layout.maps.request.parse`): the one parser
    of ``lang``, ``basemap``, ``layers``, the view, ``legend`` and the filters (names resolved
    to codes) for the pages, embeds and exports."""
    from ..maps.request import parse
    from .basemaps import current
    from .state import current_store

    here = current()
    return parse(request.args, store=current_store(), map_path=map_path,
                 tianditu_key=here.tianditu_key, default_basemap=here.default,
                 local_tiles=here.local)


def number(name: str, value: str | None, *, low: float | None = None, high: float | None = None,
           required: bool = False) -> float | None:
    if value is None or value == "":
        if required:
            raise InvalidParameter(key="error.required", name=name)
        return None
    try:
        result = float(value)
    except ValueError:
        raise InvalidParameter(key="error.not_number", name=name, got=value[:40]) from None
    if not math.isfinite(result):
        raise InvalidParameter(key="error.not_finite", name=name)
    if low is not None and result < low or high is not None and result > high:
        raise InvalidParameter(key="error.out_of_range", name=name, low=low, high=high,
                               got=result)
    return result


def integer(name: str, value: str | None, *, low: int, high: int, default: int | None = None
            ) -> int | None:
    if value is None or value == "":
        return default
    try:
        result = int(value)
    except ValueError:
        raise InvalidParameter(key="error.not_integer", name=name, got=value[:40]) from None
    if not low <= result <= high:
        raise InvalidParameter(key="error.out_of_range", name=name, low=low, high=high,
                               got=result)
    return result


def day(name: str, value: str | None) -> dt.datetime | None:
    """A day written ``YYYY-MM-DD``, as the start of that day in UTC (None when not given)."""
    if value is None or value == "":
        return None
    try:
        if not DAY.match(value):
            raise ValueError(value)
        when = dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidParameter(key="error.not_day", name=name, got=value[:40]) from None
    return dt.datetime(when.year, when.month, when.day, tzinfo=dt.timezone.utc)


def bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``minlon,minlat,maxlon,maxlat`` in WGS-84 degrees, west <= east, south <= north."""
    if value is None or value == "":
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise InvalidParameter(key="error.bbox_four")
    west, south, east, north = (number("bbox", p.strip(), required=True) for p in parts)
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise InvalidParameter(key="error.bbox_lon")
    if not (-90 <= south <= 90 and -90 <= north <= 90):
        raise InvalidParameter(key="error.bbox_lat")
    if west > east:
        raise InvalidParameter(key="error.bbox_west_east")
    if south > north:
        raise InvalidParameter(key="error.bbox_south_north")
    return (west, south, east, north)


def filters(collection: str, args: Mapping[str, str] | None = None) -> dict[str, str]:
    """The property filters of ``collection`` present in the query string (others ignored)."""
    args = request.args if args is None else args
    out = {}
    for key in FILTERS.get(collection, {}):
        value = args.get(key)
        if value not in (None, ""):
            if len(value) > MAX_QUERY_CHARS:
                raise InvalidParameter(key="error.too_long", name=key, cap=MAX_QUERY_CHARS)
            out[key] = value
    return out


def query_text(name: str = "q", *, required: bool = True) -> str:
    value = request.args.get(name, "")
    if required and not value.strip():
        raise InvalidParameter(key="error.required", name=name)
    if len(value) > MAX_QUERY_CHARS:
        raise InvalidParameter(key="error.too_long", name=name, cap=MAX_QUERY_CHARS)
    return value
