"""The long fuzz run (``make fuzz``): the same properties as ``tests/test_fuzz.py`` with
thousands of requests — schemathesis over every operation of ``/ogc/api`` (valid and invalid
requests) and hypothesis over the pages. Prints the request count; exits 1 on any 5xx or any
error body that breaks the ``{"code", "description"}`` contract.

Run: ``python -m bench.fuzz [--examples 40] [--page-examples 400]``.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
import warnings
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=40,
                        help="cases per operation and generation mode (default 40)")
    parser.add_argument("--page-examples", type=int, default=400)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from test_fuzz import Tally, fuzz_api, fuzz_pages

    from geo_layout.app import create_app

    logging.disable(logging.ERROR)  # expected 4xx are not news; 5xx are counted below
    warnings.filterwarnings("ignore", message="Glyph .* missing from font")
    app = create_app({"TESTING": True})
    tally = Tally()
    start = time.monotonic()
    fuzz_api(app, args.examples, tally)
    api_requests = tally.requests
    fuzz_pages(app, args.page_examples, tally)
    print(f"{tally.requests} requests ({api_requests} API/OGC, "
          f"{tally.requests - api_requests} pages) in {time.monotonic() - start:.0f} s: "
          f"{len(tally.server_errors)} 5xx, {len(tally.contract_errors)} contract errors, "
          f"{tally.json_errors_checked} JSON error bodies checked")
    for line in (tally.server_errors + tally.contract_errors)[:20]:
        print("FAIL", line)
    return 1 if tally.server_errors or tally.contract_errors else 0


if __name__ == "__main__":
    sys.exit(main())
