"""geo_layout: a map service for provincial industrial development plans.

The package's public Python API lives in :mod:`geo_layout.data` (the dataset as records and
GeoDataFrames) and :mod:`geo_layout.maps` (every map of the service as a ``folium.Map``).
Nothing is loaded at import time.
"""

__version__ = "0.1.0"
