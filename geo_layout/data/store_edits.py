"""An edit applied to an in-memory store without a full reload: the dataset with the record
replaced, added or removed, and a new store that rebuilds only the features the edit touched
(the places it names; every feature when the layout itself changed)."""

from __future__ import annotations

import dataclasses
from typing import Any, Iterable, NamedTuple

from .features import (PLACE_COLLECTIONS, enterprises_naming, listing_place, place_feature,
                       place_features, relisted)
from .model import Dataset
from .seed_parsers import COLLECTIONS
from .seed_single import same_ids
from .memory import collector_paused
from .store import InMemoryStore, spliced

#: collections whose records no place feature shows (an edit leaves every place as it was)
_NO_PLACE_FIELDS = ("targets", "target-values", "industries", "sections", "commitments")


class Edit(NamedTuple):
    collection: str   # "plan" or a key of seed_parsers.COLLECTIONS
    record_id: str
    record: Any       # the typed record after the change; None when it was deleted


def edited_dataset(dataset: Dataset, edit: Edit) -> Dataset:
    """``dataset`` with one record replaced (same id), added (at the end) or removed."""
    return with_edits(dataset, [edit])


def with_edits(dataset: Dataset, edits: Iterable[Edit]) -> Dataset:
    """``dataset`` with ``edits`` applied in order (each replaces, adds at the end or removes
    one record): one pass per collection touched, so a batch of n edits costs n, not n²."""
    edits = list(edits)
    if len(edits) <= FEW_EDITS:
        for edit in edits:
            dataset = _with_edit(dataset, edit)
        return dataset
    changed: dict[str, dict] = {}  # collection key -> {id: record}, in order
    for edit in edits:
        if edit.collection == "plan":
            dataset = dataclasses.replace(dataset, plan=edit.record)
            continue
        key = COLLECTIONS[edit.collection].attribute
        if key not in changed:
            changed[key] = {r.id: r for r in getattr(dataset, key)}
        records = changed[key]
        if edit.record is None:
            records.pop(edit.record_id, None)
        elif edit.record_id in records and edit.record.id != edit.record_id:  # renamed
            records = changed[key] = {(edit.record.id if k == edit.record_id else k):
                                      (edit.record if k == edit.record_id else v)
                                      for k, v in records.items()}
        else:
            records[edit.record_id] = edit.record
    if not changed:
        return dataset
    return dataclasses.replace(dataset, **{k: tuple(v.values()) for k, v in changed.items()})


#: up to this many edits, each is applied on its own (a copy of one collection's records and
#: a scan for the one it replaces: ~5 ms at 100,000 sites); more share one pass by id
FEW_EDITS = 8


def _with_edit(dataset: Dataset, edit: Edit) -> Dataset:
    if edit.collection == "plan":
        return dataclasses.replace(dataset, plan=edit.record)
    key = COLLECTIONS[edit.collection].attribute
    records = list(getattr(dataset, key))
    at = next((i for i, r in enumerate(records) if r.id == edit.record_id), None)
    if edit.record is None:
        if at is not None:
            del records[at]
    elif at is None:
        records.append(edit.record)
    else:
        records[at] = edit.record
    return dataclasses.replace(dataset, **{key: tuple(records)})


def _stale_places(enterprises: dict, edit: Edit) -> set[str] | None:
    """The places whose features ``edit`` changes (``enterprises``: the enterprises by id
    before it); None: possibly every feature."""
    if edit.collection in PLACE_COLLECTIONS:
        return {edit.record_id}
    if edit.collection in _NO_PLACE_FIELDS:
        return set()
    if edit.collection == "enterprises":
        before = enterprises.get(edit.record_id)
        return set(before.parks if before else ()) | set(edit.record.parks if edit.record
                                                          else ())
    return None


def _listed_the_same(store: InMemoryStore, edit: Edit) -> bool:
    """True when ``edit`` changes a place but nothing other features list of it: the place
    stays (same id and collection) in the lists that name it (:func:`.listing_place`)."""
    if edit.collection not in PLACE_COLLECTIONS or edit.record is None:
        return False
    before = store._by_id[edit.collection].get(edit.record_id)  # noqa: SLF001
    new = edit.record
    return before is not None and new.id == before.id and set(_lists_naming(before)) == set(
        listing_place(new.prefecture, new.elements, new.industries))


def _lists_naming(feature) -> list[tuple[str, str]]:
    """The lists that name the place of ``feature`` (:func:`.listing_place`)."""
    p = feature.properties
    return listing_place(p["prefecture"], p["elements"], p["industries"])


def apply_edits(store: InMemoryStore, edits: Iterable[Edit], version: str) -> InMemoryStore:
    """A new store: ``store``'s data with ``edits`` applied in order, at ``version``. An edit
    of a place that other features do not list differently (the usual move or correction)
    replaces that one feature; places created, deleted or moved to another prefecture,
    element or industry replace theirs and the lists that name them
    (:func:`_places_set`); any other edit rebuilds the features, keeping untouched places."""
    edits = list(edits)
    if all(_listed_the_same(store, e) for e in edits):
        dataset = dataclasses.replace(with_edits(store.dataset, edits), version=version)
        same_ids(store.dataset, dataset)
        changed = {}
        for edit in edits:
            before = store.get(edit.collection, edit.record_id)
            changed[edit.record_id] = place_feature(dataset, edit.record,
                                                    before.properties["enterprises"])
        return store.with_places(dataset, list(changed.values()))
    if all(e.collection in PLACE_COLLECTIONS and (e.record is None or e.record.id == e.record_id)
           for e in edits):
        return _places_set(store, edits, version)
    stale: set[str] | None = set()
    enterprises = {e.id: e for e in store.dataset.enterprises}
    for edit in edits:
        touched = _stale_places(enterprises, edit)
        if touched is None:
            stale = None
        elif stale is not None:
            stale |= touched
        if edit.collection == "enterprises":
            enterprises[edit.record_id] = edit.record
    dataset = dataclasses.replace(with_edits(store.dataset, edits), version=version)
    with collector_paused():
        return InMemoryStore(dataset, previous=store, stale_places=stale)


def _places_set(store: InMemoryStore, edits: list[Edit], version: str) -> InMemoryStore:
    """``store`` with ``edits`` of places only (none renamed) applied: the edited places'
    features built again, the deleted ones dropped, and the prefectures, elements and
    industries whose ``places`` changed relisted; the cost is the edits, not the plan
    (:func:`.store.spliced`; a day's thousands of changes undone: :mod:`.as_of`)."""
    dataset = dataclasses.replace(with_edits(store.dataset, edits), version=version)
    first: dict[str, set] = {}  # place id -> the lists naming it before the edits
    now: dict[str, Any] = {}  # place id -> its record after them (None: deleted)
    for edit in edits:
        if edit.record_id not in first:
            feature = store._by_id[edit.collection].get(edit.record_id)  # noqa: SLF001
            first[edit.record_id] = set() if feature is None else set(_lists_naming(feature))
        now[edit.record_id] = edit.record
    changes: dict[tuple[str, str], tuple[list, list]] = {}  # list -> (dropped, added)
    for pid, place in now.items():
        last = set() if place is None else set(
            listing_place(place.prefecture, place.elements, place.industries))
        for key in first[pid] - last:
            changes.setdefault(key, ([], []))[0].append(pid)
        for key in last - first[pid]:
            changes.setdefault(key, ([], []))[1].append(pid)
    relists = []
    for (collection, fid), (dropped, added) in changes.items():
        feature = store._by_id[collection].get(fid)  # noqa: SLF001
        if feature is not None:  # None: a place names no prefecture
            places = spliced(feature.properties["places"], dropped, sorted(added)).items
            relists.append(relisted(feature, places))
    upserted = place_features(dataset, [r for r in now.values() if r is not None],
                              enterprises_naming(dataset))
    removed = {name: {e.record_id for e in edits if e.collection == name
                      and now[e.record_id] is None} for name in PLACE_COLLECTIONS}
    with collector_paused():
        return store.with_place_set(dataset, upserted, removed, relists)

