"""Reads the seed files of a data folder safely: a size cap, UTF-8, plain JSON fast path, YAML
with line-numbered errors, and no "billion laughs" expansion. Every refusal is a Problem."""

from __future__ import annotations

import codecs
import hashlib
import json
import re
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


class NotStreamable(Exception):
    """A file :meth:`SeedReader.stream` began is not the plain JSON it looked like: read it
    again with :meth:`SeedReader.document` (and drop what the stream gave)."""


_JSON_SPACE = re.compile(r"[ \t\n\r]*")


class _JsonItems:
    """The items of the list ``key`` of a JSON document ``{"key": [...], ...}``, decoded one at
    a time from the UTF-8 bytes a window at a time: 100,000 sites never exist at once as
    parsed JSON (176 MB) nor as one decoded text (66 MB; the Chinese names make it 2 bytes a
    character). Each item is what ``json.loads`` gives for it (the same decoder). Raises
    :class:`NotStreamable` on anything else (invalid JSON, another shape, the key missing or
    repeated), possibly after some items."""

    WINDOW = 1 << 20

    def __init__(self, raw: bytes, key: str):
        self.raw, self.key, self.read = raw, key, 0
        self.text, self.pos = "", 0
        self.utf8 = codecs.getincrementaldecoder("utf-8")("surrogatepass")
        self.decoder = json.JSONDecoder()

    def _more(self) -> bool:
        if self.read >= len(self.raw):
            return False
        chunk = self.raw[self.read:self.read + self.WINDOW]
        self.read += len(chunk)
        try:
            more = self.utf8.decode(chunk, self.read >= len(self.raw))
        except UnicodeDecodeError:
            raise NotStreamable from None
        self.text, self.pos = self.text[self.pos:] + more, 0
        return True

    def _space(self) -> str:
        """Skip whitespace; the next character ("" at the end)."""
        while True:
            self.pos = _JSON_SPACE.match(self.text, self.pos).end()
            if self.pos < len(self.text) or not self._more():
                return self.text[self.pos:self.pos + 1]

    def _expect(self, chars: str) -> str:
        c = self._space()
        if not c or c not in chars:
            raise NotStreamable
        self.pos += 1
        return c

    def _value(self):
        while True:
            try:
                value, end = self.decoder.raw_decode(self.text, self.pos)
            except json.JSONDecodeError:
                if self._more():
                    continue
                raise NotStreamable from None
            if end + 2 >= len(self.text) and self._more():
                continue  # a number may go on in the next window ("-4" of "-4.5e+1")
            self.pos = end
            return value

    def __iter__(self):
        self._expect("{")
        found = False
        if self._space() == "}":
            raise NotStreamable
        while True:
            self._space()
            name = self._value()
            if not isinstance(name, str):
                raise NotStreamable
            self._expect(":")
            if name != self.key:
                self._space()
                self._value()
            elif found:
                raise NotStreamable  # json.loads keeps the last one: let it
            else:
                found = True
                self._expect("[")
                if self._space() == "]":
                    self.pos += 1
                else:
                    while True:
                        self._space()
                        yield self._value()
                        if self._expect(",]") == "]":
                            break
            if self._expect(",}") == "}":
                break
        if self._space() or not found:
            raise NotStreamable


class SeedReader:
    """Parses the files of one data folder, collecting problems and hashing every byte read
    (the dataset's ``version``)."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.problems: list[Problem] = []
        self.hash = hashlib.sha256()

    def stream(self, name: str, key: str):
        """The records of list ``key`` in file ``name`` one at a time, when the file is plain
        JSON (``geo-layout synth`` writes them): the items as :meth:`document` would give
        them, without the whole parsed file in memory; the file is hashed once all are read.
        None when the file does not look like JSON (or is missing, too big): use
        :meth:`document`. Iterating may raise :class:`NotStreamable` (then use
        :meth:`document`, which reports the problems)."""
        path = self.data_dir / name
        if not path.is_file() or path.stat().st_size > MAX_SEED_BYTES:
            return None
        raw = path.read_bytes()
        if not re.match(rb"[ \t\n\r]*\{", raw) or json.detect_encoding(raw) != "utf-8":
            return None
        return self._streamed(name, raw, key)

    def _streamed(self, name: str, raw: bytes, key: str):
        yield from _JsonItems(raw, key)
        self.hash.update(name.encode() + b"\0" + raw)

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
