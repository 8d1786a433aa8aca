"""What every browser test asks of a page a person sees, shared by the test modules: axe-core
(bundled by axe-playwright-python) finds nothing serious, and nothing scrolls sideways."""

from __future__ import annotations

import pytest

axe_sync = pytest.importorskip("axe_playwright_python.sync_playwright")

#: axe impacts that fail a page
BLOCKING = ("serious", "critical")


def blocking_violations(page) -> list[str]:
    """axe's serious and critical violations on ``page``, each with its first few nodes."""
    response = axe_sync.Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in response.response["violations"] if v["impact"] in BLOCKING]


def check_page(page, size, where: str) -> None:
    """No sideways scrolling at ``size``, nothing serious for axe."""
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], where
    assert blocking_violations(page) == [], where
