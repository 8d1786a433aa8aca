"""Lists of places as the pages show them: capped to a number of rows, with the count and
links to the full list (the directory, the downloads, the API), so a large dataset does not
turn a page into megabytes of rows."""

from __future__ import annotations

from flask import url_for

from .. import links
from .rows import PLACE_COLLECTIONS, place_row

#: Rows of a list of places on a page; the rest are one link away (directory, downloads).
LIST_ROWS = 100


def capped(store, features: list, lang: str, filters: dict, collections=PLACE_COLLECTIONS,
           *, directory: bool = True, rows: int = LIST_ROWS) -> dict:
    """A list of places: the first ``rows`` rows (in the given order), how many there are,
    and where the full list is: the directory with the same ``filters`` (unless ``directory``
    is false, then the API) and the downloads of ``collections`` with them."""
    return {
        "rows": [place_row(store, f, lang) for f in features[:rows]],
        "total": len(features),
        "directory": url_for("pages.directory", lang=lang, **filters) if directory else None,
        "downloads": links.list_links(collections, filters, api=not directory, lang=lang),
    }


def unlocated(store, collections, lang: str, filters: dict | None = None) -> dict:
    """The places the plan does not locate (among those passing ``filters``), capped
    (:func:`capped`)."""
    features = [f for c in collections for f in store.query(c, filters).features
                if f.geometry() is None]
    return capped(store, features, lang, {**(filters or {}), "precision": "unknown"},
                  collections)
