"""The maps' access to the service's one catalogue of words (:mod:`geo_layout.words`), in the
argument order the map builders use."""

from __future__ import annotations

from ..words import t


def label(lang: str, key: str, **values) -> str:
    """The ``key`` string in ``lang`` (Chinese for anything but "en"); plain text, not HTML.
    Raises KeyError for a key the catalogue lacks."""
    return t(key, lang, **values)
