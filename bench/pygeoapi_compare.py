"""pygeoapi vs geo_layout on the same 10,000 synthetic sites, same machine, same load client.

Issue 6: "pygeoapi 0.21 under gunicorn (2 workers) answers items?limit=100 on 10,000 points at
about 12 req/s"; the target is 100x that. A data folder is made with
``write_synthetic(folder, 10_000, seed=1)`` (the real sites plus 10,000 synthetic ones) and
served by ``geo-layout serve --data FOLDER`` (waitress, 8 threads) in a subprocess. pygeoapi
runs in its own environment (``bench/.venv-pygeoapi``, created on first run with
``pip install pygeoapi gunicorn``; gitignored) under gunicorn (2 sync workers) on a loopback
port, serving the same sites as a GeoJSON-provider file fetched from our
``/downloads/sites.geojson``. Both get ``limit=100`` so they return the same number of features.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from geo_layout.data.synth import write_synthetic

from .api_load import CLIENTS, _free_port, _wait_until_up, load
from .common import ROOT, get

VENV = ROOT / "bench" / ".venv-pygeoapi"
N_SITES = 10_000
SEED = 1
WORKERS = 2
OURS = "/ogc/collections/sites/items?limit=100"
PATH = "/collections/sites/items?f=json&limit=100"
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
  sites:
    type: collection
    title: Sites
    description: Sites
    keywords: [sites]
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


def run(seconds: float = 6.0, n: int = N_SITES) -> dict:
    ensure_venv()
    with tempfile.TemporaryDirectory(prefix="geo-layout-pygeoapi-") as folder:
        folder = Path(folder)
        data = write_synthetic(folder / "data", n, seed=SEED)
        port = _free_port()
        ours_proc = subprocess.Popen([str(Path(sys.executable).with_name("geo-layout")), "serve",
                                      "--data", str(data), "--port", str(port)], cwd=ROOT,
                                     stdout=subprocess.DEVNULL)
        try:
            _wait_until_up(port, ours_proc, timeout=300)
            status, body, _ = get(port, "/downloads/sites.geojson")
            assert status == 200, status
            (folder / "sites.geojson").write_bytes(body)
            total = len(json.loads(body)["features"])
            _, obody, _ = get(port, OURS)
            ours_returned = len(json.loads(obody)["features"])
            ours = load(port, OURS, seconds)
        finally:
            ours_proc.terminate()
            ours_proc.wait(timeout=20)
        pport = _free_port()
        cfg = folder / "pygeoapi.yml"
        cfg.write_text(CONFIG.format(port=pport, data=folder / "sites.geojson"), encoding="utf-8")
        env = {**os.environ, "PYGEOAPI_CONFIG": str(cfg),
               "PYGEOAPI_OPENAPI": str(folder / "openapi.yml")}
        bindir = VENV / "bin"
        subprocess.run([str(bindir / "pygeoapi"), "openapi", "generate", str(cfg),
                        "--output-file", str(folder / "openapi.yml")], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        proc = subprocess.Popen([str(bindir / "gunicorn"), "-w", str(WORKERS), "-b",
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
    print(f"5. /ogc/collections/sites/items?limit=100 on {total:,} sites ({n:,} synthetic, "
          f"seed {SEED}, + the real ones; same GeoJSON for pygeoapi), {CLIENTS} clients, "
          f"{seconds:g} s each")
    print(f"   ours (geo-layout serve, waitress): {ours['rps']:.0f} req/s "
          f"(median {ours['median_ms']:.2f} ms, {ours_returned} features, "
          f"{ours['failures']} failures)")
    print(f"   pygeoapi (gunicorn {WORKERS} workers): {theirs['rps']:.1f} req/s "
          f"(median {theirs['median_ms']:.2f} ms, {returned} features, "
          f"{theirs['failures']} failures)")
    print(f"   ratio ours/pygeoapi = {ours['rps'] / theirs['rps']:.1f}x (target >= 100x)")
    return {"ours": ours, "pygeoapi": theirs, "sites": total}


if __name__ == "__main__":
    run()
