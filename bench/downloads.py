"""8. Downloads: the XLSX of 100,000 sites from a running server (waitress, the synthetic
dataset of benchmark 3): time to the first byte of the body, total time, and how much the
server's resident memory grows while it sends the file. Each as a ratio to the CSV download
of the same rows measured in the same run (the machine is shared and noisy), plus the absolute
first-byte time (the issue's target: <= 1 s) and the XLSX read back by openpyxl (row count).

XLSX is streamed (``data/xlsx_stream.py``): its first bytes leave before the rows are made;
CSV is built whole, then sent. The XLSX is fetched first, on a fresh server, so what CSV left
in the allocator does not hide its growth; then CSV; then the XLSX again.

``python -m bench.downloads [--sites 100000]``"""

from __future__ import annotations

import argparse
import http.client
import io
import threading
import time
from pathlib import Path

from .common import server
from .scale import dataset

N = 100_000
URLS = {"xlsx": "/downloads/sites.xlsx?lang=en&crs=gcj02",
        "csv": "/downloads/sites.csv?lang=en&crs=gcj02"}


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class _Sampler(threading.Thread):
    """The highest RSS of process ``pid`` while it runs (every 10 ms)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self._done = pid, rss_mb(pid), threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.01):
            self.peak = max(self.peak, rss_mb(self.pid))

    def stop(self) -> float:
        self._done.set()
        self.join()
        return self.peak


def fetch(port: int, pid: int, path: str) -> dict:
    """One download: seconds to the first body byte and to the last, bytes, RSS growth (MB)."""
    before = rss_mb(pid)
    sampler = _Sampler(pid)
    sampler.start()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    t0 = time.perf_counter()
    conn.request("GET", path, headers={"Accept-Encoding": "identity"})
    response = conn.getresponse()
    first = response.read(1)
    t1 = time.perf_counter()
    body = first + response.read()
    t2 = time.perf_counter()
    conn.close()
    peak = sampler.stop()
    assert response.status == 200, (response.status, body[:300])
    return {"first_s": t1 - t0, "total_s": t2 - t0, "bytes": len(body),
            "growth_mb": max(peak - before, 0.0), "before_mb": before, "body": body}


def _rows(data: bytes) -> int:
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    return sum(1 for _ in sheet.iter_rows(values_only=True)) - 1


def run(n: int = N) -> dict:
    print(f"8. downloads: XLSX of {n:,} sites (streamed) vs CSV of the same rows (built whole)")
    data = dataset(n)
    with server(data=data) as (port, proc):
        for path in URLS.values():  # warm: the code paths, on a few rows
            fetch(port, proc.pid, path + "&prefecture=530100")
        xlsx = fetch(port, proc.pid, URLS["xlsx"])
        csv = fetch(port, proc.pid, URLS["csv"])
        again = fetch(port, proc.pid, URLS["xlsx"])
    rows = _rows(xlsx["body"])
    for name, m in (("XLSX", xlsx), ("CSV", csv), ("XLSX again", again)):
        print(f"    {name:10} first byte {m['first_s']:.3f} s, total {m['total_s']:.2f} s, "
              f"{m['bytes'] / 1e6:.1f} MB, server RSS {m['before_mb']:.0f} MB "
              f"+{m['growth_mb']:.0f} MB")
    ratio = {"first": xlsx["first_s"] / csv["first_s"], "total": xlsx["total_s"] / csv["total_s"],
             "growth": (xlsx["growth_mb"] + 1) / (csv["growth_mb"] + 1)}
    print(f"    XLSX / CSV: first byte x{ratio['first']:.3f}, total x{ratio['total']:.2f}, "
          f"RSS growth x{ratio['growth']:.2f} (+1 MB each, so a zero stays finite); "
          f"XLSX first byte {xlsx['first_s'] * 1000:.0f} ms (target <= 1000 ms); "
          f"{rows:,} rows read back by openpyxl")
    return {"xlsx": xlsx, "csv": csv, "again": again, "ratio": ratio, "rows": rows}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sites", type=int, default=N)
    run(parser.parse_args(argv).sites)


if __name__ == "__main__":
    main()
