"""``?as_of=YYYY-MM-DD``: the views that show the data as it was on a date read the date and
the store for it here, so every such view parses the date the same way and refuses the same
dates with the same words.

The store is the data at the end of that day (UTC), rebuilt from the history
(:mod:`geo_layout.data.as_of`). Every view that honours ``as_of`` calls
:func:`requested_store` instead of ``current_store()`` and passes :func:`requested_date` on.
The URL's query is part of every response's ETag and render-cache key (:mod:`.caching`), so a
past view is never served for today's or another day's. Data read from a seeds folder keeps
no history: it is shown as it is, and the page says so (:func:`note`)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from flask import g, request

from ..data import as_of as history_as_of
from ..data.store import Store
from ..errors import InvalidParameter
from .state import current_store

#: the parameter's name
PARAM = "as_of"
#: the earliest date asked for (no plan's data is older)
EARLIEST = dt.date(1949, 10, 1)


def parse_date(raw: str | None) -> dt.date | None:
    """``raw`` (an ``as_of`` value) as a day: None when not given; InvalidParameter (400)
    naming what is wrong with any other value (not a date, before :data:`EARLIEST`, after
    today in UTC). The one parser of every view that honours it."""
    if raw is None or raw == "":
        return None
    try:
        day = dt.date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise InvalidParameter(key="as_of.not_a_date", value=repr(raw[:40]))
    today = dt.datetime.now(dt.timezone.utc).date()
    if not EARLIEST <= day <= today:
        raise InvalidParameter(key="as_of.out_of_range", value=raw,
                               earliest=EARLIEST.isoformat(), today=today.isoformat())
    return day


def requested_date() -> dt.date | None:
    """The request's ``as_of`` date, None without one; InvalidParameter (400) naming what
    is wrong with any other value."""
    return parse_date(request.args.get(PARAM))


def requested_store() -> Store:
    """The data as it was at the end of the requested date (today's without one, or for
    today: ``current_store()``), the same object for the whole request."""
    store = g.get("_geo_layout_as_of_store")
    if store is None:
        day = requested_date()
        today = current_store()
        if day is None or day >= dt.datetime.now(dt.timezone.utc).date():
            store = today
        else:
            store = history_as_of.store_as_of(today, day)
        g._geo_layout_as_of_store = store
    return store


def note() -> dict | None:
    """What a page shows when it is a past view: the day, whether the history made it (a
    seeds folder has none) and the link to today's view of the same page; None today."""
    day = requested_date()
    if day is None:
        return None
    keep = [(k, v) for k, v in request.args.items(multi=True) if k != PARAM]
    today_url = request.script_root + request.path + ("?" + urlencode(keep) if keep else "")
    return {"date": day.isoformat(), "history": history_as_of.keeps_history(current_store()),
            "today_url": today_url}
