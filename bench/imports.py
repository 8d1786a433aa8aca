"""7. Imports: 10,000 parks from an XLSX file into a fresh GeoPackage database (and PostgreSQL
with ``--postgres URL``): read + dry run, then apply as one batch, then revert the batch;
times and the process's peak RSS after each step (the issue's targets: dry run <= 5 s, apply
<= 10 s, memory bounded).

``python -m bench.imports [--rows 10000] [--postgres URL]`` (without ``--postgres``: a
throwaway PostgreSQL from tests/postgres.py, when Debian's packages are there)."""

from __future__ import annotations

import argparse
import io
import resource
import tempfile
import time
from pathlib import Path

HEADER = ["id", "name_zh", "name_en", "kind", "elements", "prefecture", "county", "precision",
          "location_source", "industries", "citation_section", "citation_paragraph", "lon",
          "lat"]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_xlsx(store, n: int, seed: int = 0) -> bytes:
    """``n`` parks at random points inside the counties of the plan's first prefecture."""
    import numpy as np
    import openpyxl
    import shapely

    rng = np.random.default_rng(seed)
    prefecture = store.query("prefectures").features[0].id
    counties = [f for f in store.query("counties", {"prefecture": prefecture}).features]
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("parks")
    sheet.append(HEADER)
    made = 0
    while made < n:
        county = counties[made % len(counties)]
        geom = county.geometry("high")
        x0, y0, x1, y1 = geom.bounds
        inner = geom.buffer(-0.01)  # clear of the boundary's simplification
        while True:
            x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
            if inner.contains(shapely.Point(x, y)):
                break
        sheet.append([f"bench-park-{made}", f"测试园区{made}号", f"Bench Park {made}", "park",
                      "core", prefecture, county.id, "site", "bench", "digital-economy",
                      "layout", 2, round(float(x), 6), round(float(y), 6)])
        made += 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run_one(url: str, n: int) -> None:
    from geo_layout.data.db_store import Database
    from geo_layout.data.import_read import read_table
    from geo_layout.data.imports import Mapping, apply, dry_run
    from geo_layout.data.provenance import parse_source

    database = Database(url)
    database.ensure()
    store = database.link(database.plan_ids()[0]).load()
    data = make_xlsx(store, n)
    print(f"    {n:,} rows, XLSX {len(data) / 1e6:.1f} MB; peak RSS before {_rss_mb():.0f} MB")
    t0 = time.perf_counter()
    table = read_table(data, "parks.xlsx")
    t1 = time.perf_counter()
    mapping = Mapping.guess(table, "parks")
    report = dry_run(store, "parks", table, mapping, lang="en")
    t2 = time.perf_counter()
    print(f"    read {t1 - t0:.2f} s + dry run {t2 - t1:.2f} s = {t2 - t0:.2f} s "
          f"({len(report.problems)} problems, {len(report.warnings)} warnings); "
          f"peak RSS {_rss_mb():.0f} MB")
    t3 = time.perf_counter()
    result = apply(store, "parks", table, mapping, author="bench",
                   source=parse_source("import: bench"), only_valid=True, report=report)
    t4 = time.perf_counter()
    print(f"    apply (validate again in the transaction, write one batch, update the snapshot) "
          f"{t4 - t3:.2f} s: {result.written:,} records; peak RSS {_rss_mb():.0f} MB")
    t5 = time.perf_counter()
    back = result.store.revert_batch(result.batch, author="bench",
                                     source=parse_source("other: bench"))
    t6 = time.perf_counter()
    print(f"    revert_batch {t6 - t5:.2f} s: {len(back.revisions):,} records; "
          f"peak RSS {_rss_mb():.0f} MB")


def run_pages(url: str, n: int) -> None:
    """The same file through the import pages (what an editor's browser sends): upload, the
    dry-run page, apply. Each step reads the kept file again."""
    import re

    from geo_layout.app import create_app
    from geo_layout.data.accounts import Accounts

    with tempfile.TemporaryDirectory(prefix="geo-layout-bench-uploads-") as uploads:
        app = create_app({"DATABASE_URL": url, "FOLLOW_INTERVAL": 0, "WRITES_PER_MINUTE": 10**6,
                          "IMPORT_FOLDER": uploads, "SECRET_KEY": "bench"})
        plan = app.extensions["geo_layout.plans"].default_id
        Accounts(app.extensions["geo_layout.database"].engine).add_user(
            "bench-pages", "bench password 123", "editor", [plan])
        web = app.test_client()

        def csrf(path: str) -> str:
            page = web.get(path).get_data(as_text=True)
            return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

        web.post("/login", data={"name": "bench-pages", "password": "bench password 123",
                                 "csrf_token": csrf("/login")})
        data = make_xlsx(current_store_of(app), n, seed=1)
        t0 = time.perf_counter()
        sent = web.post("/import?lang=en", data={"csrf_token": csrf("/import?lang=en"),
                                                 "collection": "parks",
                                                 "file": (io.BytesIO(data), "parks.xlsx")},
                        content_type="multipart/form-data")
        uid = re.search(r"/import/([A-Za-z0-9_-]{32})", sent.headers["Location"]).group(1)
        t1 = time.perf_counter()
        columns = web.get(f"/import/{uid}?lang=en").get_data(as_text=True)
        form = {"csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', columns).group(1),
                "crs": "wgs84"}
        for i, select in re.findall(r'<select id="col-(\d+)" name="col-\d+">(.*?)</select>',
                                    columns, re.S):
            chosen = re.search(r'<option value="([^"]*)" selected>', select)
            form[f"col-{i}"] = chosen.group(1) if chosen else ""
        t2 = time.perf_counter()
        checked = web.post(f"/import/{uid}/check?lang=en", data=form)
        t3 = time.perf_counter()
        done = web.post(f"/import/{uid}/apply?lang=en", data={
            **form, "source_kind": "import", "source_reference": "bench", "only_valid": "1"})
        t4 = time.perf_counter()
        if checked.status_code != 200 or done.status_code != 303:
            print(f"    pages: dry run {checked.status_code}, apply {done.status_code}")
            return
        print(f"    through the pages: upload {t1 - t0:.2f} s, columns {t2 - t1:.2f} s, dry-run "
              f"page {t3 - t2:.2f} s ({len(checked.data) / 1e6:.1f} MB of HTML), apply "
              f"{t4 - t3:.2f} s; peak RSS {_rss_mb():.0f} MB")


def current_store_of(app):
    with app.test_request_context("/"):
        from geo_layout.web.state import current_store

        return current_store()


def run(rows: int = 10_000, postgres: str | None = None) -> None:
    """Each database in a process of its own (so each peak RSS is its own)."""
    import subprocess
    import sys

    from .common import ROOT, postgres_server

    def one(url: str) -> None:
        subprocess.run([sys.executable, "-m", "bench.imports", "--rows", str(rows),
                        "--one", url], cwd=ROOT, check=False)

    print(f"7. imports: {rows:,} parks from XLSX")
    with tempfile.TemporaryDirectory(prefix="geo-layout-bench-") as tmp:
        print("   GeoPackage:")
        one(str(Path(tmp) / "bench.gpkg"))
    if postgres:
        print("   PostgreSQL:")
        one(postgres)
        return
    server = postgres_server()
    if server is not None:
        try:
            print("   PostgreSQL:")
            one(server.create_database("bench_imports"))
        finally:
            server.stop()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--postgres", default=None, metavar="URL")
    parser.add_argument("--one", default=None, metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        run_one(args.one, args.rows)
        run_pages(args.one, args.rows)
    else:
        run(args.rows, args.postgres)


if __name__ == "__main__":
    main()
