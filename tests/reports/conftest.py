"""The review report built once per module, format and language (a build draws the map)."""

from __future__ import annotations

import pytest
from report_files import TODAY

from geo_layout.reports.build import review_report


@pytest.fixture(scope="module")
def build():
    """build(store, fmt, lang, as_of=None) -> bytes, memoised for the module."""
    made = {}

    def _build(store, fmt, lang="zh", as_of=None):
        key = (id(store), fmt, lang, as_of)
        if key not in made:
            made[key] = review_report(store, fmt, lang, as_of, TODAY)
        return made[key]

    return _build
