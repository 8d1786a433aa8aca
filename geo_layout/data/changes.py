"""What a revision changed, field by field: the top-level fields of a record (shaped like a seed
file's entry) whose values differ between its ``before`` and ``after``. Framework-free; the
history pages and anyone reading :meth:`Store.history` in a notebook use it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: a field a record did not have (before a create, after a delete, or a field added / dropped)
ABSENT = None


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


def field_changes(before: dict | None, after: dict | None) -> list[FieldChange]:
    """The fields that differ, ``id`` first and the rest in the record's own order (the new
    record's, then any field only the old one had). A created record lists every field of
    the new one (``before`` ABSENT), a deleted one every field of the old (``after``
    ABSENT)."""
    old = before or {}
    new = after or {}
    order = list(new) + [k for k in old if k not in new]
    order.sort(key=lambda k: k != "id")  # stable: only moves "id" to the front
    return [FieldChange(k, old.get(k, ABSENT), new.get(k, ABSENT)) for k in order
            if k not in old or k not in new or old[k] != new[k]]
