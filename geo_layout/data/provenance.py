"""Where a change comes from. Every write names its source; a change without one is refused.

A source is a kind and a reference: the plan's paragraph, an official notice (its title or
number), a survey, a named person's visit, or another document. How precisely a place's
point is known is the record's own ``precision`` (``site`` … ``prefecture``) with its
``location_source``; this is the source of the change as a whole, kept in the history.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..errors import InvalidParameter

SOURCE_KINDS = ("plan", "notice", "survey", "visit", "import", "other")
MAX_REFERENCE_CHARS = 500
#: the source of the records a plan's seeds bring in: the plan itself, cited record by record
BASELINE = {"kind": "plan", "reference": "the plan's text (each record cites its section)"}


@dataclass(frozen=True)
class Source:
    kind: str
    reference: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "reference": self.reference}

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False)


def parse_source(value) -> Source:
    """A :class:`Source` from a request: ``{"kind": …, "reference": …}`` or the short form
    ``"kind: reference"`` (a bare text is kind ``other``). InvalidParameter naming what is
    wrong when it is missing or unusable."""
    if isinstance(value, str):
        kind, sep, reference = value.partition(":")
        if not sep or kind.strip() not in SOURCE_KINDS:
            kind, reference = "other", value
        value = {"kind": kind.strip(), "reference": reference}
    if not isinstance(value, dict):
        raise InvalidParameter("source: every change needs its source: an object "
                               "{\"kind\": …, \"reference\": …} or the text \"kind: reference\" "
                               f"(kinds: {', '.join(SOURCE_KINDS)})")
    kind = value.get("kind")
    reference = value.get("reference")
    if kind not in SOURCE_KINDS:
        raise InvalidParameter(f"source.kind: must be one of {', '.join(SOURCE_KINDS)}")
    if not isinstance(reference, str) or not reference.strip():
        raise InvalidParameter("source.reference: say where the change comes from (the notice, "
                               "the survey, who visited, the document)")
    reference = reference.strip()
    if len(reference) > MAX_REFERENCE_CHARS or any(ord(c) < 32 for c in reference):
        raise InvalidParameter(f"source.reference: at most {MAX_REFERENCE_CHARS} characters, "
                               "no control characters")
    return Source(kind, reference)
