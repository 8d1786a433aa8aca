"""The dataset as (Geo)DataFrames, for notebooks and report pipelines.

Geometries are WGS-84 (EPSG:4326); list properties stay Python lists. geopandas is imported
here only, when a frame is asked for."""

from __future__ import annotations

from .features import GEOMETRY_COLLECTIONS
from .store import Store, open_store


def frame(collection: str, store: Store | None = None, *, lod: str = "medium",
          filters: dict | None = None):
    """One collection as a GeoDataFrame (geometry collections) or a DataFrame (the others).

    ``filters`` are the same as the API's (``{"prefecture": "530100"}``)."""
    import geopandas as gpd
    import pandas as pd

    store = store or open_store()
    features = store.query(collection, filters or {}).features
    rows = [dict(f.properties, id=f.id) for f in features]
    if collection not in GEOMETRY_COLLECTIONS:
        return pd.DataFrame(rows).set_index("id", drop=False) if rows else pd.DataFrame()
    geoms = [f.geometry(lod) for f in features]
    gdf = gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326")
    return gdf.set_index("id", drop=False) if rows else gdf
