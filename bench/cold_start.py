"""Benchmark 4: cold start of ``geo-layout serve`` (imports + data load + first /healthz), the
default data, median of 3."""

from __future__ import annotations

import http.client
import subprocess
import sys
import time
from pathlib import Path

from .api_load import _free_port
from .common import ROOT, median


def once() -> float:
    port = _free_port()
    exe = Path(sys.executable).with_name("geo-layout")
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(exe), "serve", "--port", str(port)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return time.perf_counter() - t0
            except OSError:
                time.sleep(0.02)
            if proc.poll() is not None or time.perf_counter() - t0 > 60:
                raise SystemExit("geo-layout serve did not start")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def run() -> float:
    seconds = median([once() for _ in range(3)])
    print(f"4. cold start: geo-layout serve until /healthz answers = {seconds:.2f} s "
          "(median of 3; target < 3 s)")
    return seconds


if __name__ == "__main__":
    run()
