"""Fixtures in the Flask tutorial style: ``app``, ``client``, ``runner``; plus the loaded
default store, shared by the tests of the data layer."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from pathlib import Path

import pytest

from geo_layout.app import create_app
from geo_layout.data.store import open_store
from plan_terms import TOY_PLAN, forbidden_terms
from progress_values import with_progress_values


ROOT = Path(__file__).resolve().parents[1]
pytest_plugins = ["postgres"]  # tests/postgres.py: postgres_server, postgres_url (PostGIS)


def pytest_configure(config):
    # Hypothesis keeps examples and a constants cache in ./.hypothesis: none of it in the checkout
    import tempfile

    from hypothesis import settings
    from hypothesis.configuration import set_hypothesis_home_dir

    settings.register_profile("geo_layout", database=None)
    settings.load_profile("geo_layout")
    set_hypothesis_home_dir(tempfile.mkdtemp(prefix="geo-layout-hypothesis-"))
    config._geo_layout_tree = set(os.listdir(ROOT))


def pytest_sessionfinish(session, exitstatus):
    """A test run leaves nothing behind in the checkout: a new top-level entry fails the run."""
    before = getattr(session.config, "_geo_layout_tree", None)
    if before is None:
        return
    litter = sorted(set(os.listdir(ROOT)) - before)
    if litter:
        session.config.get_terminal_writer().line(
            f"the test run left {', '.join(litter)} in {ROOT}", red=True)
        session.exitstatus = 1


@pytest.fixture(scope="session", autouse=True)
def _schemathesis_storage(tmp_path_factory):
    """schemathesis keeps a cache in ./.schemathesis; keep it in a temporary folder."""
    try:
        from schemathesis.core import storage
    except ImportError:
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(storage, "DEFAULT_ROOT", tmp_path_factory.mktemp("schemathesis"))
        yield


@pytest.fixture(scope="session")
def plan_terms():
    """:func:`forbidden_terms` for a test: what names a store's plan."""
    return forbidden_terms


@pytest.fixture(scope="session")
def store():
    return open_store()


@pytest.fixture(scope="session")
def toy_store():
    return open_store(TOY_PLAN)


@pytest.fixture(scope="session")
def two_plans_app():
    """The default plan at the root and the toy plan under /plans/<its id>/."""
    return create_app({"TESTING": True, "PLANS": [str(TOY_PLAN)]})


@pytest.fixture(scope="session")
def app():
    app = create_app({"TESTING": True})
    yield app


@pytest.fixture(scope="session")
def progress_data(tmp_path_factory):
    """A copy of the seeds with synthetic target values (none of them real)."""
    import shutil

    from geo_layout.data.paths import default_seeds_dir

    folder = tmp_path_factory.mktemp("progress") / "data"
    shutil.copytree(default_seeds_dir(), folder)
    return with_progress_values(folder)


@pytest.fixture(scope="session")
def progress_app(progress_data):
    return create_app({"TESTING": True, "DATA": str(progress_data)})


@pytest.fixture()
def progress_client(progress_app):
    return progress_app.test_client()


@pytest.fixture(scope="session")
def db_template(tmp_path_factory):
    """A GeoPackage database holding the default plan, made once; each test gets a copy."""
    from geo_layout.data.db_store import Database

    path = tmp_path_factory.mktemp("db-template") / "template.gpkg"
    Database(str(path)).ensure()
    return path


@pytest.fixture()
def db_url(db_template, tmp_path):
    """A fresh copy of the template database (a file path: a GeoPackage)."""
    import shutil

    target = tmp_path / "geo-layout.gpkg"
    shutil.copyfile(db_template, target)
    return str(target)


@pytest.fixture(params=["gpkg", "postgres"])
def any_db_url(request):
    """A fresh database holding the default plan, once on the embedded GeoPackage and once
    on PostgreSQL/PostGIS: the same tests on both."""
    if request.param == "gpkg":
        return request.getfixturevalue("db_url")
    from geo_layout.data.db_store import Database

    url = request.getfixturevalue("postgres_url")
    Database(url).ensure()
    return url


@pytest.fixture()
def db_app(db_url):
    """The app serving (and editing) a fresh database: the default plan, no edits yet."""
    return create_app({"TESTING": True, "DATABASE_URL": db_url, "FOLLOW_INTERVAL": 0})


@pytest.fixture()
def db_client(db_app):
    return db_app.test_client()


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def runner(app):
    return app.test_cli_runner()


@contextlib.contextmanager
def serving(app):
    """Serve ``app`` with the real production WSGI server (waitress) on a free loopback port,
    in a thread; yields the base URL, e.g. ``http://127.0.0.1:54321``."""
    from waitress.server import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()


@contextlib.contextmanager
def cli_server(*args: str):
    """``geo-layout serve ARGS`` (waitress) in its own process on a free loopback port; yields
    (base URL, process). A process of its own because pyogrio keeps the GIL while GDAL fetches
    pages, so a waitress thread in the test's process could never answer it. The server's
    output is in ``process.output`` once it has stopped."""
    import socket
    import subprocess
    import time
    import urllib.request

    if not {"--data", "--database"} & set(args):  # never the checkout's instance/ database
        from geo_layout.data.paths import default_seeds_dir

        args = ("--data", str(default_seeds_dir()), *args)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-c", "from geo_layout.cli import main; main()", "serve",
         "--host", "127.0.0.1", "--port", str(port), *args],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                    pytest.fail(f"server did not start:\n{out[-2000:]}")
                time.sleep(0.2)
        yield base, proc
    finally:
        proc.terminate()
        proc.output = proc.communicate(timeout=20)[0].decode(errors="replace")


@pytest.fixture(scope="session")
def serve_cli():
    """``cli_server`` for a test: ``with serve_cli("--plan", DIR) as (url, process)``."""
    return cli_server


@pytest.fixture(scope="session")
def serve():
    """``serving`` for tests that need their own app on loopback: ``with serve(app) as url``."""
    return serving


@pytest.fixture(scope="session")
def live_server():
    """The default app under waitress on loopback; yields the base URL."""
    with serving(create_app({"TESTING": True})) as url:
        yield url


@contextlib.contextmanager
def system_fonts_hidden():
    """The static maps as on a machine without system CJK fonts: matplotlib sees only its own
    fonts and those of the installed Python packages (the PyPI Noto CJK packages)."""
    from matplotlib import font_manager

    from geo_layout.maps import fonts

    manager = font_manager.fontManager
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fonts, "SYSTEM_FONT_FILES", ())
        patch.setattr(manager, "ttflist",
                      [e for e in manager.ttflist if e.fname.startswith(sys.prefix)])
        manager._findfont_cached.cache_clear()
        fonts.forget()
        try:
            yield
        finally:
            fonts.forget()
    manager._findfont_cached.cache_clear()


@pytest.fixture(scope="session")
def hidden_system_fonts():
    """``system_fonts_hidden`` for a test: ``with hidden_system_fonts(): ...``."""
    return system_fonts_hidden


@pytest.fixture(scope="module", params=["system-fonts", "system-fonts-hidden"])
def font_source(request):
    """Runs a module's tests twice: with whatever fonts the machine has, and with the system's
    CJK fonts hidden (the fresh machine: only the fonts installed by pip)."""
    if request.param == "system-fonts":
        yield request.param
    else:
        with system_fonts_hidden():
            yield request.param
