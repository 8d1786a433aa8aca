"""Name search in Chinese, English and pinyin: partial, case-insensitive, ranked.

Investors type a park's name in pinyin ("nanshan"), its initials ("nsxx"), part of its English
name ("Information Park") or of its Chinese one ("南山"); all should find 南山信息产业园.

:func:`score` says how well one entry matches; :class:`SearchIndex` finds the best entries
without scoring them all (100,000 synthetic sites: a scan took ~0.5 s a query).
"""

from __future__ import annotations

import bisect
import functools
import os
import re
import sys
import threading
import unicodedata
from array import array
from dataclasses import dataclass
from typing import Iterable, Sequence
from collections.abc import Sequence as SequenceABC

import numpy as np

from .memory import release_free_memory

# Rank of a match by where it hits; a hit in the name beats a hit in secondary text.
EXACT, PREFIX, WORD_PREFIX, SUBSTRING = 100, 80, 60, 40
SECONDARY_PENALTY = 30


def normalise(text: str) -> str:
    norm = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    # (the same as re.sub(r"\s+", " ", text).strip(), faster); the text itself when it is
    # already normal: one string in memory, not two equal ones (100,000 Chinese site names)
    return text if norm == text else norm


_HANS_RUN = re.compile(r"[\u4e00-\u9fff]+")


def pinyin_forms(text: str) -> list[str]:
    """Full pinyin joined and spaced, plus the initials: 南山 -> nanshan, nan shan, ns."""
    runs = _HANS_RUN.findall(text)
    if not runs:
        return []
    return list(_runs_pinyin(tuple(runs)))


@functools.lru_cache(maxsize=4096)
def _runs_pinyin(runs: tuple[str, ...]) -> tuple[str, str, str]:
    """The three forms for a text's runs of Chinese characters ("合成项目 1" and "合成项目 2"
    have the same)."""
    syllables, initials = [], []
    for run in runs:  # pypinyin segments each run of Chinese characters on its own too
        full, first = _run_pinyin(run)
        syllables += full
        initials += first
    return "".join(syllables), " ".join(syllables), "".join(initials)


@functools.lru_cache(maxsize=65536)
def _run_pinyin(run: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Syllables and initials of one run of Chinese characters, cached: 100,000 site names
    share a few hundred runs (合成项目 ...), and pypinyin costs ~0.2 ms a call. pypinyin is
    imported on the first call not answered by the cache: its phrase dictionary is ~55 MB
    that a server which has not been searched yet does not need (:func:`release_pinyin`
    lets it go again)."""
    with _PINYIN_LOCK:
        # pypinyin copies its dictionaries (~2 MB more while loaded) unless told not to, for
        # callers that add to them: this package never does
        os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
        from pypinyin import Style, lazy_pinyin

        full = tuple(s for s in lazy_pinyin(run, errors="ignore") if s.strip())
        first = tuple(s for s in lazy_pinyin(run, style=Style.FIRST_LETTER, errors="ignore")
                      if s.strip())
    return full, first


#: held while pypinyin is used or dropped (a build in one thread, a release in another)
_PINYIN_LOCK = threading.RLock()


def warm_pinyin(texts: Iterable[str | None]) -> None:
    """Compute (and cache) the pinyin of ``texts`` now, so that a build reading them next
    finds it in the cache after :func:`release_pinyin`: pypinyin's ~55 MB and the build's
    own peak then come one after the other, not on top of each other."""
    for text in texts:
        if text:
            runs = _HANS_RUN.findall(normalise(text))
            if runs:
                _runs_pinyin(tuple(runs))


def release_pinyin() -> None:
    """Let pypinyin go (~55 MB, mostly its phrase dictionary) once a build has the pinyin it
    needs (cached by run: names seen once are never converted again); a run not seen yet
    imports it again. Its modules' globals are cleared, which frees its dictionaries at once
    (only its classes wait for the collector), and the freed pages are given back."""
    with _PINYIN_LOCK:
        names = [m for m in sys.modules if m == "pypinyin" or m.startswith("pypinyin.")]
        modules = [sys.modules.pop(m) for m in names]
        for module in modules:
            if module is not None:
                module.__dict__.clear()
    if modules:
        release_free_memory()  # (glibc keeps freed pages otherwise)


@dataclass(frozen=True, slots=True)
class Entry:
    """A record's searchable forms: its names' (``primary``) and, in groups many records
    share (its industries' names, the names of where it is), its other texts'."""
    collection: str
    id: str
    primary: tuple[str, ...]
    secondary: tuple[tuple[str, ...], ...]


def make_entry(collection: str, fid: str, names: list[str],
               secondary: Sequence[Sequence[str | None]],
               forms: TextForms | None = None) -> Entry:
    """An entry's searchable forms (``secondary``: groups of texts; empty ones dropped); pass
    one :class:`TextForms` for all entries of an index."""
    forms = TextForms() if forms is None else forms
    groups = (forms.of(group, tuple(group)) for group in secondary)
    return Entry(collection, fid, forms.of(names), tuple(g for g in groups if g))


class TextForms:
    """Texts' normalised and pinyin forms, computed once per text (and per keyed list of
    texts): 100,000 sites share their industries' names and the forms of "合成项目"."""

    def __init__(self):
        self._forms: dict[str, tuple[str, ...]] = {}
        self._lists: dict[tuple, tuple[str, ...]] = {}

    def of(self, texts: Sequence[str | None], key=None) -> tuple[str, ...]:
        """The forms of ``texts`` (empty ones skipped), in order, without repeats; kept under
        ``key`` if given (many entries with the same secondary texts share one tuple)."""
        found = None if key is None else self._lists.get(key)
        if found is None:
            forms: tuple[str, ...] = ()
            for text in texts:
                if text:
                    forms += self(text, keep=key is not None)
            found = tuple(dict.fromkeys(forms))
            if key is not None:
                self._lists[key] = found
        return found

    def __call__(self, text: str, keep: bool = True) -> tuple[str, ...]:
        """The forms of ``text``; kept for the next call unless ``keep`` is false (names,
        which come once each: keeping 200,000 of them cost ~25 MB while the index builds)."""
        forms = self._forms.get(text)
        if forms is None:
            norm = normalise(text)
            runs = _HANS_RUN.findall(norm)
            # the pinyin strings come shared from _runs_pinyin's cache
            forms = (norm, *_runs_pinyin(tuple(runs))) if runs else (norm,)
            if keep:
                self._forms[text] = forms
        return forms


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
    second = max((_score_one(query, t) for group in entry.secondary for t in group),
                 default=0)
    return max(second - SECONDARY_PENALTY, 1) if second else 0


def score_levels() -> list[int]:
    """Every score :func:`score` can give, best first."""
    primary = (EXACT, PREFIX, WORD_PREFIX, SUBSTRING)
    return sorted({*primary, *(max(level - SECONDARY_PENALTY, 1) for level in primary)},
                  reverse=True)


class SearchIndex:
    """The entries (in result order: the caller sorts them by its tie-break) and, over the
    distinct texts they are found by, what gives each score level its candidates:

    * the texts sorted: an exact or a prefix match is one range (bisect), and the entries
      holding a range of texts are one slice of an owners array (texts -> entries, CSR);
    * the suffixes of the texts that start a word (after a space or punctuation), sorted:
      a word-prefix match is one range;
    * each text's character trigrams (windows may run past its end into the separator;
      characters as small ids), sorted: a substring of up to 3 characters is one key range,
      a longer one is in the intersection of its trigrams' postings (then checked on the
      texts).

    :meth:`search` walks the score levels best first, takes each level's candidates not yet
    taken in rank order (a word-prefix candidate only once :func:`score` confirms the level)
    and stops at ``limit``: the hits, scores and order of scoring every entry and sorting,
    at the cost of the answer plus a few array operations. Immutable once built.
    """

    def __init__(self, entries: Iterable[Entry]):
        # nothing of the entries is kept but arrays: their texts live once, in the corpus
        # (self.texts reads them there), and each entry's texts are ids (_Owners.of_entry);
        # ``entries`` is read once, so a generator's entries never all exist at once.
        # Texts are numbered as first seen, then renumbered in sorted order (one dict, no
        # set and no second dict: 200,000 texts at 100,000 sites)
        ids: dict[str, int] = {}
        collections: dict[str, int] = {}
        collection_of, primary, counts = array("i"), array("i"), array("i")
        groups: dict[tuple[str, ...], int] = {}  # secondary groups, each once
        group_texts, group_sizes, entry_groups, group_counts = (array("i") for _ in range(4))
        for e in entries:
            collection_of.append(collections.setdefault(e.collection, len(collections)))
            primary.extend([ids.setdefault(t, len(ids)) for t in e.primary])
            counts.append(len(e.primary))
            for group in e.secondary:
                at = groups.get(group)
                if at is None:
                    at = groups[group] = len(groups)
                    group_texts.extend([ids.setdefault(t, len(ids)) for t in group])
                    group_sizes.append(len(group))
                entry_groups.append(at)
            group_counts.append(len(e.secondary))
        del groups
        self.size = len(counts)
        self._collections = sorted(collections)
        code = np.zeros(len(collections), dtype=np.int16)
        code[[collections[name] for name in self._collections]] = np.arange(len(collections))
        self._collection_of = code[_ints(collection_of)]
        del collection_of
        texts = sorted(ids)
        sorted_id = np.zeros(len(texts), dtype=np.int32)  # first-seen number -> sorted one
        sorted_id[np.fromiter(map(ids.__getitem__, texts), dtype=np.int64,
                              count=len(texts))] = np.arange(len(texts), dtype=np.int32)
        del ids
        self._primary = _Owners(sorted_id[_ints(primary)], _ints(counts), len(texts))
        del primary, counts
        self._secondary = _Shared(sorted_id[_ints(group_texts)], _ints(group_sizes),
                                  _ints(entry_groups), _ints(group_counts), len(texts))
        del group_texts, group_sizes, entry_groups, group_counts, sorted_id
        release_free_memory()  # (the dict's pages, before the corpus's arrays are made)
        handover = _Handover(texts)  # (freed once the corpus holds them)
        del texts
        self._index_text(handover)
        self.texts = _Texts(self._corpus, self._text_starts)

    def score(self, rank: int, query: str) -> int:
        """:func:`score` of the entry at ``rank`` (from its texts' ids)."""
        texts = self.texts
        best = max((_score_one(query, texts[t]) for t in self._primary.of_entry(rank)),
                   default=0)
        if best:
            return best
        second = max((_score_one(query, texts[t]) for t in self._secondary.of_entry(rank)),
                     default=0)
        return max(second - SECONDARY_PENALTY, 1) if second else 0

    def _index_text(self, handover: "_Handover") -> None:
        texts: list[str] = handover.take()
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        starts = np.zeros(len(texts), dtype=np.int64)
        np.cumsum(lengths[:-1] + 1, out=starts[1:])
        corpus = "\0".join([*texts, ""])  # every text followed by a separator
        del texts  # (the only reference: its strings not kept elsewhere go now)
        # characters as small ids (1..n; 0 marks the separators), so that a trigram and a
        # text id fit in one int64 that sorts in place: the build's peak memory stays low
        chars = sorted(set(corpus))
        self._char_id = {c: i + 1 for i, c in enumerate(chars)}
        coder = _Coder(chars)
        codes = coder.of(corpus, starts + lengths)
        self._char_bits = (len(chars) + 1).bit_length()
        # word starts: inside a text, not its first character, after a character that is not
        # alphanumeric (the test of _score_one); sorted by the rest of their text
        breaks = np.zeros(len(chars) + 1, dtype=bool)  # (one mask of the corpus at a time)
        breaks[1:] = [not c.isalnum() for c in chars]
        after = breaks[codes[:-1]]
        after &= codes[1:] != 0
        positions = np.flatnonzero(after)
        del after
        positions += 1
        by_suffix = _suffix_order(codes, positions, self._char_bits)
        del codes  # (the trigrams code a run of texts at a time: ~6 MB less peak)
        release_free_memory()  # (between the build's steps: ~20 MB less peak, measured)
        self._index_trigrams(corpus, coder, starts, lengths)
        owner = np.searchsorted(starts, positions, side="right") - 1
        del lengths
        off = _offsets(len(corpus))  # (offsets into the corpus: 4 bytes each)
        self._word_pos = positions[by_suffix].astype(off)
        # each text's start, and the corpus's end: text i ends 1 before text i + 1 starts
        self._text_starts = np.append(starts, len(corpus)).astype(off)
        self._word_texts = owner[by_suffix].astype(np.int32)
        self._corpus = corpus

    def _index_trigrams(self, corpus: str, coder: "_Coder", starts: np.ndarray,
                        lengths: np.ndarray) -> None:
        """Trigram postings: for every key (three character ids; windows start inside a text
        and may run into the separator), the ids of the texts having it, ascending.

        A counting sort over runs of whole texts: a first pass counts each key's texts, a
        second writes each run's texts at their key's place. The build's arrays are a run's
        size (~65,000 windows), not the corpus's: 100,000 sites peaked ~20 MB higher when
        the windows were sorted a part at a time."""
        text_bits = max(len(lengths), 1).bit_length()
        if 3 * self._char_bits + text_bits > 63:  # a huge alphabet and many texts
            self._index_trigram_pairs(coder.of(corpus, starts + lengths), lengths)
            return
        runs = _text_runs(starts, lengths, _TRIGRAM_RUN)
        pairs_of = functools.partial(self._trigram_pairs, corpus, coder, starts, lengths,
                                     text_bits, runs)
        found = [np.unique(pairs >> text_bits, return_counts=True) for pairs in pairs_of()]
        keys, where = np.unique(np.concatenate([k for k, _ in found] or [[]]).astype(np.int64),
                                return_inverse=True)
        counts = np.bincount(where, weights=np.concatenate([c for _, c in found] or [[]]),
                             minlength=len(keys)).astype(np.int64)
        del found, where
        self._gram_keys = keys
        self._gram_ptr = np.zeros(len(keys) + 1, dtype=_offsets(int(counts.sum())))
        np.cumsum(counts, out=self._gram_ptr[1:])
        del counts
        texts = np.empty(int(self._gram_ptr[-1]), dtype=np.int32)
        filled = self._gram_ptr[:-1].astype(np.int64)  # each key's next free place
        for pairs in pairs_of():
            gram = np.searchsorted(keys, pairs >> text_bits)
            fresh = np.flatnonzero(np.concatenate([[True], gram[1:] != gram[:-1]]))
            run_counts = np.diff(np.append(fresh, len(gram)))
            # a pair's place: its key's next free place plus its rank among the run's pairs
            # of that key (pairs come sorted by key, then text)
            place = filled[gram] + np.arange(len(gram)) - np.repeat(fresh, run_counts)
            texts[place] = pairs & ((1 << text_bits) - 1)
            filled[gram[fresh]] += run_counts
        self._gram_texts = texts

    def _trigram_pairs(self, corpus: str, coder: "_Coder", starts: np.ndarray,
                       lengths: np.ndarray, text_bits: int, runs: list[tuple[int, int]]):
        """For each run of texts [lo, hi): its distinct (key, text) pairs, packed in int64
        (key above ``text_bits`` bits of text id), sorted."""
        bits = self._char_bits
        for lo, hi in runs:
            first, last = int(starts[lo]), int(starts[hi - 1] + lengths[hi - 1])
            codes = coder.of(corpus[first:last], starts[lo:hi] + lengths[lo:hi] - first)
            at = np.flatnonzero(codes[:last - first])  # windows start inside a text
            pairs = codes[at].astype(np.int64)
            pairs <<= bits
            pairs |= codes[at + 1]
            pairs <<= bits
            pairs |= codes[at + 2]
            pairs <<= text_bits
            pairs |= np.repeat(np.arange(lo, hi, dtype=np.int64), lengths[lo:hi])
            del at
            pairs.sort()
            yield pairs[np.concatenate([[True], pairs[1:] != pairs[:-1]])]

    def _index_trigram_pairs(self, codes: np.ndarray, lengths: np.ndarray) -> None:
        """:meth:`_index_trigrams` when (key, text) does not fit one int64."""
        bits, n = self._char_bits, len(codes) - 2
        keys = codes[:n].astype(np.int64)
        keys <<= bits
        keys |= codes[1:n + 1]
        keys <<= bits
        keys |= codes[2:]
        keys = keys[codes[:n] != 0]
        owners = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)
        order = np.lexsort((owners, keys))  # sort pairs (more memory)
        keys, owners = keys[order], owners[order].astype(np.int32)
        del order
        fresh = np.concatenate([keys[:1] == keys[:1],
                                (keys[1:] != keys[:-1]) | (owners[1:] != owners[:-1])])
        self._gram_postings(keys[fresh], owners[fresh])

    def _gram_postings(self, keys: np.ndarray, owners: np.ndarray) -> None:
        """From (key, text) pairs sorted, each once: the distinct keys and their texts."""
        first = np.flatnonzero(np.concatenate([keys[:1] == keys[:1], keys[1:] != keys[:-1]]))
        self._gram_keys = keys[first]
        self._gram_ptr = np.append(first, len(keys))
        self._gram_texts = owners

    def search(self, query: str, limit: int, collections: Sequence[str] | None = None
               ) -> list[tuple[int, int]]:
        """(rank, score) of the best ``limit`` entries for a normalised ``query``, best
        first, ties by rank; only entries of ``collections`` if given."""
        if not query or limit == 0:
            return []
        n = self.size
        allowed = None
        if collections is not None and not set(self._collections) <= set(collections):
            wanted = [i for i, name in enumerate(self._collections) if name in collections]
            allowed = np.isin(self._collection_of, wanted)
        want = limit if limit > 0 else n
        hits: list[tuple[int, int]] = []
        done = np.zeros(n, dtype=bool)
        lookup = _Lookup(self, query)
        for level in score_levels():
            mask, check = lookup.candidates(level)
            if mask is None:
                continue
            mask &= ~done
            if allowed is not None:
                mask &= allowed
            if not check:  # the candidates not yet taken score exactly this level
                ranks = np.flatnonzero(mask)[:want - len(hits)]
                hits += [(rank, level) for rank in ranks.tolist()]
                done[ranks] = True
            else:
                for rank in _ascending(mask):
                    if self.score(rank, query) == level:
                        hits.append((rank, level))
                        done[rank] = True
                        if len(hits) == want:
                            break
            if len(hits) == want:
                break
        return hits[:limit] if limit < 0 else hits


def _offsets(largest: int):
    """The dtype of offsets up to ``largest``: 4 bytes each, unless they need 8."""
    return np.int32 if largest < 1 << 31 else np.int64


def _suffix_order(codes: np.ndarray, starts: np.ndarray, bits: int) -> np.ndarray:
    """The order (stable) that sorting the texts from each of ``starts`` to the next 0 in
    ``codes`` would give (character ids keep the characters' order; 0 ends a text and sorts
    first, as a shorter text does). Compared a few characters at a time (packed in one int64
    key), and only among suffixes still tied: small arrays, not 300,000 strings (~24 MB)."""
    per_key = max(1, 63 // bits)
    last = len(codes) - 1  # (codes ends with a 0)
    index = _offsets(max(len(codes), len(starts)))  # (4 bytes a place: half the memory)
    starts = starts.astype(index)
    order = np.arange(len(starts), dtype=index)
    tie = np.zeros(len(starts), dtype=index)  # along order: the first place of its tie
    tied = np.arange(len(starts), dtype=index)  # places in order still tied, not ended
    depth = 0
    while len(tied):
        at = starts[order[tied]]
        key = np.zeros(len(tied), dtype=np.int64)
        ended = np.zeros(len(tied), dtype=bool)
        where = np.empty_like(at)
        for j in range(per_key):
            np.add(at, depth + j, out=where)
            np.minimum(where, last, out=where)
            code = codes[where]
            code[ended] = 0
            ended |= code == 0
            key <<= bits
            key |= code
        del at, where, code
        depth += per_key
        # within each tie (a run of places, ties in order), by the key: lexsort is stable
        ties = tie[tied]
        sub = np.lexsort((key, ties))
        order[tied] = order[tied][sub]
        key, ended = key[sub], ended[sub]
        del sub
        fresh = np.ones(len(tied), dtype=bool)
        fresh[1:] = (ties[1:] != ties[:-1]) | (key[1:] != key[:-1])
        del key, ties
        heads = np.flatnonzero(fresh).astype(index)
        del fresh
        sizes = np.diff(np.append(heads, len(tied))).astype(index)
        tie[tied] = np.repeat(tied[heads], sizes)
        tied = tied[~ended & np.repeat(sizes > 1, sizes)]
    return order


def _text_runs(starts: np.ndarray, lengths: np.ndarray, windows: int
               ) -> list[tuple[int, int]]:
    """Consecutive runs [lo, hi) of the texts, each with about ``windows`` characters (at
    least one text each)."""
    if not len(lengths):
        return []
    ends = np.cumsum(lengths)
    cuts = np.searchsorted(ends, np.arange(windows, int(ends[-1]), windows), side="right")
    edges = [0, *dict.fromkeys(int(c) for c in cuts if 0 < c < len(lengths)), len(lengths)]
    return list(zip(edges[:-1], edges[1:]))


#: characters (trigram windows) per run of texts while the trigram postings are built
_TRIGRAM_RUN = 1 << 16


class _Coder:
    """Characters as small ids (1..n, in the characters' order; 0 marks the separators), so
    that a trigram and a text id fit in one int64 that sorts in place; two bytes a character
    while the ids fit (unless a corpus has 32,767 distinct characters)."""

    def __init__(self, chars: list[str]):
        self._table = np.zeros(ord(chars[-1]) + 1 if chars else 1, dtype=np.int32)
        self._table[[ord(c) for c in chars]] = np.arange(1, len(chars) + 1, dtype=np.int32)
        self._dtype = np.int16 if len(chars) < 1 << 15 else np.int32

    def of(self, text: str, separators: np.ndarray) -> np.ndarray:
        """The ids of ``text``'s characters, 0 at ``separators`` (offsets into it) and in
        the 2 more places the last windows reach past its end; coded a window at a time
        (the UTF-32 text is 4 bytes a character)."""
        codes = np.zeros(len(text) + 2, dtype=self._dtype)
        step = 1 << 18
        for at in range(0, len(text), step):
            piece = text[at:at + step].encode("utf-32-le", "surrogatepass")
            codes[at:at + len(piece) // 4] = self._table[np.frombuffer(piece, dtype="<u4")]
            del piece
        codes[separators] = 0
        return codes


class _Handover:
    """Passes an array on so that the callee holds the only reference (and may free it)."""

    def __init__(self, value):
        self._value = value

    def take(self):
        value, self._value = self._value, None
        return value


class _Texts(SequenceABC):
    """The distinct texts, sorted, read from the corpus (one string, every text followed by a
    separator) by their offsets (``starts``: each text's, then the corpus's end): ~16 MB
    less than a list of 200,000 strings."""

    def __init__(self, corpus: str, starts: np.ndarray):
        self._corpus, self._starts = corpus, starts

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        i %= len(self)
        return self._corpus[self._starts[i]:self._starts[i + 1] - 1]


def _ascending(mask: np.ndarray):
    """The true positions of ``mask``, in growing chunks (a query usually needs few)."""
    found = np.flatnonzero(mask)
    start, step = 0, 64
    while start < len(found):
        yield from found[start:start + step].tolist()
        start, step = start + step, step * 4


class _Lookup:
    """One query against one index: the text sets it needs, each computed on first use."""

    KINDS = (("exact", EXACT), ("prefix", PREFIX), ("word", WORD_PREFIX),
             ("substring", SUBSTRING))

    def __init__(self, index: SearchIndex, query: str):
        self.index, self.query = index, query
        self._texts: dict[str, object] = {}
        self._in_primary: np.ndarray | None = None

    def candidates(self, level: int) -> tuple[np.ndarray | None, bool]:
        """Mask of the entries that may score ``level`` (None when there are none): those
        holding a text that matches as ``level`` says; for a secondary level, minus those
        with any primary match (their score is the primary one). And whether each needs
        :func:`score` to confirm it: only a word-prefix hit may turn out a plain substring
        (the score looks at the first occurrence); the other sets, minus the entries taken at
        better levels, are exact."""
        mask, check = None, False
        for kind, value in self.KINDS:
            for secondary in (False, True):
                got = max(value - SECONDARY_PENALTY, 1) if secondary else value
                if got != level:
                    continue
                owners = self.index._secondary if secondary else self.index._primary
                ranks = self._ranks(owners, kind)
                if not len(ranks):
                    continue
                part = np.zeros(self.index.size, dtype=bool)
                part[ranks] = True
                if secondary:
                    part &= ~self.in_primary()
                mask = part if mask is None else mask | part
                check = check or kind == "word"
        return mask, check

    def in_primary(self) -> np.ndarray:
        """Mask of the entries with a primary text containing the query."""
        if self._in_primary is None:
            self._in_primary = np.zeros(self.index.size, dtype=bool)
            self._in_primary[self._ranks(self.index._primary, "substring")] = True
        return self._in_primary

    def _ranks(self, owners: _Owners | _Shared, kind: str) -> np.ndarray:
        if kind in ("exact", "prefix"):
            lo, hi = self._text_range()
            if kind == "exact":
                hi = lo + 1 if lo < hi and self.index.texts[lo] == self.query else lo
            return owners.of_range(lo, hi)
        if kind not in self._texts:
            self._texts[kind] = self._word_texts() if kind == "word" else self._containing()
        return owners.of_texts(self._texts[kind])

    def _text_range(self) -> tuple[int, int]:
        """Texts starting with the query: ids [lo, hi) (an exact match, if any, is lo)."""
        if "range" not in self._texts:
            q, texts = self.query, self.index.texts
            lo = bisect.bisect_left(texts, q)
            hi = bisect.bisect_right(texts, q, lo=lo, key=lambda t: t[:len(q)])
            self._texts["range"] = (lo, hi)
        return self._texts["range"]

    def _word_texts(self) -> np.ndarray:
        """Texts with a word starting with the query (ids, may repeat)."""
        q, index = self.query, self.index
        corpus, pos, starts, owner = (index._corpus, index._word_pos, index._text_starts,
                                      index._word_texts)

        def head(i):  # the query's length of word i's text from the word on
            return corpus[pos[i]:min(pos[i] + len(q), starts[owner[i] + 1] - 1)]

        lo = bisect.bisect_left(range(len(pos)), q, key=head)
        hi = bisect.bisect_right(range(len(pos)), q, lo=lo, key=head)
        return index._word_texts[lo:hi]

    def _containing(self) -> np.ndarray:
        """Texts containing the query (ids)."""
        q, index = self.query, self.index
        codes = [index._char_id.get(c, -1) for c in q]
        keys, ptr, texts = index._gram_keys, index._gram_ptr, index._gram_texts
        if -1 in codes:  # a character no text has
            return texts[:0]
        bits = index._char_bits
        if len(codes) <= 3:
            key = 0
            for c in (codes + [0, 0])[:3]:
                key = (key << bits) | c
            i, j = np.searchsorted(keys, [key, key + (1 << (bits * (3 - len(codes))))])
            found = texts[ptr[i]:ptr[j]]
            if len(codes) < 3:  # one text per following character: unique them
                seen = np.zeros(len(index.texts), dtype=bool)
                seen[found] = True
                found = np.flatnonzero(seen)
            return found
        postings = []
        for k in range(len(codes) - 2):
            key = (((codes[k] << bits) | codes[k + 1]) << bits) | codes[k + 2]
            i = int(np.searchsorted(keys, key))
            if i == len(keys) or keys[i] != key:
                return texts[:0]
            postings.append(texts[ptr[i]:ptr[i + 1]])
        postings.sort(key=len)
        found = postings[0]
        for other in postings[1:]:
            if not len(found):
                break
            at = np.minimum(np.searchsorted(other, found), len(other) - 1)
            found = found[other[at] == found]
        return np.array([t for t in found.tolist() if q in index.texts[t]], dtype=np.int64)


class _Owners:
    """Text id -> ranks of the entries holding that text (CSR; ranks ascending per text)."""

    def __init__(self, tids: np.ndarray, counts: np.ndarray, n_texts: int):
        """``tids``: every entry's text ids, entry after entry (``counts`` of them each)."""
        self.ranks, self.ptr = _inverted(tids, counts, n_texts)
        # and the other way: rank -> its texts' ids (CSR, in the entry's order)
        self.entry_texts = tids
        self.entry_ptr = _csr_ptr(counts)

    def of_entry(self, rank: int) -> list[int]:
        return self.entry_texts[self.entry_ptr[rank]:self.entry_ptr[rank + 1]].tolist()

    def of_range(self, lo: int, hi: int) -> np.ndarray:
        return self.ranks[self.ptr[lo]:self.ptr[hi]]

    def of_texts(self, tids: np.ndarray) -> np.ndarray:
        return _gather(self.ranks, self.ptr, tids)


class _Shared:
    """:class:`_Owners` for texts that come in groups many entries share (a record's secondary
    texts: its industries' names, the names of where it is): text id -> the groups holding
    it -> their entries, each group once (100,000 sites: 1,400 groups of 14,000 texts in
    all, where whole lists were 43,000 of 1.3 million). Ranks come out in no particular
    order, and may repeat (the callers mark them)."""

    def __init__(self, texts: np.ndarray, sizes: np.ndarray, groups: np.ndarray,
                 counts: np.ndarray, n_texts: int):
        """``texts``: every group's text ids, group after group (``sizes`` of them each);
        ``groups``: every entry's groups, entry after entry (``counts`` of them each)."""
        self.group_texts, self.group_ptr = texts, _csr_ptr(sizes)
        self.text_groups, self.text_ptr = _inverted(texts, sizes, n_texts)
        self.entry_groups, self.entry_ptr = groups, _csr_ptr(counts)
        self.group_ranks, self.rank_ptr = _inverted(groups, counts, len(sizes))

    def of_entry(self, rank: int) -> list[int]:
        ptr, texts = self.group_ptr, self.group_texts
        return [t for g in self.entry_groups[self.entry_ptr[rank]:self.entry_ptr[rank + 1]]
                for t in texts[ptr[g]:ptr[g + 1]].tolist()]

    def of_range(self, lo: int, hi: int) -> np.ndarray:
        return self._ranks(self.text_groups[self.text_ptr[lo]:self.text_ptr[hi]])

    def of_texts(self, tids: np.ndarray) -> np.ndarray:
        return self._ranks(_gather(self.text_groups, self.text_ptr, tids))

    def _ranks(self, groups: np.ndarray) -> np.ndarray:
        if not len(groups):
            return self.group_ranks[:0]
        seen = np.zeros(len(self.rank_ptr) - 1, dtype=bool)
        seen[groups] = True
        return _gather(self.group_ranks, self.rank_ptr, np.flatnonzero(seen))


def _ints(values: array) -> np.ndarray:
    """An ``array("i")`` as a numpy array (a view of its buffer)."""
    return np.frombuffer(values, dtype=np.intc) if len(values) else np.zeros(0, np.intc)


def _csr_ptr(counts: np.ndarray) -> np.ndarray:
    """Offsets of consecutive runs of ``counts`` items: run i is [ptr[i], ptr[i + 1])."""
    ptr = np.zeros(len(counts) + 1, dtype=_offsets(int(counts.sum())))
    np.cumsum(counts, out=ptr[1:])
    return ptr


def _inverted(ids: np.ndarray, counts: np.ndarray, n_ids: int) -> tuple[np.ndarray, np.ndarray]:
    """A CSR the other way. ``ids`` (each below ``n_ids``) come in runs, ``counts`` of them
    in each; returns ``(runs, ptr)``: the runs holding id i are ``runs[ptr[i]:ptr[i + 1]]``,
    ascending (the sort is stable)."""
    owner = np.repeat(np.arange(len(counts), dtype=np.int32), counts)
    runs = owner[np.argsort(ids, kind="stable")]
    del owner
    return runs, _csr_ptr(np.bincount(ids, minlength=n_ids))


def _gather(values: np.ndarray, ptr: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """``values[ptr[i]:ptr[i + 1]]`` for each i of ``ids``, concatenated."""
    if not len(ids):
        return values[:0]
    starts = ptr[ids]
    counts = ptr[ids + 1] - starts
    total = int(counts.sum())
    if not total:
        return values[:0]
    shift = np.repeat(starts - (np.cumsum(counts) - counts), counts)
    return values[shift + np.arange(total)]
