"""Name search in Chinese, English and pinyin: partial, case-insensitive, ranked.

Investors type "chenggong", "cgxx", "Information Park" or "呈贡"; all should find 呈贡信息产业园.
"""

from __future__ import annotations

import functools
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


_HANS_RUN = re.compile(r"[\u4e00-\u9fff]+")


def pinyin_forms(text: str) -> list[str]:
    """Full pinyin joined and spaced, plus the initials: 呈贡 -> chenggong, cheng gong, cg."""
    runs = _HANS_RUN.findall(text)
    if not runs:
        return []
    syllables, initials = [], []
    for run in runs:  # pypinyin segments each run of Chinese characters on its own too
        full, first = _run_pinyin(run)
        syllables += full
        initials += first
    return ["".join(syllables), " ".join(syllables), "".join(initials)]


@functools.lru_cache(maxsize=65536)
def _run_pinyin(run: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Syllables and initials of one run of Chinese characters, cached: 100,000 site names
    share a few hundred runs (合成项目 ...), and pypinyin costs ~0.2 ms a call."""
    full = tuple(s for s in lazy_pinyin(run, errors="ignore") if s.strip())
    first = tuple(s for s in lazy_pinyin(run, style=Style.FIRST_LETTER, errors="ignore")
                  if s.strip())
    return full, first


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
