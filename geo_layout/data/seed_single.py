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
from typing import Any, Container, Mapping

from .features import PLACE_COLLECTIONS
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
    _remember(dataset, known)
    return known


def _remember(dataset: Dataset, known: Known) -> None:
    """Cache ``known`` for ``dataset``, dropping the entries of datasets gone (every edit
    makes a dataset: without this the cache grew by one entry an edit)."""
    for key in [k for k, (ref, _) in _KNOWN.items() if ref() is None]:
        del _KNOWN[key]
    _KNOWN[id(dataset)] = (weakref.ref(dataset), known)


def same_ids(before: Dataset, after: Dataset) -> None:
    """``after`` holds the records of ``before`` under the same ids (one was replaced by a
    record of the same id): it shares ``before``'s ids and boundaries, already built."""
    entry = _KNOWN.get(id(before))
    if entry is not None and entry[0]() is before:
        _remember(after, entry[1])


def records_of(dataset: Dataset, collection: str) -> tuple:
    """The records of ``collection`` (a key of :data:`~.seed_parsers.COLLECTIONS`)."""
    return getattr(dataset, COLLECTIONS[collection].attribute)


def referrers(dataset: Dataset, collection: str, rid: str) -> list[str]:
    """``collection/id`` of every record that refers to record ``rid`` of ``collection``."""
    field = {"industries": "industries", "layout-elements": "elements", "parks": "parks",
             "sites": "parks", "targets": "related"}.get(collection)
    out = []
    for name, spec in COLLECTIONS.items():
        for rec in getattr(dataset, spec.attribute, ()):
            if collection == "sections":
                hit = getattr(getattr(rec, "citation", None), "section", None) == rid
            elif collection == "element-kinds":
                hit = name == "layout-elements" and rec.kind == rid
            elif collection == "targets" and name == "target-values":
                hit = rec.target == rid  # a value is of one target
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
    known = _known(dataset)
    if collection in PLACE_COLLECTIONS:  # their ids are known already: a view, no set
        existing: Container[str] = _PlaceIds(known.place_ids, collection)
    else:
        existing = {r.id for r in records_of(dataset, collection)}
    return _check(dataset, known, existing, spec, collection, raw, replaces)


class _PlaceIds:
    """The ids of one place collection, read from the ids of both (id -> collection): an
    edit of one of 100,000 sites need not collect their ids into a set (~4 MB, ~5 ms)."""

    def __init__(self, place_ids: Mapping[str, str], collection: str):
        self.place_ids, self.collection = place_ids, collection

    def __contains__(self, rid) -> bool:
        return self.place_ids.get(rid) == self.collection


def _check(dataset: Dataset, known: Known, existing: Container[str], spec, collection: str,
           raw: Any, replaces: str | None) -> tuple[Any, list[Problem]]:
    """:func:`check_record` of a collection record against ``known`` and the ``existing``
    ids of its collection (the dataset's own, or those of :class:`InTurn`)."""
    problems: list[Problem] = []
    if replaces is not None and replaces not in existing:
        raise LookupError(f"no {collection} record {replaces!r} to replace")
    rec = Record(spec.file, record_label(raw, replaces or NEW_RECORD), raw, problems)
    check_id(rec, _Taken(existing, replaces))
    rid = rec.id
    if collection in PLACE_COLLECTIONS and replaces is not None and rid != replaces:
        known = dataclasses.replace(known, place_ids={  # a new id: the old one is free
            k: v for k, v in known.place_ids.items() if not (k == replaces and v == collection)})
    elif collection == "targets" and ((replaces is not None and rid != replaces) or (
            rid is not None and rid not in known.target_ids)):
        # as in the full load, a target may name itself as related
        known = dataclasses.replace(known, target_ids=(known.target_ids - {replaces})
                                    | ({rid} if rid is not None else set()))
    record = parse_record(spec, rec, known)
    if rid is not None and collection in PLACE_COLLECTIONS:
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


class _Taken:
    """The ids a record may not take: ``existing`` but for the one it replaces (a view, not
    a copy: a batch checks thousands of records against thousands of ids)."""

    def __init__(self, existing: Container[str], replaces: str | None):
        self.existing, self.replaces = existing, replaces

    def __contains__(self, rid) -> bool:
        return rid != self.replaces and rid in self.existing

    def add(self, rid) -> None:
        """check_id notes the id as taken: the caller decides that (the record may fail)."""


class InTurn:
    """Checks records one after another, each against ``dataset`` with the records accepted
    before it applied (a batch: an import, or another process's batch being followed): the
    same rules as :func:`check_record`, but the ids grow as records are accepted instead of
    being collected again for each record, so a batch of n records costs n checks, not n².
    Boundaries (and their buffered outlines) are shared with the dataset's own cache."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        base = _known(dataset)
        self.known = dataclasses.replace(  # _buffered and _shared: the same dicts, shared
            base, place_ids=dict(base.place_ids), target_ids=set(base.target_ids),
            element_ids=set(base.element_ids))
        self._ids: dict[str, set] = {}

    def ids(self, collection: str) -> set:
        """The ids of ``collection`` as the batch has made it so far."""
        if collection not in self._ids:
            self._ids[collection] = {r.id for r in records_of(self.dataset, collection)}
        return self._ids[collection]

    def check(self, collection: str, raw: Any, *, replaces: str | None = None
              ) -> tuple[Any, list[Problem]]:
        """:func:`check_record` against the data as the batch has made it; an accepted
        record's id is then taken (and a renamed record's old id freed)."""
        spec = COLLECTIONS.get(collection)
        if spec is None:
            raise ValueError(f"unknown collection {collection!r} in a batch")
        record, problems = _check(self.dataset, self.known, self.ids(collection), spec,
                                  collection, raw, replaces)
        if record is not None:
            if replaces is not None and replaces != record.id:
                self.removed(collection, replaces)
            self.taken(collection, record.id)
        return record, problems

    def removed(self, collection: str, rid: str) -> None:
        """Record ``rid`` of ``collection`` is gone (deleted, or renamed)."""
        self.ids(collection).discard(rid)
        if collection in PLACE_COLLECTIONS and self.known.place_ids.get(rid) == collection:
            del self.known.place_ids[rid]
        elif collection == "targets":
            self.known.target_ids.discard(rid)
        elif collection == "layout-elements":
            self.known.element_ids.discard(rid)

    def taken(self, collection: str, rid: str) -> None:
        """Record ``rid`` of ``collection`` exists now (accepted elsewhere)."""
        self.ids(collection).add(rid)
        if collection in PLACE_COLLECTIONS:
            self.known.place_ids.setdefault(rid, collection)
        elif collection == "targets":
            self.known.target_ids.add(rid)
        elif collection == "layout-elements":
            self.known.element_ids.add(rid)


def validate_record(dataset: Dataset, collection: str, raw: Any, *,
                    replaces: str | None = None) -> list[Problem]:
    """Every problem of ``raw`` as a record of ``collection`` (empty when it is valid); see
    :func:`check_record`."""
    return check_record(dataset, collection, raw, replaces=replaces)[1]
