"""One narrow store interface over a loaded dataset, and its in-memory implementation.

The interface is what ``web`` and ``maps`` may call; a PostGIS implementation can replace the
in-memory one later without them noticing. Distances are geodesic (WGS-84 ellipsoid, pyproj);
candidates come from a shapely STRtree per collection.
"""

from __future__ import annotations

import abc
import bisect
import collections.abc as abc_collections
import functools
import gc
import math
import operator
import threading
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping, NamedTuple, Sequence

import numpy as np
import shapely
from pyproj import Geod

from ..errors import InvalidParameter, NotFound
from ..words import Key
from .features import (COLLECTIONS, GEOMETRY_COLLECTIONS, OWN_ORDER, PLACE_COLLECTIONS,
                       Feature, build_features)
from .memory import big_build, collector_paused, release_free_memory
from .model import Boundary, Commitment, Dataset, ElementKind, Industry, Plan, Section
from .search import (Entry, SearchIndex, TextForms, make_entry, normalise, release_pinyin,
                     warm_pinyin)
from .vocab import Vocabulary

# query parameter -> feature property, per collection; list properties match by membership.
# A place's ``land_available`` (yes / no) is derived from its ``land_available_ha``.
FILTERS: dict[str, dict[str, str]] = {
    "prefectures": {"element": "elements", "role": "roles"},
    "counties": {"prefecture": "prefecture", "element": "elements"},
    "layout-elements": {"kind": "kind", "prefecture": "prefectures", "industry": "industries"},
    "parks": {"prefecture": "prefecture", "county": "county", "element": "elements",
              "area": "areas", "industry": "industries", "kind": "kind",
              "precision": "precision", "group": "group", "status": "status",
              "land_available": "land_available"},
    "sites": {"prefecture": "prefecture", "county": "county", "element": "elements",
              "area": "areas", "industry": "industries", "kind": "kind",
              "precision": "precision", "group": "group", "status": "status",
              "land_available": "land_available"},
    "enterprises": {"element": "elements", "industry": "industries", "role": "role",
                    "park": "parks"},
    "targets": {"element": "elements", "industry": "industries", "measure": "measure",
                "year": "year"},
    "target-values": {"target": "target", "year": "year"},
    "industries": {"element": "elements"},
    "sections": {},
}
SEARCH_COLLECTIONS = ("parks", "sites", "layout-elements", "enterprises", "prefectures",
                      "counties", "targets")
_GEOD = Geod(ellps="WGS84")
EARTH_HALF_CIRCUMFERENCE_KM = 20_100.0
K_START_KM = 2.0  # first search radius of a k-nearest query (grown 4x until enough)
# Great-circle (haversine) distances on the mean sphere are within 0.6% of WGS-84 geodesic
# ones (ratio 0.9955..1.0056 measured over the globe at every scale); they pick which
# candidates deserve a geodesic distance with this much room, plus SLACK_KM for the rounding
# of distances to metres.
MEAN_RADIUS_KM = 6371.0088
APPROX_ERROR = 0.02
SLACK_KM = 0.01


@dataclass(frozen=True)
class Page:
    features: list[Feature]
    total: int
    offset: int
    limit: int | None


@dataclass(frozen=True)
class Hit:
    feature: Feature
    score: float


@dataclass(frozen=True)
class Near:
    feature: Feature
    distance_km: float


class Store(abc.ABC):
    """What the service asks of its data, and all it may ask: nothing outside ``data/`` reaches
    past these methods (tests/test_layers.py fails if it does), so another implementation (a
    database) replaces this one unnoticed. Everything returns features in WGS-84.
    tests/data/test_store_contract.py holds every implementation to the same answers."""

    # --- the plan: metadata and vocabularies ---------------------------------------------

    @abc.abstractmethod
    def plan(self) -> Plan:
        """The plan's metadata (id, titles, issuer, period, formula, intro...)."""

    @abc.abstractmethod
    def sections(self) -> Sequence[Section]:
        """The plan's sections, in text order (what citations name)."""

    @abc.abstractmethod
    def industries(self) -> Sequence[Industry]:
        """The industry vocabulary, in the plan's order."""

    @abc.abstractmethod
    def commitments(self) -> Sequence[Commitment]:
        """What the plan sets without a figure, in the plan's order."""

    @abc.abstractmethod
    def kinds(self) -> Sequence[ElementKind]:
        """The layout's element kinds in legend order, with their names and colours."""

    @abc.abstractmethod
    def province(self) -> Boundary:
        """The province the plan covers (its outline frames every map)."""

    @property
    @abc.abstractmethod
    def version(self) -> str:
        """Changes whenever any answer may change (ETags and caches key on it)."""

    # --- records --------------------------------------------------------------------------

    @abc.abstractmethod
    def collections(self) -> Sequence[str]: ...

    @abc.abstractmethod
    def get(self, collection: str, fid: str) -> Feature: ...

    @abc.abstractmethod
    def query(self, collection: str, filters: Mapping[str, str] | None = None,
              bbox: tuple[float, float, float, float] | None = None,
              limit: int | None = None, offset: int = 0) -> Page: ...

    def place(self, place_id: str) -> Feature:
        """The park or site ``place_id``: the two collections share one id space (and the
        ``/parks/<id>`` pages)."""
        for collection in PLACE_COLLECTIONS:
            try:
                return self.get(collection, place_id)
            except NotFound:
                continue
        raise NotFound(key="error.no_place", id=place_id[:80])

    def count(self, collection: str, filters: Mapping[str, str] | None = None) -> int:
        return self.query(collection, filters, limit=0).total

    def distinct(self, collection: str, prop: str) -> set:
        """The values of property ``prop`` in ``collection`` (list values flattened)."""
        out: set = set()
        for f in self.query(collection).features:
            value = f.properties.get(prop)
            out.update(value if isinstance(value, list) else [value])
        out.discard(None)
        return out

    @abc.abstractmethod
    def resolve(self, collection: str, filters: Mapping[str, str] | None) -> dict[str, str]:
        """``filters`` with names resolved to codes (``prefecture=<its name>`` -> its adcode);
        InvalidParameter listing the valid values for one that names nothing."""

    # --- places and space -------------------------------------------------------------------

    @abc.abstractmethod
    def located(self, collection: str, bbox=None) -> tuple[np.ndarray, list[Feature]]:
        """Lon/lat array (n x 2) and features of the located points of a point collection,
        optionally only those inside ``bbox`` (for clustering)."""

    def selection(self, collection: str, filters: Mapping[str, str] | None = None,
                  q: str | None = None) -> tuple[np.ndarray, list[Feature]]:
        """The located points of ``collection`` passing ``filters`` and, with ``q``, the name
        search: see :func:`.clusters.selection` (kept per store, so a reload starts afresh)."""
        from .clusters import selection

        return selection(self, collection, filters, q)

    @abc.abstractmethod
    def nearby(self, lon: float, lat: float, radius_km: float | None = None,
               k: int | None = None,
               collections: Sequence[str] = PLACE_COLLECTIONS) -> list[Near]: ...

    @abc.abstractmethod
    def search(self, q: str, limit: int = 20,
               collections: Sequence[str] = SEARCH_COLLECTIONS) -> list[Hit]: ...

    @abc.abstractmethod
    def extent(self, collection: str) -> tuple[float, float, float, float] | None: ...

    #: the day (UTC) whose end this store's data shows, rebuilt from the history
    #: (:mod:`.as_of`); None: the data as it is now
    as_of = None

    # --- edits (a database store; the seeds store is read-only) ----------------------------

    #: True when this store takes writes (then the methods below work).
    editable = False

    def record_version(self, collection: str, fid: str) -> int:
        """How many times the record was changed: its ETag and what If-Match names (records
        read from a seeds folder are all at version 1)."""
        self.get(collection, fid)
        return 1

    def stored(self, collection: str, fid: str) -> dict:
        """The record as stored, shaped like a seed file's entry (what an edit starts from)."""
        raise self._read_only()

    def create(self, collection: str, body: dict, *, author: str, source, comment: str = "",
               batch: str | None = None):
        """Add a record (validated against the rest); the change, with its revision."""
        raise self._read_only()

    def replace(self, collection: str, fid: str, body: dict, *, expected: int | None,
                author: str, source, comment: str = ""):
        """Replace record ``fid``; PreconditionFailed when it is no longer at ``expected``."""
        raise self._read_only()

    def delete(self, collection: str, fid: str, *, expected: int | None, author: str, source,
               comment: str = ""):
        raise self._read_only()

    def revert(self, seq: int, *, author: str, source, comment: str = ""):
        """Undo revision ``seq`` with a new revision."""
        raise self._read_only()

    def check_batch(self, collection: str, changes: Sequence) -> list:
        """A dry run of :meth:`write_batch`: ``[(position, problem)]`` for every problem of
        ``changes`` (``[(record_id or None, body or None)]``), nothing stored."""
        raise self._read_only()

    def write_batch(self, collection: str, changes: Sequence, *, author: str, source,
                    comment: str = "", batch: str | None = None):
        """Write ``changes`` (``[(record_id or None, body or None)]``: create, replace,
        delete) in one transaction, all or nothing, as one batch of the history."""
        raise self._read_only()

    def revert_batch(self, batch: str, *, author: str, source, comment: str = ""):
        """Undo every change of batch ``batch`` with one new batch."""
        raise self._read_only()

    def photo(self, collection: str, fid: str, with_data: bool = False):
        """Record ``fid``'s photo (a :class:`.photos.StoredPhoto`, its bytes when
        ``with_data``), or None (a seeds folder has no photos)."""
        return None

    def set_photo(self, collection: str, fid: str, photo, *, expected: str, author: str,
                  source, comment: str = ""):
        """Set (a :class:`.photos.ProcessedPhoto`) or remove (None) record ``fid``'s photo,
        as a revision; PreconditionFailed when its photo is no longer ``expected`` (the
        sha256 the editor saw, or "none")."""
        raise self._read_only()

    def history(self, collection: str | None = None, fid: str | None = None, since=None,
                before: int | None = None, limit: int | None = 50, author: str | None = None,
                batch: str | None = None) -> list:
        """The revisions, newest first (none for data read from a seeds folder): of one
        collection or record, by one author, of one batch, at or after ``since`` (an aware
        datetime), older than revision ``before``."""
        return []

    def revision_of(self, seq: int):
        raise NotFound(f"no revision {seq}: this data is read from a seeds folder")

    def _read_only(self):
        from ..errors import ReadOnly

        return ReadOnly("this data is served read-only from a seeds folder: serve it from a "
                        "database to edit it (see the README, storage)")


class InMemoryStore(Store):
    """Everything in memory, indexed once at construction; immutable afterwards, so it is safe
    to share between threads and to swap whole on reload."""

    def __init__(self, dataset: Dataset, previous: "InMemoryStore | None" = None,
                 stale_places: "set[str] | None" = None):
        """``previous`` and ``stale_places``: the store before an edit and the places whose
        features the edit changed; the other place features are taken from ``previous``."""
        reuse = None
        if previous is not None and stale_places is not None:
            reuse = {f.id: f for name in PLACE_COLLECTIONS
                     for f in previous._features[name] if f.id not in stale_places}
        features = build_features(dataset, reuse)
        self._by_id, self._trees, self._points = {}, {}, {}
        self._vocabulary: Vocabulary | None = None
        self._index(dataset, features, {name: None for name in features})

    def _index(self, dataset: Dataset, features: dict[str, list[Feature]],
               rebuild: dict[str, "InMemoryStore | None"],
               before: "InMemoryStore | None" = None, changed: Sequence[Feature] = ()) -> None:
        """Index ``features``; collections in ``rebuild`` are indexed afresh (or, when mapped
        to a previous store whose geometries they share, keep its trees and point arrays).
        ``before`` and ``changed``: the store whose features ``changed`` replace (same ids):
        its indexes are copied and patched."""
        self.dataset = dataset
        self._features = features
        for name, previous in rebuild.items():
            feats = features[name]
            mine = [f for f in changed if f.collection == name]
            self._by_id[name] = _by_id(name, feats)
            if name not in GEOMETRY_COLLECTIONS:
                continue
            if previous is not None and before is not None:
                located = list(before._trees[name][1])  # no point moved: same ids, same order
                for f in mine:
                    if f.geometry("medium") is not None:  # an unlocated place is not in it
                        located[_position(located, f.id)] = f
            else:
                located = [f for f in feats if f.geometry("medium") is not None]
            if previous is not None:
                tree = previous._trees[name][0]
            else:
                tree = shapely.STRtree([f.geometry("medium") for f in located])
            self._trees[name] = (tree, located)
            if name in PLACE_COLLECTIONS:
                if previous is not None:
                    xy = previous._points[name][0]
                else:
                    xy = shapely.get_coordinates([f.geometry() for f in located]).reshape(-1, 2)
                self._points[name] = (xy, located)
        self._fresh_caches()

    def _fresh_caches(self) -> None:
        """What a store builds on first use (search index, filter indexes), not built yet."""
        self._search_index: tuple[SearchIndex, list[Feature]] | None = None
        self._search_lock = threading.Lock()
        self._search_before: InMemoryStore | None = None
        self._filter_indexes: dict[tuple[str, str], dict[str, list[Feature]]] = {}

    def _successor(self) -> "InMemoryStore":
        """A new store sharing this one's id maps, trees and point arrays (shallow copies, for
        the caller to patch what an edit changed)."""
        new = InMemoryStore.__new__(InMemoryStore)
        new._by_id = dict(self._by_id)
        new._trees = dict(self._trees)
        new._points = dict(self._points)
        new._vocabulary = None  # it knows the parks' names and the values present
        return new

    def _searched_meanwhile(self) -> "InMemoryStore | None":
        """The store whose built index a successor answers searches from until its own is
        built (see build_search): 100,000 sites take seconds, which no edit should add to the
        next search."""
        return self if self._search_index is not None else self._search_before

    def with_places(self, dataset: Dataset, changed: Sequence[Feature]) -> "InMemoryStore":
        """A new store: this one with the place features ``changed`` replaced (same ids, same
        collections), every other feature and index shared. For an edit that changes no
        place's prefecture, elements or industries (nothing another feature lists): the cost
        is the collections touched, not the plan. Their trees are kept when no point moved."""
        new = self._successor()
        features = dict(self._features)
        rebuild: dict[str, InMemoryStore | None] = {}
        for feature in changed:
            name = feature.collection
            if name not in rebuild:
                features[name] = list(features[name])
                rebuild[name] = self
            feats = features[name]
            at = _position(feats, feature.id)
            if feats[at].geometry() != feature.geometry():  # moved: that tree is rebuilt
                rebuild[name] = None
            feats[at] = feature
        new._index(dataset, features, rebuild, self, changed)
        if self._search_index is not None and all(
                _search_inputs(f) == _search_inputs(self._by_id[f.collection][f.id])
                for f in changed):
            # nothing it is found by changed (a note, a status, a point): the same index,
            # its hits mapped to this store's features (no second index, no build)
            new._search_index = self._search_index
            return new
        # searches go on from the last built index (its hits mapped to this store's features)
        new._search_before = self._searched_meanwhile()
        return new

    def with_place_set(self, dataset: Dataset, upserted: Sequence[Feature],
                       removed: Mapping[str, set[str]], relisted: Sequence[Feature]
                       ) -> "InMemoryStore":
        """A new store: this one with place features added or replaced (``upserted``), the
        places ``removed`` (collection -> ids) gone, and the features that list places
        replaced by ``relisted`` (same ids). For places created or deleted (a day's records
        undone: :mod:`.as_of`): the place collections touched get a new sorted list, id map,
        tree and point array (tens of ms at 100,000 sites); every other feature, index and
        tree is shared (a relisted feature's geometry is its predecessor's)."""
        new = self._successor()
        new.dataset = dataset
        new._features = dict(self._features)
        for name in {f.collection for f in upserted} | {c for c, ids in removed.items() if ids}:
            mine = sorted((f for f in upserted if f.collection == name), key=_id)
            gone = removed.get(name, set()) | {f.id for f in mine}
            new._features[name] = spliced(self._features[name], gone, mine, _id).items
            new._by_id[name] = _by_id(name, new._features[name])
            spatial = _Spatial(functools.partial(
                _spliced_spatial, self._trees[name], self._points[name][0],
                [f for f in mine if f.geometry() is not None], gone))
            new._trees[name], new._points[name] = spatial.pair(0), spatial.pair(1)
        for name in {f.collection for f in relisted}:
            mine = {f.id: f for f in relisted if f.collection == name}
            new._features[name] = [mine.get(f.id, f) for f in self._features[name]]
            new._by_id[name] = _by_id(name, new._features[name])
            if name in self._trees:
                tree, located = self._trees[name]
                new._trees[name] = (tree, [mine.get(f.id, f) for f in located])
        new._fresh_caches()
        new._search_before = self._searched_meanwhile()
        return new

    @property
    def _search(self) -> tuple[SearchIndex, list[Feature]]:
        """The search index and the features by rank, built on the first search (with 100,000
        sites it costs about a second that a server start, or a process that never searches,
        need not pay)."""
        if self._search_index is None:
            with self._search_lock:
                if self._search_index is None:
                    with collector_paused():
                        self._search_index = self._build_search()
                    gc.collect()  # (a full pass: ~18 MB fewer pages at 100,000 sites, measured)
                    release_free_memory()
        return self._search_index

    def _build_search(self) -> tuple[SearchIndex, list[Feature]]:
        # the pinyin first, then pypinyin let go (~55 MB), then the index: not all at once
        warm_pinyin(self._search_texts())
        release_pinyin()
        features: list[Feature] = []

        def entries():  # one at a time: the index keeps their texts, not them
            for entry, feature in self._search_entries():
                features.append(feature)
                yield entry

        try:
            return SearchIndex(entries()), features
        finally:
            release_pinyin()  # (imported again only for a run the cache had let go)

    def _search_texts(self) -> Iterator[str | None]:
        """Every text :meth:`_search_entries` takes the pinyin of: the names (and short
        names, roles) of the searched records and of the industries."""
        for industry in self.dataset.industries:
            yield industry.name.zh
        for name in SEARCH_COLLECTIONS:
            for f in self._features[name]:
                p = f.properties
                yield from (p.get("name_zh"), p.get("short_zh"), p.get("role_zh"))

    def _search_entries(self) -> Iterator[tuple[Entry, Feature]]:
        """One entry per feature, ranked as results tie-break: by collection, then id."""
        forms = TextForms()
        related = _RelatedNames(self)
        for name in SEARCH_COLLECTIONS:
            for f in sorted(self._features[name], key=lambda f: f.id):
                p = f.properties
                yield make_entry(name, f.id, [p.get("name_zh"), p.get("name_en")],
                                 related.of(f), forms), f

    def plan(self) -> Plan:
        return self.dataset.plan

    def sections(self) -> Sequence[Section]:
        return self.dataset.sections

    def industries(self) -> Sequence[Industry]:
        return self.dataset.industries

    def commitments(self) -> Sequence[Commitment]:
        return self.dataset.commitments

    def kinds(self) -> Sequence[ElementKind]:
        return self.dataset.kinds

    def province(self) -> Boundary:
        return self.dataset.province

    @property
    def version(self) -> str:
        return self.dataset.version

    def collections(self) -> Sequence[str]:
        return COLLECTIONS

    def _collection(self, collection: str) -> list[Feature]:
        if collection not in self._features:
            raise NotFound(key="error.unknown_collection", got=collection,
                           allowed=", ".join(COLLECTIONS))
        return self._features[collection]

    def get(self, collection: str, fid: str) -> Feature:
        self._collection(collection)
        try:
            return self._by_id[collection][fid]
        except KeyError:
            raise NotFound(key="error.no_record", collection=collection, id=fid,
                           noun=Key(f"noun.{collection}")) from None

    def query(self, collection, filters=None, bbox=None, limit=None, offset=0) -> Page:
        features = self._collection(collection)
        if bbox is not None:
            if collection not in self._trees:
                raise InvalidParameter(f"collection {collection!r} has no geometry: bbox "
                                       "does not apply")
            tree, located = self._trees[collection]
            hits = tree.query(shapely.box(*bbox), predicate="intersects")
            features = [located[i] for i in np.sort(hits).tolist()]
        for key in filters or {}:
            if key not in FILTERS[collection]:
                allowed = ", ".join(sorted(FILTERS[collection])) or "none"
                raise InvalidParameter(f"unknown filter {key!r} for {collection} "
                                       f"(filters: {allowed})")
        for n, (key, value) in enumerate(self.resolve(collection, filters).items()):
            prop = FILTERS[collection][key]
            if n == 0 and bbox is None:  # the whole collection: its index answers
                features = self._filter_index(collection, prop).get(value, [])
            else:
                features = [f for f in features if _matches(f.properties.get(prop), value)]
        total = len(features)
        end = None if limit is None else offset + limit
        return Page(features[offset:end], total, offset, limit)

    def _filter_index(self, collection: str, prop: str) -> dict[str, list[Feature]]:
        """The features of ``collection`` by each value of property ``prop`` that a filter
        matches (:func:`_matched_by`), in collection order; built on the first filter by it
        (one pass: a map's twelve filtered queries over 100,000 sites cost a scan each,
        ~0.3 s, without it)."""
        index = self._filter_indexes.get((collection, prop))
        if index is None:
            index = {}
            lists: dict[int, Iterable[str]] = {}  # places share their lists: each read once
            for f in self._features[collection]:
                value = f.properties.get(prop)
                if isinstance(value, list):
                    wanted = lists.get(id(value))
                    if wanted is None:
                        wanted = lists[id(value)] = _matched_by(value)
                else:
                    wanted = _matched_by(value)
                for key in wanted:
                    index.setdefault(key, []).append(f)
            self._filter_indexes[(collection, prop)] = index  # a race builds it twice
        return index

    def nearby(self, lon, lat, radius_km=None, k=None, collections=PLACE_COLLECTIONS):
        """Points by geodesic distance: within ``radius_km`` if given, the ``k`` nearest if given.

        Candidates come from the STRtree (a box around the circle); for ``k`` without a radius
        the box starts small and grows 4x until it holds ``k`` points, so the cost follows the
        answer, not the collection. Only the candidates that great-circle distance cannot rule
        out get a geodesic one (:func:`_worth_measuring`): a 10 km radius around a provincial capital holds
        ~2,800 of 100,000 sites, the 100 nearest need ~100 geodesic distances."""
        dists, refs = [], []
        for name in collections:
            self._collection(name)
            xy, located = self._points[name]
            if not len(located):
                continue
            search_km = radius_km if radius_km is not None else K_START_KM
            while True:
                found = self._candidates(name, lon, lat, search_km)
                idx = found[_worth_measuring(lon, lat, xy[found], radius_km, k)]
                if len(idx):
                    _, _, dist_m = _GEOD.inv(np.full(len(idx), lon), np.full(len(idx), lat),
                                             xy[idx, 0], xy[idx, 1])
                    dist_km = np.round(dist_m / 1000.0, 3)
                    inside = dist_km <= search_km
                else:
                    dist_km, inside = np.zeros(0), np.zeros(0, dtype=bool)
                enough = radius_km is not None or k is None or inside.sum() >= k
                if enough or search_km >= EARTH_HALF_CIRCUMFERENCE_KM or \
                        len(found) == len(located):
                    if radius_km is None and not enough:
                        inside = np.ones(len(idx), dtype=bool)  # everything there is
                    break
                search_km = min(search_km * 4, EARTH_HALF_CIRCUMFERENCE_KM)
            dists.append(dist_km[inside])
            refs += [(located, i) for i in idx[inside].tolist()]
        if not refs:
            return []
        dist = np.concatenate(dists)
        order = np.argsort(dist, kind="stable")
        if k is not None and len(order) > k:
            order = order[dist[order] <= dist[order[k - 1]]]  # the k nearest, and any ties
        chosen = [(float(dist[i]), refs[i][0][refs[i][1]]) for i in order.tolist()]
        chosen.sort(key=lambda pair: (pair[0], pair[1].id))
        out = [Near(f, d) for d, f in chosen]
        return out[:k] if k is not None else out

    def _candidates(self, name: str, lon: float, lat: float, radius_km: float) -> np.ndarray:
        """Indices of points inside a lon/lat box that surely contains the geodesic circle."""
        tree, _ = self._trees[name]
        if radius_km >= EARTH_HALF_CIRCUMFERENCE_KM / 2:
            return np.arange(len(self._points[name][1]))
        dlat = radius_km / 110.5 + 0.01
        top = min(abs(lat) + dlat, 89.9)
        dlon = min(radius_km / (111.0 * math.cos(math.radians(top))) + 0.01, 180.0)
        # one box: each point at most once, so sorting is enough (np.unique hashed: ~0.15 ms
        # for the ~2,800 sites of a 10 km box around the core's capital)
        return np.sort(tree.query(shapely.box(lon - dlon, lat - dlat, lon + dlon, lat + dlat)))

    def located(self, collection: str, bbox=None) -> tuple[np.ndarray, list[Feature]]:
        if collection not in PLACE_COLLECTIONS:
            raise InvalidParameter(f"{collection!r} is not a point collection "
                                   f"({', '.join(PLACE_COLLECTIONS)})")
        xy, located = self._points[collection]
        if bbox is None:
            return xy, located
        idx = np.sort(self._trees[collection][0].query(shapely.box(*bbox)))
        return xy[idx], [located[i] for i in idx.tolist()]

    @property
    def search_pending(self) -> bool:
        """True while searches answer from an earlier store's index (after an edit)."""
        return self._search_index is None and self._search_before is not None

    def build_search(self) -> None:
        """Build the search index now (after an edit, in the background: see with_places),
        and let go of the earlier store whose index served meanwhile."""
        self._search  # noqa: B018 - built on first use
        self._search_before = None
        release_free_memory()

    def search(self, q, limit=20, collections=SEARCH_COLLECTIONS) -> list[Hit]:
        """Best matches first (see :func:`.search.score`); ties by collection, then id."""
        query = normalise(q)
        if not query:
            return []
        before = self._search_before
        if self._search_index is None and before is not None:
            index, features = before._search_index
            hits = [(self._by_id[features[rank].collection].get(features[rank].id), s)
                    for rank, s in index.search(query, limit, collections)]
            return [Hit(f, s) for f, s in hits if f is not None]
        index, features = self._search
        self._search_before = None  # built: the earlier store may go
        # (by id: an index shared with an earlier store holds its features)
        return [Hit(self._by_id[features[rank].collection][features[rank].id], s)
                for rank, s in index.search(query, limit, collections)]

    def resolve(self, collection, filters):
        if not filters:
            return {}
        if self._vocabulary is None:
            self._vocabulary = Vocabulary(self)  # a race builds it twice, harmlessly
        return self._vocabulary.resolve_all(collection, filters)

    def extent(self, collection):
        self._collection(collection)
        if collection not in self._trees or not self._trees[collection][1]:
            return None
        geoms = [f.geometry("low") for f in self._trees[collection][1]]
        return tuple(float(v) for v in shapely.total_bounds(geoms))


def _spliced_spatial(trees, xy: np.ndarray, points: list[Feature], gone: set[str]
                     ) -> tuple:
    """``(tree, xy, located)`` of a place collection: those of ``trees`` (``(tree,
    located)``) and ``xy`` without the places ``gone``, with the located ``points`` (sorted
    by id) spliced in."""
    tree, located = trees
    splice = spliced(located, gone, points, _id)
    geometries = splice.apply(tree.geometries, np.array([f.geometry() for f in points],
                                                        dtype=object))
    added = shapely.get_coordinates([f.geometry() for f in points]).reshape(-1, 2)
    return shapely.STRtree(geometries), splice.apply(xy, added), splice.items


class _Spatial:
    """A place collection's spatial index, point array and located features, computed on
    first use (once, under a lock): a past day's store (:mod:`.as_of`) serves a page of
    records or a map drawn by view without an index it may never need (~0.1 s at 100,000
    sites). :meth:`pair` gives the ``(tree, located)`` and ``(xy, located)`` pairs the
    store's ``_trees`` and ``_points`` hold."""

    def __init__(self, build):
        self._build, self._value, self._lock = build, None, threading.Lock()

    def value(self) -> tuple:
        if self._value is None:
            with self._lock:
                if self._value is None:
                    self._value, self._build = self._build(), None
        return self._value

    def pair(self, which: int) -> "_Pair":
        return _Pair(self, which)


class _Pair(abc_collections.Sequence):
    """``(tree or xy, located)`` of a :class:`_Spatial`, read (and unpacked) like a tuple."""

    __slots__ = ("spatial", "which")

    def __init__(self, spatial: _Spatial, which: int):
        self.spatial, self.which = spatial, which

    def __getitem__(self, i):
        value = self.spatial.value()
        return (value[self.which], value[2])[i]

    def __len__(self) -> int:
        return 2


#: the properties a search entry is made of (:meth:`InMemoryStore._search_entries`)
_SEARCH_INPUTS = ("name_zh", "name_en", "short_zh", "short_en", "role_zh", "role_en",
                  "industries", "elements", "prefecture", "county", "areas")


def _search_inputs(f: Feature) -> tuple:
    p = f.properties
    return (f.collection, f.id, *(p.get(key) for key in _SEARCH_INPUTS))


class _RelatedNames:
    """What a record is found by besides its own name (secondary search texts): its
    industries, short name and role, and the names of where it is: a place's prefecture,
    county and the layout elements whose area holds it; a prefecture's or an enterprise's
    layout elements. So 智能终端 finds the cluster's prefectures, enterprises and the places in
    them, and a prefecture's name every place located in it (after the ones named so)."""

    def __init__(self, store: "InMemoryStore"):
        ds = store.dataset
        self.industries = {i.id: (i.name.zh, i.name.en) for i in ds.industries}
        self.names = {}
        for collection in ("prefectures", "counties", "layout-elements"):
            for f in store._features[collection]:
                p = f.properties
                self.names[f.id] = tuple(x for x in (p.get("name_zh"), p.get("name_en"),
                                                     p.get("short_zh"), p.get("short_en")) if x)

    def of(self, f: Feature) -> list[list[str]]:
        """The texts in groups many records share: the industries' names, the record's own
        short name and role, the names of where it is (100,000 sites: 1,400 distinct
        groups where whole lists were ~43,000)."""
        p = f.properties
        industries: list[str] = []
        for iid in p.get("industries", ()):
            industries += self.industries.get(iid, ())
        own = [x for x in (p.get("short_zh"), p.get("short_en"), p.get("role_zh"),
                           p.get("role_en")) if x]
        where = [] if f.collection == "layout-elements" else list(p.get("elements", ()))
        if f.collection in PLACE_COLLECTIONS:
            where = [p.get("prefecture"), p.get("county"), *p.get("areas", ())]
        elif f.collection == "counties":
            where += [p.get("prefecture")]
        names: list[str] = []
        for code in where:
            names += self.names.get(code, ())
        return [industries, own, names]


def _worth_measuring(lon: float, lat: float, xy: np.ndarray, radius_km: float | None,
                     k: int | None) -> np.ndarray:
    """Mask of the candidate points that may be in the answer: within ``radius_km`` (if
    given) and, among those, no farther than the ``k``-th nearest (if given), judged by
    great-circle distance with :data:`APPROX_ERROR` of room each way (then also any point
    whose rounded geodesic distance could tie). The others are surely out, so the answer is
    the same as measuring every candidate."""
    approx = _great_circle_km(lon, lat, xy)
    keep = np.ones(len(approx), dtype=bool)
    if radius_km is not None:
        keep = approx <= radius_km * (1 + APPROX_ERROR) + SLACK_KM
    if k is not None and 0 < k < keep.sum():
        kth = np.partition(approx[keep], k - 1)[k - 1]
        keep &= approx <= kth * (1 + APPROX_ERROR) ** 2 + SLACK_KM
    return keep


def _great_circle_km(lon: float, lat: float, xy: np.ndarray) -> np.ndarray:
    """Haversine distances from (lon, lat) to each row of ``xy`` on the mean sphere."""
    lat1, lat2 = math.radians(lat), np.radians(xy[:, 1])
    half_dlat = (lat2 - lat1) / 2
    half_dlon = np.radians(xy[:, 0] - lon) / 2
    a = np.sin(half_dlat) ** 2 + math.cos(lat1) * np.cos(lat2) * np.sin(half_dlon) ** 2
    return 2 * MEAN_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


class Splice(NamedTuple):
    """A sorted list with some items dropped and others merged in (:func:`spliced`)."""

    items: list
    dropped: np.ndarray   # positions in the old list of the items dropped, ascending
    inserted: np.ndarray  # positions in the old list before which each added item went

    def apply(self, values: np.ndarray, added: np.ndarray) -> np.ndarray:
        """The same splice of an array in step with the old list (``added``: the added
        items' rows, in their order)."""
        kept = np.delete(values, self.dropped, axis=0)
        shift = np.searchsorted(self.dropped, self.inserted, side="left")
        return np.insert(kept, self.inserted - shift, added, axis=0)


def spliced(items: list, drop, added: Sequence, key=None) -> Splice:
    """``items`` (sorted by ``key``, unique) without those whose key is in ``drop``, with
    ``added`` (sorted by ``key``) merged in: each found by bisection among the keys and the
    runs between copied whole, so the cost is one pass for the keys (a C-level ``key`` such
    as :func:`operator.attrgetter`: ~5 ms at 100,000) and the changes' (log n each), not a
    sort."""
    keys = items if key is None else list(map(key, items))
    dropped = []
    for k in drop:
        at = bisect.bisect_left(keys, k)
        if at < len(keys) and keys[at] == k:
            dropped.append(at)
    dropped.sort()
    inserted = [bisect.bisect_left(keys, item if key is None else key(item)) for item in added]
    # at one position, the added item goes before the one dropped there (same key: replaced)
    cuts = sorted([(at, 1, i) for i, at in enumerate(dropped)]
                  + [(at, 0, i) for i, at in enumerate(inserted)])
    out, start = [], 0
    for at, is_drop, i in cuts:
        out += items[start:at]
        if is_drop:
            start = at + 1
        else:
            out.append(added[i])
            start = at
    out += items[start:]
    return Splice(out, np.array(dropped, dtype=np.intp), np.array(inserted, dtype=np.intp))


#: a feature's id, at C speed (sort and bisection keys)
_id = operator.attrgetter("id")


def _position(features: list[Feature], fid: str) -> int:
    """Index of feature ``fid`` in a list sorted by id."""
    at = bisect.bisect_left(features, fid, key=_id)
    if at == len(features) or features[at].id != fid:
        raise KeyError(fid)
    return at


def _by_id(collection: str, features: list[Feature]) -> Mapping[str, Feature]:
    """A collection's features by id: read from the list itself when it is sorted by id
    (:class:`_SortedById`), a dict for the few kept in an order of their own."""
    return {f.id: f for f in features} if collection in OWN_ORDER else _SortedById(features)


class _SortedById(abc_collections.Mapping):
    """Features by id, found in their list sorted by id (bisection, ~1 µs at 100,000): no
    dict of 100,000 sites beside the list (~4 MB), and none copied for each edit."""

    __slots__ = ("_features",)

    def __init__(self, features: list[Feature]):
        self._features = features

    def __getitem__(self, fid):
        if not isinstance(fid, str):
            raise KeyError(fid)
        return self._features[_position(self._features, fid)]

    def __iter__(self):
        return (f.id for f in self._features)

    def __len__(self) -> int:
        return len(self._features)


#: the filter values that match a property that is not set
_MATCH_NONE = ("", "none", "null")


def _matched_by(value) -> Iterable[str]:
    """Every filter value that matches property value ``value``: a list's string items
    (once), "", "none" or "null" when it is not set, otherwise its text."""
    if isinstance(value, list):
        return list(dict.fromkeys(x for x in value if isinstance(x, str)))
    if value is None:
        return _MATCH_NONE
    return (str(value),)


def _matches(value, wanted: str) -> bool:
    """Whether filter value ``wanted`` matches property value ``value`` (a scan's test; the
    filter index holds the same answers: :func:`_matched_by`)."""
    if isinstance(value, list):
        return wanted in value  # (a string is never equal to a list's other items)
    return wanted in _matched_by(value)


def open_store(data_dir=None, geodata_dir=None) -> InMemoryStore:
    """Load and validate a data folder and index it (raises DataError listing problems)."""
    from .seeds import load_dataset

    with big_build():
        return InMemoryStore(load_dataset(data_dir, geodata_dir))


