"""The framework-free data layer: model, seed loader, boundaries, store, coordinate systems.

Never imports flask or folium. ``load_dataset`` and ``Store`` are the entry points; the
``frames`` module turns a dataset into GeoDataFrames for notebooks.
"""
