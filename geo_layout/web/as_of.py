"""``?as_of=YYYY-MM-DD``: the views that show the data as it was on a date read the date and
the store for it here, so every such view parses the date the same way and refuses the same
dates with the same words."""

from __future__ import annotations

import datetime as dt

from flask import request

from ..data.store import Store
from ..errors import InvalidParameter
from .state import current_store

#: the earliest date asked for (no plan's data is older)
EARLIEST = dt.date(1949, 10, 1)


def requested_date() -> dt.date | None:
    """The request's ``as_of`` date, None without one; InvalidParameter (400) naming what
    is wrong with any other value."""
    raw = request.args.get("as_of")
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


def requested_store() -> Store:
    """The data as it was at the end of the requested date (today's without one)."""
    requested_date()
    return current_store()
