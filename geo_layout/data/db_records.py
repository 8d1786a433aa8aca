"""Records as the database keeps them: the seed files' entries, one row each. Reading a seeds
folder into rows, assembling rows back into seed documents (for the loader, which validates
them exactly as it validates files, and for ``db export``), and writing those documents."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..errors import DataError
from . import paths
from .geodata import GeodataProblem, geodata_files, load_boundaries
from .model import Dataset
from .seed_build import Builder
from .seed_files import SEED_FILES, SeedReader
from .seed_parsers import COLLECTIONS
from .seed_records import Problem

#: the plan's own metadata: one record of collection "plan" in plan.yaml (key "plan")
PLAN = "plan"
#: collection -> (file, key in that file), in the order the files list them
PLACES: dict[str, tuple[str, str]] = {PLAN: ("plan.yaml", "plan")}
PLACES.update({name: (c.file, c.key) for name, c in COLLECTIONS.items()})


@dataclass(frozen=True)
class Row:
    collection: str
    record_id: str
    position: float
    #: the record, or its JSON text (the database's rows: parsed one at a time as the loader
    #: reads them, so 100,000 sites are never all parsed at once; as UTF-8 bytes, half the
    #: memory of a str once a text holds one Chinese character)
    body: dict | str | bytes

    def record(self) -> dict:
        return parsed(self.body)


def parsed(body):
    """A row's record from its body: the JSON text parsed, a record as it is."""
    return json.loads(body) if isinstance(body, (str, bytes)) else body


def rows_of_folder(data_dir: Path) -> tuple[list[Row], list[Problem]]:
    """The records of a seeds folder as rows (file order), and the problems reading it."""
    reader = SeedReader(Path(data_dir))
    documents = {name: reader.document(name) for name in SEED_FILES}
    rows: list[Row] = []
    for collection, (file, key) in PLACES.items():
        doc = documents.get(file) or {}
        if collection == PLAN:
            plan = doc.get(key)
            if isinstance(plan, dict) and isinstance(plan.get("id"), str):
                rows.append(Row(PLAN, plan["id"], 0, plan))
            continue
        for i, raw in enumerate(doc.get(key) or []):
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                rows.append(Row(collection, raw["id"], float(i), raw))
    return rows, reader.problems


def documents(rows: Iterable[Row], parse: bool = True) -> dict[str, dict[str, Any]]:
    """Seed documents (file name -> its top-level mapping) holding ``rows`` in position order;
    every collection's key is present, empty lists included. ``parse=False`` keeps the JSON
    texts of rows that are texts (see :class:`_DocumentReader`)."""
    docs: dict[str, dict[str, Any]] = {file: {} for file in SEED_FILES}
    for collection, (file, key) in PLACES.items():
        if collection != PLAN:
            docs[file][key] = []
    for row in sorted(rows, key=lambda r: r.position):
        file, key = PLACES[row.collection]
        body = row.record() if parse or row.collection == PLAN else row.body
        if row.collection == PLAN:
            docs[file] = {key: body, **{k: v for k, v in docs[file].items() if k != key}}
        else:
            docs[file][key].append(body)
    return docs


class _DocumentReader(SeedReader):
    """The seed reader over the database's rows: a document's records are parsed from their
    JSON texts when the loader asks for the document, or one at a time when it streams it."""

    def __init__(self, docs: dict[str, dict], source: str):
        super().__init__(Path(source))
        self._docs = docs

    def document(self, name: str) -> dict:
        doc = self._docs.get(name)
        if doc is None:
            self.problems.append(Problem(name, "(file)", "(file)", "no records"))
            return {}
        return {k: [parsed(v) for v in items] if isinstance(items, list) else items
                for k, items in doc.items()}

    def stream(self, name: str, key: str):
        """The records of ``name``'s list ``key``, each parsed as it is read and its JSON
        text let go (100,000 sites' texts are ~60 MB no longer held while they are built)."""
        doc = self._docs.get(name)
        if doc is None or not isinstance(doc.get(key), list):
            return None
        return _parsed_once(doc[key])


def _parsed_once(items: list):
    """Each item of ``items`` parsed from its JSON text, the list's slot emptied as it goes."""
    for i, value in enumerate(items):
        items[i] = None
        yield parsed(value)


def dataset_of_rows(rows: list[Row], geodata_dir: Path | None, version: str,
                    source: str) -> Dataset:
    """The validated Dataset of a plan's rows (the same loader as a seeds folder); DataError
    listing every problem. ``rows`` is emptied once sorted into documents: the records'
    texts are then held once, and each let go as its record is built."""
    geodata_dir = Path(geodata_dir) if geodata_dir else paths.default_geodata_dir()
    try:
        boundaries = load_boundaries(geodata_dir)
    except GeodataProblem as exc:
        raise DataError([Problem("geodata", "(file)", "(file)", str(exc))]) from None
    docs = documents(rows, parse=False)
    rows.clear()
    reader = _DocumentReader(docs, source)
    del docs
    dataset = Builder(reader, boundaries).run()
    if reader.problems or dataset is None:
        raise DataError(reader.problems or [Problem("(database)", "(plan)", "(plan)",
                                                    "the plan's records do not load")])
    return dataclasses.replace(dataset, version=version)


def folder_version(data_dir: Path) -> str:
    """A seeds folder's content hash (what ``baseline`` records)."""
    digest = hashlib.sha256()
    for name in SEED_FILES:
        path = Path(data_dir) / name
        if path.is_file():
            digest.update(name.encode() + b"\0" + path.read_bytes())
    for path in geodata_files(paths.geodata_dir_for(Path(data_dir))):
        digest.update(path.name.encode() + b"\0" + str(path.stat().st_size).encode())
    return digest.hexdigest()[:16]


def write_folder(rows: Iterable[Row], out_dir: Path) -> list[Path]:
    """Write ``rows`` as a seeds folder (YAML, one file per document): the shape ``--data``,
    ``db import-seeds`` and git read."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for file, doc in documents(rows).items():
        path = out_dir / file
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
        path.write_text(f"# Exported by `geo-layout db export`.\n{text}", encoding="utf-8")
        written.append(path)
    return written


def body_json(body: dict) -> str:
    return json.dumps(body, ensure_ascii=False, sort_keys=False)
