"""One seed record as the loader sees it: a YAML mapping with typed field accessors, and the
:class:`Problem` each bad field becomes (never an exception: every problem is collected)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from .model import Citation, Text

MAX_TEXT_CHARS = 2_000
MAX_ID_CHARS = 100
#: A value quoted in a problem message is cut to this many characters (a hostile 1 MB string
#: is refused with a message of normal size).
MAX_SHOWN_CHARS = 200
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ADCODE = re.compile(r"^[0-9]{6}$")


def shown(value: Any) -> str:
    """``repr(value)`` for a problem message, cut when it is very long."""
    text = repr(value)
    return text if len(text) <= MAX_SHOWN_CHARS else text[:MAX_SHOWN_CHARS] + "…"


@dataclass(frozen=True)
class Problem:
    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.record}: {self.field}: {self.message}"


class Record:
    """Typed access to one YAML mapping; each bad field becomes a Problem, never an exception."""

    def __init__(self, file: str, rid: str, raw: Any, problems: list[Problem]):
        self.file, self.rid, self.problems = file, rid, problems
        self.is_mapping = isinstance(raw, dict)
        self.raw = raw if self.is_mapping else {}
        if not self.is_mapping:
            self.problem("(record)", f"must be a mapping, got {type(raw).__name__}")

    @property
    def id(self) -> str | None:
        """The record's id when it is a string (whether a valid slug is checked by
        :func:`check_id`); None when it is missing or of another type."""
        rid = self.raw.get("id")
        return rid if isinstance(rid, str) else None

    def problem(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.rid, field, message))

    def check_fields(self, allowed: set[str]) -> None:
        for key in self.raw:
            if key not in allowed:
                self.problem(str(key), f"unknown field (allowed: {', '.join(sorted(allowed))})")

    def _get(self, field: str, required: bool) -> Any:
        value = self.raw.get(field)
        if value is None and required:
            self.problem(field, "is required")
        return value

    def string(self, field: str, *, required: bool = True, pattern: re.Pattern | None = None,
               choices: tuple[str, ...] | None = None) -> str | None:
        value = self._get(field, required)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and pattern is ADCODE:
            value = str(value)
        if not isinstance(value, str):
            self.problem(field, f"must be a string, got {type(value).__name__}")
            return None
        if choices is not None and value not in choices:
            self.problem(field, f"{shown(value)} is not one of {', '.join(choices)}")
            return None
        if pattern is not None and not pattern.match(value):
            what = "a 6-digit adcode" if pattern is ADCODE else "a lowercase ASCII slug"
            self.problem(field, f"{shown(value)} is not {what}")
            return None
        if pattern is SLUG and len(value) > MAX_ID_CHARS:
            self.problem(field, f"longer than {MAX_ID_CHARS} characters")
            return None
        return value

    def text(self, field: str, *, required: bool = True) -> Text | None:
        value = self._get(field, required)
        if value is None:
            return None
        if not isinstance(value, dict) or set(value) != {"zh", "en"}:
            self.problem(field, "must be a mapping with exactly the keys zh and en")
            return None
        for lang in ("zh", "en"):
            if not isinstance(value[lang], str) or not value[lang].strip():
                self.problem(f"{field}.{lang}", "must be a non-empty string")
                return None
            if len(value[lang]) > MAX_TEXT_CHARS:
                self.problem(f"{field}.{lang}", f"longer than {MAX_TEXT_CHARS} characters")
                return None
        return Text(zh=value["zh"], en=value["en"])

    def number(self, field: str, *, required: bool = True, integer: bool = False) -> Any:
        value = self._get(field, required)
        if value is None:
            return None
        kinds = (int,) if integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or (
                isinstance(value, float) and not math.isfinite(value)):
            self.problem(field, f"must be {'an integer' if integer else 'a number'}, "
                                f"got {shown(value)}")
            return None
        return value

    def list_of(self, field: str, pattern: re.Pattern = SLUG) -> tuple[str, ...]:
        value = self.raw.get(field)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(field, f"must be a list, got {type(value).__name__}")
            return ()
        out = []
        for i, item in enumerate(value):
            if isinstance(item, int) and not isinstance(item, bool) and pattern is ADCODE:
                item = str(item)
            if not isinstance(item, str) or not pattern.match(item) or len(item) > MAX_ID_CHARS:
                self.problem(f"{field}[{i}]", f"{shown(item)} is not a valid id")
            else:
                out.append(item)
        return tuple(out)

    def citation(self) -> Citation | None:
        value = self._get("citation", True)
        if value is None:
            return None
        if not isinstance(value, dict) or not isinstance(value.get("section"), str):
            self.problem("citation", "must be a mapping with a section id")
            return None
        extra = set(value) - {"section", "paragraph"}
        if extra:
            self.problem("citation", f"unknown field(s) {', '.join(sorted(map(str, extra)))}")
        paragraph = value.get("paragraph")
        if paragraph is not None and (isinstance(paragraph, bool) or not isinstance(paragraph, int)
                                      or paragraph < 1):
            self.problem("citation.paragraph",
                         f"must be a positive integer, got {shown(paragraph)}")
            paragraph = None
        return Citation(section=value["section"], paragraph=paragraph)


def record_label(raw: Any, fallback: str) -> str:
    """How problems name a record: its id when that is a non-empty string, else ``fallback``."""
    rid = raw.get("id") if isinstance(raw, dict) else None
    if not (isinstance(rid, str) and rid):
        return fallback
    return rid if len(rid) <= MAX_SHOWN_CHARS else rid[:MAX_SHOWN_CHARS] + "…"


def check_id(rec: Record, taken: set) -> None:
    """The id is a slug and not in ``taken`` (the ids already used in its collection), to
    which it is then added."""
    if not rec.is_mapping:
        return
    rid = rec.raw.get("id")
    rec.string("id", pattern=SLUG)
    if isinstance(rid, str):
        if rid in taken:
            rec.problem("id", f"duplicate id {rid!r}")
        taken.add(rid)


def records(doc: dict, file: str, key: str, problems: list[Problem]) -> list[Record]:
    """The records of the list ``doc[key]``, each id checked (a slug, unique in the list)."""
    items = doc.get(key)
    if items is None:
        problems.append(Problem(file, "(file)", key, "is required (a list of records)"))
        return []
    if not isinstance(items, list):
        problems.append(Problem(file, "(file)", key, "must be a list of records"))
        return []
    return list(iter_records(items, file, problems))


def iter_records(items, file: str, problems: list[Problem]):
    """The records of ``items`` (an iterable of raw records) one at a time, ids checked as
    :func:`records` does."""
    seen: set = set()
    for index, raw in enumerate(items):
        rec = Record(file, record_label(raw, f"#{index + 1}"), raw, problems)
        check_id(rec, seen)
        yield rec
