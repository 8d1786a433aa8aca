"""The service's wording in both languages: one catalogue (:mod:`.catalogue`) and the few rules
of how each language writes lists, colons, plurals and numbers. Every layer reads it (data,
maps, web, cli), so it imports nothing of the project but itself.

A missing key or enumeration value raises KeyError: an untranslated text should fail its test,
not ship."""

from __future__ import annotations

from typing import Iterable

from .catalogue import ENUMS, STRINGS
from .citations import citation, with_section_titles
from .numbers import format_compact, format_number, format_quantity, plain_count

__all__ = ["Key", "LANGS", "STRINGS", "ENUMS", "t", "label", "plural", "separator", "join", "colon",
           "format_number", "format_quantity", "format_compact", "plain_count", "lang_of",
           "citation", "with_section_titles"]

LANGS = ("zh", "en")


def lang_of(lang: str | None) -> str:
    """"en" for English, Chinese for anything else (the service's default)."""
    return "en" if lang == "en" else "zh"


class Key(str):
    """A value that is itself a catalogue key, said in the language of the text it fills
    (an error names "州市" on a Chinese page and "prefectures" on an English one)."""


def t(key: str, lang: str, **values) -> str:
    """The string ``key`` in ``lang``, with ``{name}`` placeholders filled from ``values``."""
    text = STRINGS[key][lang_of(lang)]
    if not values:
        return text
    return text.format(**{k: t(v, lang) if isinstance(v, Key) else v for k, v in values.items()})


def plural(key: str, n: int, lang: str, **values) -> str:
    """``key`` for a count ``n``: English takes ``key + ".one"`` when n is 1 ("1 park",
    "2 parks"); ``n`` is filled in with the language's digit grouping."""
    lang = lang_of(lang)
    if n == 1 and lang == "en":
        key += ".one"
    return t(key, lang, n=format_number(n, lang), **values)


def label(enum: str, value: str | None, lang: str) -> str:
    """The label of one model enumeration value (kind, precision, role, element kind...)."""
    if value is None:
        return ""
    return ENUMS[enum][value][lang_of(lang)]


def separator(lang: str) -> str:
    """Between the items of a list: "、" in Chinese, ", " in English."""
    return ", " if lang_of(lang) == "en" else "、"


def join(items: Iterable[str], lang: str) -> str:
    return separator(lang).join(items)


def colon(lang: str) -> str:
    """After a label: "：" in Chinese, ": " in English."""
    return ": " if lang_of(lang) == "en" else "："
