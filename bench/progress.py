"""Benchmark 10: the progress page (``/progress``) with 1,000 targets and 10 years of recorded
values each (10,000 values), uncached on the server: the render cache keeps nothing
(``GEO_LAYOUT_RENDER_CACHE_BYTES=0``), so each request builds the page. Goal: <= 300 ms
(issue 17). The page shows 100 targets a page (its summary counts all 1,000, so the whole
board is computed); ``/api/progress`` carries all 1,000.

The data folder is written to a temp dir: the seeds, with ``targets.yaml`` replaced by copies
of the plan's targets (ids suffixed, their ``related`` links kept inside each copy) and one
value a year 2016-2025 for each (synthetic, marked so in their source). The same run measures
``/targets`` of the same 1,000 targets, uncached too, as the baseline: the machine is shared
and noisy, the ratio is what compares between runs. Also ``/api/progress``, the English page
and one filtered page."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import yaml

from .common import get, server, timed

N_TARGETS = 1_000
YEARS = tuple(range(2016, 2026))
RUNS = 15
GOAL_MS = 300


def _targets(seeds: Path) -> list[dict]:
    return yaml.safe_load((seeds / "targets.yaml").read_text(encoding="utf-8"))["targets"]


def synthetic_targets(seeds: Path, n: int = N_TARGETS) -> list[dict]:
    """``n`` copies of the plan's targets: copy k's ids end in ``-s<k>``, and its related
    links point inside copy k (links to a target the last, partial copy lacks are dropped)."""
    plan = _targets(seeds)
    out = []
    for k in range(-(-n // len(plan))):
        ids = {t["id"] for t in plan[:n - len(out)]}
        for t in plan[:n - len(out)]:
            copy = dict(t, id=f"{t['id']}-s{k}")
            copy["related"] = [f"{r}-s{k}" for r in t.get("related") or [] if r in ids]
            out.append(copy)
    return out


def synthetic_values(targets: list[dict]) -> list[dict]:
    """One value a year per target, growing towards a share of the target that differs by
    target, so every status occurs."""
    out = []
    for i, t in enumerate(targets):
        reach = 0.6 + (i % 9) * 0.07
        for j, year in enumerate(YEARS):
            value = round(t["value"] * reach * (0.5 + 0.5 * (j + 1) / len(YEARS)), 3)
            out.append({"id": f"v-{t['id']}-{year}", "target": t["id"], "value": value,
                        "year": year,
                        "value_source": "synthetic benchmark value (not plan data)"})
    return out


def dataset(out: Path, n: int = N_TARGETS) -> Path:
    """The seeds with ``n`` synthetic targets and their values, written as JSON (a YAML
    document the loader reads fast)."""
    from geo_layout.data.paths import default_seeds_dir

    seeds = default_seeds_dir()
    shutil.copytree(seeds, out, dirs_exist_ok=True)
    targets = synthetic_targets(seeds, n)
    doc = {"targets": targets, "values": synthetic_values(targets)}
    (out / "targets.yaml").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (out / "README.md").write_text("# Synthetic benchmark data (not plan data)\n\nbench/"
                                   "progress.py: the seeds with 1,000 copies of the plan's "
                                   "targets and 10 synthetic values each.\n", encoding="utf-8")
    return out


def measure(n: int = N_TARGETS, runs: int = RUNS) -> dict:
    with tempfile.TemporaryDirectory() as tmp, _no_render_cache():
        data = dataset(Path(tmp) / "data", n)
        with server(data=str(data)) as (port, _proc):
            def fetch(path):
                def one(_i):
                    status, body, _ = get(port, path, {"Accept-Encoding": "identity"})
                    assert status == 200, (path, status, body[:300])
                return one

            paths = {"progress": "/progress?lang=zh", "targets": "/targets?lang=zh",
                     "progress_en": "/progress?lang=en", "api": "/api/progress",
                     "filtered": "/progress?lang=zh&industry=software-it-services"}
            for path in paths.values():   # warm: imports, templates, the store's indexes
                fetch(path)(0)
            times = {name: timed(fetch(path), runs) for name, path in paths.items()}
            _, page, _ = get(port, paths["progress"], {"Accept-Encoding": "identity"})
    return {"n": n, "values": n * len(YEARS), "bytes": len(page), **times}


@contextlib.contextmanager
def _no_render_cache():
    """The server keeps no rendered body (``RENDER_CACHE_BYTES=0``): every request builds
    its page."""
    key = "GEO_LAYOUT_RENDER_CACHE_BYTES"
    old = os.environ.get(key)
    os.environ[key] = "0"
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = old


def run() -> dict:
    r = measure()
    ratio = r["progress"] / r["targets"]
    print(f"10. progress page: {r['n']:,} targets, {r['values']:,} recorded values, uncached "
          f"(median of {RUNS})")
    print(f"   /progress {r['progress']:.0f} ms (goal <= {GOAL_MS} ms: "
          f"{'met' if r['progress'] <= GOAL_MS else 'NOT met'}), {r['bytes']:,} bytes; "
          f"English {r['progress_en']:.0f} ms; filtered by industry {r['filtered']:.0f} ms; "
          f"/api/progress {r['api']:.0f} ms")
    print(f"   baseline /targets (same targets, uncached) {r['targets']:.0f} ms: "
          f"/progress = x{ratio:.2f} of it")
    return r


if __name__ == "__main__":
    run()
