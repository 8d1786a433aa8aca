"""The dataset as (Geo)DataFrames, for notebooks and report pipelines.

Geometries are WGS-84 (EPSG:4326); list properties stay Python lists. geopandas is imported
here only, when a frame is asked for."""

from __future__ import annotations

from .features import GEOMETRY_COLLECTIONS
from .store import Store, open_store


def frame(collection: str, store: Store | None = None, *, lod: str = "medium",
          filters: dict | None = None):
    """One collection as a GeoDataFrame (geometry collections) or a DataFrame (the others).

    ``filters`` are the same as the API's (``{"prefecture": "<adcode>"}``)."""
    import geopandas as gpd
    import pandas as pd

    store = store or open_store()
    features = store.query(collection, filters or {}).features
    rows = [dict(f.properties, id=f.id) for f in features]
    columns = _columns(store, collection)
    if collection not in GEOMETRY_COLLECTIONS:
        return pd.DataFrame(rows, columns=columns).set_index("id", drop=False)
    geoms = [f.geometry(lod) for f in features]
    gdf = gpd.GeoDataFrame(rows, columns=columns, geometry=geoms, crs="EPSG:4326")
    return gdf.set_index("id", drop=False)


def _columns(store: Store, collection: str) -> list[str]:
    """The collection's columns, the same whether a filter matches records or none."""
    first = store.query(collection, limit=1).features
    columns = list(first[0].properties) if first else []
    return columns + ([] if "id" in columns else ["id"])
