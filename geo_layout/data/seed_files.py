"""Reads the seed files of a data folder safely: a size cap, UTF-8, plain JSON fast path, YAML
with line-numbered errors, and no "billion laughs" expansion. Every refusal is a Problem."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml

from .seed_records import Problem

SEED_FILES = ("plan.yaml", "layout.yaml", "parks.yaml", "sites.yaml", "enterprises.yaml",
              "targets.yaml")
# Hand-written seeds are tens of KB; the cap still stops a runaway file, but leaves room for
# the synthetic scale-test folders of ``geo-layout synth`` (100,000 sites are ~36 MB).
MAX_SEED_BYTES = 64_000_000
#: Cap on a document's values with every alias expanded (or its size in bytes, if larger): a
#: "billion laughs" bomb parses quickly (aliases share objects) but no walk over it finishes.
MAX_YAML_NODES = 1_000_000
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


def _expands_beyond(doc: Any, budget: int) -> bool:
    """True when walking ``doc`` (aliases counted each time they are used) exceeds ``budget``."""
    stack = [doc]
    while stack:
        budget -= 1
        if budget < 0:
            return True
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def _json_document(raw: bytes) -> dict | None:
    """A seed file that is plain JSON (valid YAML too; ``geo-layout synth`` writes them) parsed
    by the json module, ~30x faster than PyYAML's constructor on 100,000 records; None for
    anything else, which then goes through YAML (and its line-numbered errors)."""
    if not raw.lstrip()[:1] == b"{":
        return None
    try:
        doc = json.loads(raw)
    except ValueError:
        return None
    return doc if isinstance(doc, dict) else None


class SeedReader:
    """Parses the files of one data folder, collecting problems and hashing every byte read
    (the dataset's ``version``)."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.problems: list[Problem] = []
        self.hash = hashlib.sha256()

    def document(self, name: str) -> dict:
        """The top-level mapping of file ``name``; ``{}`` (and a problem) when it is unusable."""
        path = self.data_dir / name
        if not path.is_file():
            self.problems.append(Problem(name, "(file)", "(file)", "file is missing"))
            return {}
        size = path.stat().st_size
        if size > MAX_SEED_BYTES:
            self.problems.append(Problem(name, "(file)", "(file)",
                                         f"file is {size} bytes, over the {MAX_SEED_BYTES} cap"))
            return {}
        raw = path.read_bytes()
        self.hash.update(name.encode() + b"\0" + raw)
        doc = _json_document(raw)
        from_yaml = doc is None  # JSON has no aliases: nothing to expand
        try:
            if from_yaml:
                doc = yaml.load(raw.decode("utf-8"), Loader=_YAML_LOADER)
        except UnicodeDecodeError as exc:
            self.problems.append(Problem(name, "(file)", "(file)", f"not UTF-8 text: {exc}"))
            return {}
        except yaml.YAMLError as exc:
            where = getattr(exc, "problem_mark", None)
            line = f"line {where.line + 1}: " if where is not None else ""
            reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            self.problems.append(Problem(name, "(file)", "(yaml)", f"{line}{reason}"))
            return {}
        except RecursionError:
            self.problems.append(Problem(name, "(file)", "(yaml)", "nested too deeply"))
            return {}
        budget = max(MAX_YAML_NODES, len(raw))  # alias-free text has fewer values than bytes
        if from_yaml and _expands_beyond(doc, budget):
            self.problems.append(Problem(name, "(file)", "(yaml)", f"expands to more than "
                                         f"{budget} values (aliases repeated too often?)"))
            return {}
        if doc is None:
            doc = {}
        if not isinstance(doc, dict):
            self.problems.append(Problem(name, "(file)", "(file)",
                                         "top level must be a mapping of lists"))
            return {}
        return doc
