"""Validates ONE record against an already loaded dataset — what an edit (write API, form,
import) needs before it is stored. It runs the same code as the full load
(:func:`.seed_parsers.parse_record`, :func:`.seed_records.check_id`), so the rules and the
messages are the same; only what the record is checked against comes from the dataset.

A new record's id must not be in use; a replacement of record X may keep X's id (or take a
free one, unless other records still refer to X).
"""

from __future__ import annotations

import dataclasses
import weakref
from typing import Any

from .model import Dataset
from .seed_checks import Known, place_id_clash
from .seed_parsers import COLLECTIONS, parse_plan, parse_record
from .seed_records import Problem, Record, check_id, record_label

#: The record label of problems about a new record without a usable id.
NEW_RECORD = "(new record)"

_KNOWN: dict[int, tuple[weakref.ref, Known]] = {}


def _known(dataset: Dataset) -> Known:
    """The dataset's ids and boundaries, cached per dataset (with the buffered outlines the
    point-in-unit test builds on first use)."""
    entry = _KNOWN.get(id(dataset))
    if entry is not None and entry[0]() is dataset:
        return entry[1]
    known = Known.of_dataset(dataset)
    for key in [k for k, (ref, _) in _KNOWN.items() if ref() is None]:
        del _KNOWN[key]
    _KNOWN[id(dataset)] = (weakref.ref(dataset), known)
    return known


def same_ids(before: Dataset, after: Dataset) -> None:
    """``after`` holds the records of ``before`` under the same ids (one was replaced by a
    record of the same id): it shares ``before``'s ids and boundaries, already built."""
    entry = _KNOWN.get(id(before))
    if entry is not None and entry[0]() is before:
        _KNOWN[id(after)] = (weakref.ref(after), entry[1])


def records_of(dataset: Dataset, collection: str) -> tuple:
    """The records of ``collection`` (a key of :data:`~.seed_parsers.COLLECTIONS`)."""
    return getattr(dataset, COLLECTIONS[collection].key)


def referrers(dataset: Dataset, collection: str, rid: str) -> list[str]:
    """``collection/id`` of every record that refers to record ``rid`` of ``collection``."""
    field = {"industries": "industries", "layout-elements": "elements", "parks": "parks",
             "sites": "parks", "targets": "related"}.get(collection)
    out = []
    for name, spec in COLLECTIONS.items():
        for rec in getattr(dataset, spec.key, ()):
            if collection == "sections":
                hit = getattr(getattr(rec, "citation", None), "section", None) == rid
            elif collection == "element-kinds":
                hit = name == "layout-elements" and rec.kind == rid
            else:
                hit = field is not None and rid in getattr(rec, field, ())
            if hit and not (name == collection and rec.id == rid):
                out.append(f"{name}/{rec.id}")
    return out


def check_record(dataset: Dataset, collection: str, raw: Any, *,
                 replaces: str | None = None) -> tuple[Any, list[Problem]]:
    """``(record, problems)``: the typed record (None when there is any problem) and every
    problem of ``raw`` (a mapping shaped like a record of the seed files) as a record of
    ``collection`` in ``dataset`` — a new one, or the replacement of record ``replaces``.

    ``collection`` is ``plan`` or a key of :data:`~.seed_parsers.COLLECTIONS` (``sections``,
    ``industries``, ``commitments``, ``element-kinds``, ``layout-elements``, ``parks``,
    ``sites``, ``enterprises``, ``targets``). Raises ValueError for another collection and
    LookupError when ``replaces`` names no record of it."""
    problems: list[Problem] = []
    if collection == "plan":
        rec = Record("plan.yaml", "plan", raw, problems)
        plan = parse_plan(rec, _known(dataset))
        return (plan if not problems else None), problems
    spec = COLLECTIONS.get(collection)
    if spec is None:
        raise ValueError(f"unknown collection {collection!r} (known: plan, "
                         f"{', '.join(COLLECTIONS)})")
    existing = {r.id for r in records_of(dataset, collection)}
    if replaces is not None and replaces not in existing:
        raise LookupError(f"no {collection} record {replaces!r} to replace")
    taken = existing - {replaces}
    known = _known(dataset)
    rec = Record(spec.file, record_label(raw, replaces or NEW_RECORD), raw, problems)
    check_id(rec, set(taken))
    rid = rec.id
    if collection in ("parks", "sites") and rid != replaces:  # a new id: the old one is free
        known = dataclasses.replace(known, place_ids={
            k: v for k, v in known.place_ids.items() if not (k == replaces and v == collection)})
    elif collection == "targets":  # as in the full load, a target may name itself as related
        known = dataclasses.replace(known, target_ids=(known.target_ids - {replaces})
                                    | ({rid} if rid is not None else set()))
    record = parse_record(spec, rec, known)
    if rid is not None and collection in ("parks", "sites"):
        other = place_id_clash(collection, rid, known.place_ids)
        if other is not None:
            rec.problem("id", f"id also used in {other}.yaml")
    if replaces is not None and rid is not None and rid != replaces:
        users = referrers(dataset, collection, replaces)
        if users:
            more = f" and {len(users) - 5} more" if len(users) > 5 else ""
            rec.problem("id", f"renaming {replaces!r} would leave the references of "
                              f"{', '.join(users[:5])}{more} to it dangling")
    return (record if not problems else None), problems


def validate_record(dataset: Dataset, collection: str, raw: Any, *,
                    replaces: str | None = None) -> list[Problem]:
    """Every problem of ``raw`` as a record of ``collection`` (empty when it is valid); see
    :func:`check_record`."""
    return check_record(dataset, collection, raw, replaces=replaces)[1]
