"""The search index gives exactly what scoring every entry and sorting gave (the linear scan
it replaced): same hits, scores and order, for any query, limit and collections; on random
entries built to hit the edge cases, on the seeds and on a synthetic data folder."""

from __future__ import annotations

import random

import pytest

from geo_layout.data.search import (Entry, SearchIndex, TextForms, make_entry, normalise,
                                    pinyin_forms, score, score_levels)
from geo_layout.data.store import SEARCH_COLLECTIONS, _RelatedNames, open_store
from geo_layout.data.synth import write_synthetic

LIMITS = (1, 2, 7, 20, 100, 10_000)
WORDS = ("park", "parks", "Info", "information", "site", "xin", "xi", "a", "ab", "b", "d-b",
         "呈贡", "信息", "产业园", "合成项目", "昆明", "云", "（", "·", "-", "(", ")", "x2", "42",
         "ⅳ", "Ａ", "ß", "İ", "e\u0301", "\x00", "😀")


def scan(entries, query, limit, collections=None):
    """The search as it was: score every entry, sort by score, then rank."""
    hits = []
    for rank, entry in enumerate(entries):
        if collections is not None and entry.collection not in collections:
            continue
        s = score(entry, query)
        if s:
            hits.append((rank, s))
    hits.sort(key=lambda h: (-h[1], h[0]))
    return hits[:limit]


def old_make_entry(collection, fid, names, secondary) -> Entry:
    """make_entry as it was (no shared forms, no groups), to check the new one: the
    secondary texts all in one group."""
    primary = []
    for name in names:
        if name:
            primary += [normalise(name), *pinyin_forms(normalise(name))]
    extra = []
    for text in (t for group in secondary for t in group):
        if text:
            extra += [normalise(text), *pinyin_forms(normalise(text))]
    extra = tuple(dict.fromkeys(extra))
    return Entry(collection, fid, tuple(dict.fromkeys(primary)), (extra,) if extra else ())


def flat(entry: Entry) -> Entry:
    """``entry`` with its secondary groups in one (as they score)."""
    extra = tuple(dict.fromkeys(t for group in entry.secondary for t in group))
    return Entry(entry.collection, entry.id, entry.primary, (extra,) if extra else ())


def random_text(rng: random.Random) -> str:
    return rng.choice(("", " ", "  ")).join(rng.choice(WORDS) + rng.choice(("", " ", "-"))
                                            for _ in range(rng.randint(1, 4)))


def random_entries(seed: int, n: int) -> list[Entry]:
    rng = random.Random(seed)
    forms = TextForms()
    entries = []
    for i in range(n):
        names = [random_text(rng) for _ in range(rng.randint(0, 2))] + [None]
        secondary = [[random_text(rng) for _ in range(rng.randint(0, 3))]
                     for _ in range(rng.randint(0, 2))]
        collection = rng.choice(("parks", "sites", "targets"))
        entries.append(make_entry(collection, f"{collection}-{i:04d}", names, secondary, forms))
    return sorted(entries, key=lambda e: (e.collection, e.id))


def queries_for(entries, rng: random.Random, n: int) -> list[str]:
    """Pieces of the entries' texts (prefixes, word starts, middles, whole texts, single
    characters) and a few that match nothing."""
    texts = sorted({t for e in entries
                    for t in (*e.primary, *(x for group in e.secondary for x in group))})
    out = {"zzz", "\x00", "a\x00", " ", "-", "xin xi", "infor", "ation"}
    for _ in range(n):
        text = rng.choice(texts)
        start = rng.choice((0, rng.randrange(len(text)), text.find(" ") + 1))
        out.add(text[start:start + rng.randint(1, 8)])
        out.add(text)
    out |= set("".join(texts))
    return sorted(q for q in (normalise(q) for q in out) if q)


def assert_same(index: SearchIndex, entries, queries, collection_sets):
    for query in queries:
        for collections in collection_sets:
            everything = scan(entries, query, None, collections)
            for limit in LIMITS:
                assert index.search(query, limit, collections) == everything[:limit], \
                    (query, limit, collections)
            assert index.search(query, -1, collections) == everything[:-1]
            assert index.search(query, 0, collections) == []


def test_normalise_collapses_whitespace_as_the_regex_did():
    import re
    import unicodedata

    def old(text):
        return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()

    for code in range(0x10000):
        text = f" a{chr(code)}b\u3000{chr(code)} "
        assert normalise(text) == old(text), hex(code)


def test_score_levels_are_every_possible_score_best_first():
    assert score_levels() == [100, 80, 70, 60, 50, 40, 30, 10]


def test_make_entry_gives_the_forms_it_gave_before():
    forms = TextForms()
    for seed in range(3):
        rng = random.Random(seed)
        for _ in range(200):
            names = [random_text(rng), None, ""]
            secondary = [[random_text(rng) for _ in range(2)], [random_text(rng), None]]
            assert flat(make_entry("parks", "x", names, secondary, forms)) == \
                old_make_entry("parks", "x", names, secondary)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_entries_same_as_the_scan(seed):
    entries = random_entries(seed, 150)
    index = SearchIndex(entries)
    queries = queries_for(entries, random.Random(seed), 150)
    assert len(queries) > 100
    assert_same(index, entries, queries, (None, ("parks",), ("sites", "targets"), ()))


def test_empty_index_and_empty_query():
    assert SearchIndex([]).search("a", 20) == []
    index = SearchIndex([make_entry("parks", "p", ["Park"], [])])
    assert index.search("", 20) == []
    assert index.search("park", 20) == [(0, 100)]
    assert index.search("park", 20, ()) == []


def old_store_search(store, entries, q, limit=20, collections=SEARCH_COLLECTIONS):
    """InMemoryStore.search as it was, over ``entries`` = [(Entry, feature)]."""
    query = normalise(q)
    if not query:
        return []
    hits = []
    for entry, feature in entries:
        if entry.collection in collections:
            s = score(entry, query)
            if s:
                hits.append((feature.collection, feature.id, s))
    order = {name: i for i, name in enumerate(SEARCH_COLLECTIONS)}
    hits.sort(key=lambda h: (-h[2], order[h[0]], h[1]))
    return hits[:limit]


def old_entries(store):
    """The scan's entries, built as the store built them."""
    related = _RelatedNames(store)
    out = []
    for name in SEARCH_COLLECTIONS:
        for f in store.query(name).features:
            p = f.properties
            out.append((old_make_entry(name, f.id, [p.get("name_zh"), p.get("name_en")],
                                       related.of(f)), f))
    return out


def assert_store_same(store, queries):
    entries = old_entries(store)
    for q in queries:
        for collections in (SEARCH_COLLECTIONS, ("parks", "sites"), ("targets",)):
            everything = old_store_search(store, entries, q, None, collections)
            for limit in (1, 20, 100, 10_000):
                got = [(h.feature.collection, h.feature.id, h.score)
                       for h in store.search(q, limit=limit, collections=collections)]
                assert got == everything[:limit], (q, limit, collections)


def store_queries(store, rng, n):
    entries = [e for e, _ in old_entries(store)]
    typed = ["呈贡", "chenggong", "ChengGong", "Chenggong Information", "cg", "cgxx", "kunming",
             "KUNMING", "  kun  ming ", "Information Park", "information", "yunnan", "软件",
             "大数据", "big data", "robot", "5G", "site", "合成项目", "synthetic site 4", "xyzzy",
             "ｋｕｎｍｉｎｇ", "e", "a", "-", "（", "2025"]
    return typed + queries_for(entries, rng, n)


def test_the_seeds_same_as_the_scan(store):
    assert_store_same(store, store_queries(store, random.Random(5), 120))


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory):
    return open_store(write_synthetic(tmp_path_factory.mktemp("synth") / "data", 400, seed=3))


def test_a_synthetic_folder_same_as_the_scan(synthetic_store):
    queries = store_queries(synthetic_store, random.Random(6), 60)
    queries += ["synthetic site 1", "合成项目 12", "hechengxiangmu", "hcxm", "he cheng xiang",
                "site 3", "site 39"]
    assert_store_same(synthetic_store, queries)
    top = synthetic_store.search("synthetic site 12", limit=3)
    assert [(h.feature.id, h.score) for h in top] == [
        ("synthetic-12", 100), ("synthetic-120", 80), ("synthetic-121", 80)]
