"""Assembles a :class:`~.model.Dataset` from a data folder's files: reads them in order, parses
each collection's records against what was loaded before it, and collects every problem."""

from __future__ import annotations

from .model import Boundary, Dataset, Plan
from .seed_checks import Known, place_id_clash
from .seed_files import NotStreamable, SeedReader
from .seed_parsers import COLLECTIONS, parse_plan, parse_record
from .seed_records import Problem, Record, iter_records, records


class Builder:
    """Turns parsed records into model objects and checks cross-references."""

    def __init__(self, reader: SeedReader, boundaries: dict[str, list[Boundary]]):
        self.r = reader
        self.province = boundaries["province"][0] if boundaries["province"] else None
        self.boundaries = boundaries
        self.known = Known(prefectures={b.adcode: b for b in boundaries["prefectures"]},
                           counties={b.adcode: b for b in boundaries["counties"]})

    def run(self) -> Dataset | None:
        r, known = self.r, self.known
        plan_doc = r.document("plan.yaml")
        plan = self._plan(plan_doc)
        sections = self._many(plan_doc, "sections")
        known.section_ids = {s.id for s in sections}
        industries = self._many(plan_doc, "industries")
        known.industry_ids = {i.id for i in industries}
        commitments = (self._many(plan_doc, "commitments")
                       if "commitments" in plan_doc else [])  # optional: older folders lack it
        layout_doc = r.document("layout.yaml")
        kinds = self._many(layout_doc, "element-kinds")
        known.kind_ids = {k.id for k in kinds}
        elements = self._many(layout_doc, "layout-elements")
        known.element_ids = {e.id for e in elements}
        parks = self._streamed("parks.yaml", "parks")
        sites = self._streamed("sites.yaml", "sites")
        place_ids: dict[str, str] = {}
        for place in (*parks, *sites):
            other = place_id_clash(place.collection, place.id, place_ids)
            place_ids.setdefault(place.id, place.collection)
            if other is not None:
                r.problems.append(Problem(f"{place.collection}.yaml", place.id, "id",
                                          f"id also used in {other}.yaml"))
        known.place_ids = place_ids
        enterprises = self._many(r.document("enterprises.yaml"), "enterprises")
        targets_doc = r.document("targets.yaml")
        known.target_ids = {t.get("id") for t in targets_doc.get("targets") or []
                            if isinstance(t, dict) and isinstance(t.get("id"), str)}
        targets = self._many(targets_doc, "targets")
        target_values = (self._many(targets_doc, "target-values")
                         if "values" in targets_doc else [])  # optional: none recorded
        if self.province is None or len(known.prefectures) == 0:
            r.problems.append(Problem("geodata", "(file)", "(file)", "no boundaries loaded"))
        if r.problems or plan is None:
            return None
        return Dataset(
            plan=plan, sections=tuple(sections), industries=tuple(industries),
            province=self.province, prefectures=tuple(self.boundaries["prefectures"]),
            counties=tuple(self.boundaries["counties"]), elements=tuple(elements),
            parks=tuple(parks), sites=tuple(sites), enterprises=tuple(enterprises),
            targets=tuple(targets), version=r.hash.hexdigest()[:16], source=str(r.data_dir),
            commitments=tuple(commitments), kinds=tuple(kinds),
            target_values=tuple(target_values),
        )

    def _plan(self, doc: dict) -> Plan | None:
        if not doc:
            return None
        return parse_plan(Record("plan.yaml", "plan", doc.get("plan"), self.r.problems),
                          self.known)

    def _many(self, doc: dict, name: str) -> list:
        collection = COLLECTIONS[name]
        return self._parsed(collection, records(doc, collection.file, collection.key,
                                                self.r.problems))

    def _parsed(self, collection, recs) -> list:
        out = []
        for rec in recs:
            obj = parse_record(collection, rec, self.known)
            if obj is not None:
                out.append(obj)
        return out

    def _streamed(self, file: str, name: str) -> list:
        """:meth:`_many` over ``file``, reading and parsing its records one at a time when it
        is plain JSON (100,000 synthetic sites: the parsed file alone was ~176 MB); the same
        records and problems either way."""
        collection = COLLECTIONS[name]
        items = self.r.stream(file, collection.key)
        if items is not None:
            problems = len(self.r.problems)
            try:
                return self._parsed(collection, iter_records(items, collection.file,
                                                             self.r.problems))
            except NotStreamable:
                del self.r.problems[problems:]
        return self._many(self.r.document(file), name)
