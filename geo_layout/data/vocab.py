"""Filter values by name: wherever a filter takes a code (an adcode, a slug), it also takes the
record's Chinese or English name, its common short form (the name without 市, 州, 县...) or its pinyin, in any
case. One resolver for the API, the pages, the maps, the downloads and the notebook, so
a prefecture's Chinese name, its English name and its pinyin all mean its adcode everywhere.

A value that names nothing is an :class:`InvalidParameter` listing the valid values (never a
silent empty result); a value that names several records lists those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from ..errors import InvalidParameter
from .. import words
from .model import (ENTERPRISE_ROLES, ELEMENT_KINDS, LAND_AVAILABLE, PLACE_KINDS, PLACE_STATUSES,
                    PRECISIONS, TARGET_MEASURES)
from .search import normalise, pinyin_forms, release_pinyin, warm_pinyin

#: Filters whose values are records of a collection ("industries" is the dataset's list).
REFERENCES = {"prefecture": "prefectures", "county": "counties", "element": "layout-elements",
              "area": "layout-elements", "industry": "industries", "park": "parks",
              "target": "targets"}
#: Filters whose values come from a fixed list, per collection (others: any value present).
ENUMS = {
    ("parks", "kind"): PLACE_KINDS, ("sites", "kind"): PLACE_KINDS,
    ("layout-elements", "kind"): ELEMENT_KINDS, ("prefectures", "role"): ELEMENT_KINDS,
    ("parks", "precision"): PRECISIONS, ("sites", "precision"): PRECISIONS,
    ("parks", "status"): PLACE_STATUSES, ("sites", "status"): PLACE_STATUSES,
    ("parks", "land_available"): LAND_AVAILABLE, ("sites", "land_available"): LAND_AVAILABLE,
    ("enterprises", "role"): ENTERPRISE_ROLES, ("targets", "measure"): TARGET_MEASURES,
}
#: "none" matches a record without a value (a place the plan gives no prefecture).
NONE_VALUES = ("none",)
_SUFFIXES = ("自治州", "自治县", "市", "州", "县", "区")
_JOINERS = re.compile(r"[\s\-_·.:：()（）]+")


@dataclass(frozen=True)
class Choice:
    """One valid value of a filter and how it is shown in an error."""

    code: str
    names: tuple[str, ...]

    def describe(self) -> str:
        names = [n for n in self.names if n and n != self.code]
        return f"{self.code} ({' / '.join(names)})" if names else self.code


def keys_of(text: str) -> set[str]:
    """The forms a value may be typed in: normalised, without separators, without the
    administrative suffix (…市 -> …), and the pinyin of each."""
    norm = normalise(text)
    out = {norm, _JOINERS.sub("", norm)}
    for suffix in _SUFFIXES:
        if norm.endswith(suffix) and len(norm) > len(suffix) + 1:
            out.add(norm[: -len(suffix)])
            break
    for form in list(out):
        for pinyin in pinyin_forms(form)[:1]:  # the full pinyin, joined
            out.add(pinyin)
    return {k for k in out if k}


class Vocabulary:
    """Every reference filter's records by every form of their names, built from the store's
    features (and the dataset's industries) once."""

    def __init__(self, store):
        self._choices: dict[str, list[Choice]] = {}
        self._keys: dict[str, dict[str, set[str]]] = {}
        for target in set(REFERENCES.values()):
            if target == "industries":
                records = [(i.id, (i.name.zh, i.name.en)) for i in store.industries()]
            else:
                records = []
                for f in store.query(target).features:
                    p = f.properties
                    records.append((f.id, (p.get("name_zh"), p.get("name_en"),
                                           p.get("short_zh"), p.get("short_en"))))
            self._add(target, records)
        release_pinyin()  # the names' pinyin is in the keys now

    def _add(self, target: str, records) -> None:
        choices, keys = [], {}
        for code, names in records:
            choices.append(Choice(code, tuple(n for n in names[:2] if n)))
            keys.setdefault(normalise(code), set()).add(code)
            for name in names:
                for key in keys_of(name) if name else ():
                    keys.setdefault(key, set()).add(code)
        self._choices[target], self._keys[target] = choices, keys

    def choices(self, target: str) -> list[Choice]:
        return self._choices[target]

    def resolve(self, key: str, value: str, collection: str) -> str:
        """The code ``value`` names for filter ``key`` of ``collection`` (the value itself when
        it is a code already). Raises InvalidParameter naming the valid values."""
        target = REFERENCES.get(key)
        if target is None:
            return self._check_enum(key, value, collection)
        codes = self._keys[target]
        if value in NONE_VALUES:
            return value
        found = codes.get(normalise(value)) or codes.get(_JOINERS.sub("", normalise(value)))
        if not found:
            found = self._contained(target, value)
        if len(found) == 1:
            return next(iter(found))
        if found:
            names = [c.describe() for c in self._choices[target] if c.code in found]
            raise InvalidParameter(key="error.filter_several", name=key, got=value[:60],
                                   valid="; ".join(names))
        listed = "; ".join(c.describe() for c in self._choices[target])
        raise InvalidParameter(key="error.filter_no_name", name=key, got=value[:60],
                               collection=target, noun=words.t(f"noun.{target}", "zh"),
                               valid=listed)

    def _contained(self, target: str, value: str) -> set[str]:
        """Codes whose names contain ``value`` (智能终端 -> the smart-terminal cluster): a
        fallback for a partial name, used only when it picks out records."""
        query = _JOINERS.sub("", normalise(value))
        if len(query) < 2:
            return set()
        return {code for key, codes in self._keys[target].items() if query in key
                for code in codes}

    def _check_enum(self, key: str, value: str, collection: str) -> str:
        allowed = ENUMS.get((collection, key))
        if allowed is None or value in allowed or value in NONE_VALUES:
            return value
        lowered = normalise(value)
        if lowered in allowed:
            return lowered
        raise InvalidParameter(key="error.filter_value", name=key, got=value[:60],
                               valid=", ".join(allowed))

    def resolve_all(self, collection: str, filters: Mapping[str, str] | None) -> dict[str, str]:
        """``filters`` with every value resolved to its code."""
        return {k: self.resolve(k, str(v), collection) for k, v in (filters or {}).items()}


def sorted_by_name(pairs, lang: str) -> list:
    """``(code, name)`` pairs sorted by :func:`name_order` of the name; pypinyin, when the
    names needed it, is let go afterwards (~55 MB for a filter list's order)."""
    if lang != "en":
        pairs = list(pairs)
        warm_pinyin(name for _, name in pairs)
        release_pinyin()
    return sorted(pairs, key=lambda pair: name_order(pair[1], lang))


def name_order(text: str, lang: str) -> tuple:
    """Sort key of a name as a reader expects it: Chinese by pinyin (not by code point),
    English case-insensitively."""
    if lang == "en":
        return (normalise(text),)
    forms = pinyin_forms(text)
    return (forms[1] if forms else normalise(text), text)
