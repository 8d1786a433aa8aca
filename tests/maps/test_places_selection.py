"""places_map draws exactly the places asked for: both collections, filters and search ids."""

from __future__ import annotations

from geo_layout.maps import places_map


def _drawn(m, store):
    html = m.get_root().render()
    located = [f for c in ("parks", "sites") for f in store.query(c).features
               if f.geometry() is not None]
    return {f.id for f in located if f'"{f.id}"' in html}


def test_places_collection_draws_parks_and_sites(store):
    drawn = _drawn(places_map(store, "places"), store)
    assert "chenggong-information-industry-park" in drawn
    assert "songming-guangdong-merchants-industrial-park-project" in drawn


def test_ids_limit_the_map_to_search_hits(store):
    m = places_map(store, "places", ids=["chenggong-information-industry-park"])
    assert _drawn(m, store) == {"chenggong-information-industry-park"}


def test_filters_and_ids_combine(store):
    m = places_map(store, "places", filters={"prefecture": "530100"},
                   ids=["chenggong-information-industry-park",
                        "dehong-ruili-opening-up-pilot-zone"])
    assert _drawn(m, store) == {"chenggong-information-industry-park"}
