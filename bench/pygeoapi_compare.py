"""pygeoapi vs geo_layout on the same parks, same machine, same load client.

pygeoapi runs in its own environment (``bench/.venv-pygeoapi``, created on first run with
``pip install pygeoapi gunicorn``; gitignored) under gunicorn (4 sync workers) on a loopback
port, serving the parks as a GeoJSON-provider file written from our own
``/ogc/collections/parks/items``; ours is waitress (8 threads) as in ``bench.api_load``. Both
get the same ``limit`` so they return the same features.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .api_load import _free_port, load
from .common import ROOT, get, server

VENV = ROOT / "bench" / ".venv-pygeoapi"
PATH = "/collections/parks/items?f=json&limit=100"
CONFIG = """
server:
  bind: {{host: 127.0.0.1, port: {port}}}
  url: http://127.0.0.1:{port}
  mimetype: application/json; charset=UTF-8
  encoding: utf-8
  languages: [en-US]
  limits: {{default_items: 100, max_items: 1000}}
  map: {{url: "https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png", attribution: OSM}}
logging: {{level: ERROR}}
metadata:
  identification:
    title: bench
    description: bench
    keywords: [bench]
    keywords_type: theme
    terms_of_service: https://example.org
    url: https://example.org
  license: {{name: CC-BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}}
  provider: {{name: bench, url: https://example.org}}
  contact: {{name: bench, email: bench@example.org, url: https://example.org}}
resources:
  parks:
    type: collection
    title: Parks
    description: Parks
    keywords: [parks]
    extents:
      spatial: {{bbox: [97, 21, 106.5, 29.5], crs: http://www.opengis.net/def/crs/OGC/1.3/CRS84}}
    providers:
      - type: feature
        name: GeoJSON
        data: {data}
        id_field: id
"""


def ensure_venv() -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "pygeoapi", "gunicorn"],
                       check=True)
    return python


def run(seconds: float = 6.0) -> dict:
    ensure_venv()
    with tempfile.TemporaryDirectory(prefix="geo-layout-pygeoapi-") as folder:
        folder = Path(folder)
        with server() as (port, _):
            _, body, _ = get(port, "/ogc/collections/parks/items?limit=100")
            doc = json.loads(body)
            ours = load(port, "/ogc/collections/parks/items?limit=100", seconds)
        (folder / "parks.geojson").write_text(json.dumps(
            {"type": "FeatureCollection", "features": doc["features"]}, ensure_ascii=False),
            encoding="utf-8")
        pport = _free_port()
        cfg = folder / "pygeoapi.yml"
        cfg.write_text(CONFIG.format(port=pport, data=folder / "parks.geojson"), encoding="utf-8")
        env = {**os.environ, "PYGEOAPI_CONFIG": str(cfg),
               "PYGEOAPI_OPENAPI": str(folder / "openapi.yml")}
        bindir = VENV / "bin"
        subprocess.run([str(bindir / "pygeoapi"), "openapi", "generate", str(cfg),
                        "--output-file", str(folder / "openapi.yml")], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        proc = subprocess.Popen([str(bindir / "gunicorn"), "-w", "4", "-b",
                                 f"127.0.0.1:{pport}", "pygeoapi.flask_app:APP"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    status, pbody, _ = get(pport, PATH)
                    if status == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise SystemExit("pygeoapi did not start")
                time.sleep(0.3)
            returned = len(json.loads(pbody)["features"])
            theirs = load(pport, PATH, seconds)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    print(f"5. /ogc/collections/parks/items: ours {ours['rps']:.0f} req/s "
          f"(median {ours['median_ms']:.2f} ms), pygeoapi {theirs['rps']:.0f} req/s "
          f"(median {theirs['median_ms']:.2f} ms, {returned} features each); "
          f"ratio {ours['rps'] / theirs['rps']:.1f}x (target >= 100x)")
    return {"ours": ours, "pygeoapi": theirs}


if __name__ == "__main__":
    run()
