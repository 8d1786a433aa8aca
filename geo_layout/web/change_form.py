"""What every editing form sends about its change besides the change itself: where it comes
from. The record form, the area and photo pages, the import and the history's revert read it
here, one way: ``source_kind`` + ``source_reference``, or one ``source`` text ("kind:
reference", as the write API takes it)."""

from __future__ import annotations

from flask import request

from ..data.provenance import parse_source
from ..errors import InvalidParameter


def form_source(missing_key: str):
    """The form's :class:`~geo_layout.data.provenance.Source`; InvalidParameter with the
    catalogue's ``missing_key`` (each page says why it needs one) when there is none, or the
    parser's own when it is not a source."""
    reference = request.form.get("source_reference", "").strip()
    if reference:
        return parse_source({"kind": request.form.get("source_kind", ""),
                             "reference": reference})
    text = request.form.get("source", "").strip()
    if not text:
        raise InvalidParameter(key=missing_key)
    return parse_source(text)
