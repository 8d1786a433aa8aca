"""Name search in Chinese, English and pinyin: partial, case-insensitive, ranked.

Investors type "chenggong", "cgxx", "Information Park" or "呈贡"; all should find 呈贡信息产业园.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin

# Rank of a match by where it hits; a hit in the name beats a hit in secondary text.
EXACT, PREFIX, WORD_PREFIX, SUBSTRING = 100, 80, 60, 40
SECONDARY_PENALTY = 30


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", text).strip()


def pinyin_forms(text: str) -> list[str]:
    """Full pinyin joined and spaced, plus the initials: 呈贡 -> chenggong, cheng gong, cg."""
    if not re.search(r"[\u4e00-\u9fff]", text):
        return []
    syllables = [s for s in lazy_pinyin(text, errors="ignore") if s.strip()]
    initials = [s for s in lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore") if s.strip()]
    return ["".join(syllables), " ".join(syllables), "".join(initials)]


@dataclass(frozen=True)
class Entry:
    collection: str
    id: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...]


def make_entry(collection: str, fid: str, names: list[str], secondary: list[str]) -> Entry:
    primary = []
    for name in names:
        if name:
            primary.append(normalise(name))
            primary.extend(pinyin_forms(normalise(name)))
    extra = []
    for text in secondary:
        if text:
            extra.append(normalise(text))
            extra.extend(pinyin_forms(normalise(text)))
    return Entry(collection, fid, tuple(dict.fromkeys(primary)), tuple(dict.fromkeys(extra)))


def _score_one(query: str, text: str) -> int:
    if text == query:
        return EXACT
    if text.startswith(query):
        return PREFIX
    pos = text.find(query)
    if pos < 0:
        return 0
    if pos > 0 and not text[pos - 1].isalnum():
        return WORD_PREFIX
    return SUBSTRING


def score(entry: Entry, query: str) -> int:
    """0 when the entry does not match; otherwise higher is better."""
    best = max((_score_one(query, t) for t in entry.primary), default=0)
    if best:
        return best
    second = max((_score_one(query, t) for t in entry.secondary), default=0)
    return max(second - SECONDARY_PENALTY, 1) if second else 0
