"""A short run of ``bench/loadtest.py`` (the long one is ``make loadtest``): concurrent clients
over the main pages and API routes against waitress on loopback, zero errors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.loadtest import ROUTES, run  # noqa: E402

pytestmark = pytest.mark.server


def test_short_load_has_no_errors(live_server):
    result = run(live_server, seconds=5.0, clients=4)
    print(result.summary())
    assert result.errors == []
    assert result.requests >= len(ROUTES)  # every route was hit at least once
    assert set(result.by_route) == set(ROUTES)
    assert result.percentile(0.99) < 5.0


def test_refuses_targets_off_this_machine():
    with pytest.raises(ValueError):
        run("http://192.0.2.1:80", seconds=0.1)
