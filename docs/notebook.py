"""geo_layout in a notebook: the plan's layout as (Geo)DataFrames and the service's maps as
folium maps, with no server. Cells are marked ``# %%`` (Jupyter, VS Code, Spyder run them one
by one); ``python docs/notebook.py`` runs them all and writes its files to the current folder.
"""

# %% The dataset as frames (loaded on first use; WGS-84, EPSG:4326)
import geo_layout

parks = geo_layout.parks                # GeoDataFrame, one row per park, indexed by id
sites = geo_layout.sites
elements = geo_layout.layout_elements   # "一核、一区、两群、多点", with geometries
targets = geo_layout.targets            # DataFrame of the plan's figures
print(len(geo_layout.prefectures), "prefectures,", len(parks), "parks,", len(sites), "sites")

# %% Filter: the same filters as the API and the park directory
kunming_parks = geo_layout.frame("parks", filters={"prefecture": "530100"})
located = kunming_parks[kunming_parks.geometry.notna()]
print(located[["name_en", "kind", "precision", "uncertainty_km"]].to_string())

# %% Plain pandas / geopandas from here: parks per prefecture, areas in km²
per_prefecture = parks.groupby("prefecture").size().sort_values(ascending=False)
per_prefecture.to_csv("parks_per_prefecture.csv")
areas_km2 = geo_layout.prefectures.to_crs(3857).area / 1e6  # rough (Web Mercator)

# %% A map of the service, named like its URL, with the URL's options
m = geo_layout.map("maps/parks", lang="en", prefecture="530100")
# the same: geo_layout.map("maps/parks?lang=en&prefecture=530100")
# or a builder: geo_layout.maps.layout_map(geo_layout.store(), lang="en", basemap="osm")
m  # in Jupyter the map shows here

# %% Save it as one HTML file that opens offline (every asset inlined)
geo_layout.save_html(m, "kunming-parks.html")
layout = geo_layout.map("maps/layout", lang="en", layers="prefectures,core,zone")
geo_layout.save_html(layout, "layout-en.html")
print("wrote kunming-parks.html and layout-en.html")
