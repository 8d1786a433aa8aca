"""Browser fixtures: Playwright driving Debian's chromium (Playwright's own browser download
does not work here), with every request off 127.0.0.1 blocked and recorded.

Locally the tests skip when chromium is missing; with ``CI=true`` they fail instead."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

DOCS_SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--headless=new"]


SETUP_SYSTEM = Path(__file__).resolve().parents[2] / "scripts" / "setup-system"
#: the packages of that list the browser tests use (PostgreSQL's and QGIS's have their own
#: checks: tests/postgres.py, tests/web/test_qgis.py)
BROWSER_PACKAGES = {"chromium", "fonts-noto-cjk", "poppler-utils"}


def missing_system_packages() -> list[str]:
    """The browser tests' Debian packages (of scripts/setup-system, the one list) that are
    not installed."""
    import subprocess

    out = subprocess.run(["bash", str(SETUP_SYSTEM), "--missing"], capture_output=True,
                         text=True, check=True).stdout
    return [name for name in out.split() if name in BROWSER_PACKAGES]


def _chromium() -> str | None:
    for path in (os.environ.get("GEO_LAYOUT_CHROMIUM"), *CHROMIUM_CANDIDATES,
                 shutil.which("chromium")):
        if path and os.path.exists(path):
            return path
    return None


@pytest.fixture(scope="session")
def browser():
    exe = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        exe = None
    missing = missing_system_packages()
    if exe is None or missing:
        why = (f"Debian packages missing: {' '.join(missing) or 'chromium'} "
               f"(apt-get install {' '.join(missing) or 'chromium'}; see scripts/setup-system)")
        if os.environ.get("CI") == "true":
            pytest.fail(f"in CI: {why}")
        pytest.skip(why)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def wait_until(page, function: str, arg=None, timeout_ms: int = 5000) -> None:
    """Poll the JS ``function`` until it returns something truthy. Not ``wait_for_function``:
    its in-page polling evaluates a string, which the app's CSP (no 'unsafe-eval') forbids."""
    for _ in range(timeout_ms // 50):
        if page.evaluate(function, arg):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"timed out waiting for {function}")


class PageWatch:
    """Requests that left the app's origin and console errors seen by one page."""

    def __init__(self):
        self.offsite: list[str] = []
        self.console_errors: list[str] = []


@pytest.fixture()
def open_page(browser):
    """``open_page(base_url, init_script=None)``: a fresh page whose network is closed to
    everything but ``base_url``'s origin. ``page.watch.offsite`` lists blocked requests,
    ``page.watch.console_errors`` console errors; ``page.wait_until(js)`` polls."""
    contexts = []

    def _open(base_url: str, init_script: str | None = None):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        contexts.append(context)
        watch = PageWatch()
        origin = urlparse(base_url).netloc

        def route(r):
            url = urlparse(r.request.url)
            if url.scheme in ("data", "blob", "about") or url.netloc == origin:
                return r.continue_()
            watch.offsite.append(r.request.url)
            return r.abort()

        context.route("**/*", route)
        if init_script:
            context.add_init_script(init_script)
        pg = context.new_page()
        pg.on("console",
              lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: watch.console_errors.append(str(e)))
        pg.watch = watch
        pg.wait_until = lambda function, arg=None, timeout_ms=5000: wait_until(
            pg, function, arg, timeout_ms)
        pg.base_url = base_url
        return pg

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture()
def page(open_page, live_server):
    """A fresh watched page (see ``open_page``) on the default app's live server."""
    return open_page(live_server)


@pytest.fixture()
def shots(tmp_path) -> Path:
    """Where a test saves its screenshots: ``docs/screenshots/`` when GEO_LAYOUT_SCREENSHOTS=1
    (``make screenshots``), otherwise the test's tmp_path, so a test run (CI) leaves the
    checkout clean."""
    if os.environ.get("GEO_LAYOUT_SCREENSHOTS") == "1":
        DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
        return DOCS_SHOTS
    return tmp_path
