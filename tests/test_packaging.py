"""A wheel built from the checkout (not an editable install) finds its default data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_carries_and_finds_default_data(tmp_path):
    # built from a copy: setuptools writes build/ and *.egg-info beside the sources
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "*.egg-info", "__pycache__", "docs", "bench", "tests"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path), str(source)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("geo_layout-*.whl"))
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        zf.extractall(target)
    assert "geo_layout/bundled_seeds/parks.yaml" in names
    assert "geo_layout/bundled_geodata/prefectures.low.geojson" in names
    assert not any(n.startswith(("seeds/", "geodata/", "tests/")) for n in names)
    env = {k: v for k, v in os.environ.items() if k != "GEO_LAYOUT_DATA"}
    env["PYTHONPATH"] = str(target)
    code = ("import geo_layout, sys; from geo_layout.data.store import open_store; "
            "s = open_store(); print(geo_layout.__file__); "
            "print(s.query('prefectures').total, s.dataset.source)")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, check=True,
                         capture_output=True, text=True).stdout.splitlines()
    assert out[0].startswith(str(target))
    assert out[1].split()[0] == "16"
    assert out[1].split()[1].startswith(str(target / "geo_layout" / "bundled_seeds"))
