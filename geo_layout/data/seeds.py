"""Reads a data folder (the shape of the repository's ``seeds/``), checks every record against
the schema and against the boundaries, and returns a :class:`~.model.Dataset`.

Every problem is collected, not just the first: a planner editing YAML by hand wants the whole
list at once, each naming file, record and field.

This module is the public face of the loader; the work is done in

- :mod:`.seed_files` — reading the files safely (size cap, UTF-8, JSON, YAML bombs);
- :mod:`.seed_records` — :class:`Problem` and the typed field accessors of one record;
- :mod:`.seed_checks` — references to other records and units, citations, where a point lies;
- :mod:`.seed_parsers` — one parser per collection, shared by the full load and
  the single-record validation;
- :mod:`.seed_build` — assembling the :class:`~.model.Dataset`;
- :mod:`.seed_single` — :func:`validate_record`: one record (an edit) against a loaded dataset.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DataError
from . import paths
from .geodata import GeodataProblem, geodata_files, load_boundaries
from .model import Dataset
from .seed_build import Builder
from .seed_files import MAX_SEED_BYTES, MAX_YAML_NODES, SEED_FILES, SeedReader
from .seed_parsers import COLLECTIONS
from .seed_records import ADCODE, MAX_ID_CHARS, MAX_TEXT_CHARS, SLUG, Problem
from .seed_single import check_record, referrers, validate_record

__all__ = ["ADCODE", "COLLECTIONS", "DataError", "MAX_ID_CHARS", "MAX_SEED_BYTES",
           "MAX_TEXT_CHARS", "MAX_YAML_NODES", "Problem", "SEED_FILES", "SLUG", "check_record",
           "load_dataset", "referrers", "validate", "validate_record"]


def load_dataset(data_dir: Path | str | None = None,
                 geodata_dir: Path | str | None = None) -> Dataset:
    """Load and validate a data folder; raise :class:`DataError` listing every problem."""
    dataset, problems = _load(data_dir, geodata_dir)
    if problems:
        raise DataError(problems)
    assert dataset is not None
    return dataset


def validate(data_dir: Path | str | None = None,
             geodata_dir: Path | str | None = None) -> list[Problem]:
    """Every problem in a data folder (empty when it is valid)."""
    return _load(data_dir, geodata_dir)[1]


def _load(data_dir, geodata_dir) -> tuple[Dataset | None, list[Problem]]:
    data_dir = Path(data_dir) if data_dir is not None else paths.default_seeds_dir()
    geodata_dir = Path(geodata_dir) if geodata_dir is not None else paths.geodata_dir_for(data_dir)
    reader = SeedReader(data_dir)
    if not data_dir.is_dir():
        return None, [Problem(str(data_dir), "(folder)", "(folder)", "data folder does not exist")]
    try:
        boundaries = load_boundaries(geodata_dir)
    except GeodataProblem as exc:
        return None, [Problem("geodata", "(file)", "(file)", str(exc))]
    for path in geodata_files(geodata_dir):
        reader.hash.update(path.name.encode() + b"\0" + str(path.stat().st_size).encode())
    dataset = Builder(reader, boundaries).run()
    problems = reader.problems
    return (dataset if not problems else None), problems
