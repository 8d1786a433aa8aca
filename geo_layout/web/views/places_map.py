"""The parks and sites map pages: the selection the directory's filters make, listed beside
the map (located and unlocated), the filters by name, and a hint when nothing passes."""

from __future__ import annotations

from .directory import chosen_names, empty_hint
from .lists import capped, unlocated


def places_page(store, collection: str, chosen: dict, lang: str) -> dict:
    selected = store.query(collection, chosen).features
    located = [f for f in selected if f.geometry() is not None]
    # the rest of a capped list is on the map, in the API and in the downloads (the directory
    # lists parks and sites together, so it is no full list of one of them)
    return {"collection": collection,
            "located": capped(store, located, lang, chosen, [collection], directory=False),
            "unlocated": unlocated(store, [collection], lang, chosen),
            "chosen": chosen_names(store, chosen, lang),
            "empty": None if selected else empty_hint(store, "", chosen, lang)}
