"""folium is imported without pandas and with requests deferred (a server uses neither);
both still work for whoever needs them. Run in a fresh interpreter: the test process has
imported them already."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
from geo_layout.maps.folium_import import import_folium
import_folium()
import folium, folium.features
print("pandas" in sys.modules, "requests" in sys.modules)
print(folium.features.requests.get.__module__, "requests" in sys.modules)
import requests, requests.adapters
print(folium.features.requests.get is requests.get)
"""


def test_folium_without_pandas_and_requests_until_used():
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True,
                         check=True).stdout.split("\n")
    assert out[0] == "False False"  # neither imported with folium
    assert out[1] == "requests.api True"  # the stand-in imports the real module when read
    assert out[2] == "True"  # one module: the stand-in reads from the real one
