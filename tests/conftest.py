"""Fixtures in the Flask tutorial style: ``app``, ``client``, ``runner``; plus the loaded
default store, shared by the tests of the data layer."""

from __future__ import annotations

import contextlib
import threading

import pytest

from geo_layout.app import create_app
from geo_layout.data.store import open_store


@pytest.fixture(scope="session")
def store():
    return open_store()


@pytest.fixture(scope="session")
def app():
    app = create_app({"TESTING": True})
    yield app


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


@pytest.fixture(scope="session")
def serve():
    """``serving`` for tests that need their own app on loopback: ``with serve(app) as url``."""
    return serving


@pytest.fixture(scope="session")
def live_server():
    """The default app under waitress on loopback; yields the base URL."""
    with serving(create_app({"TESTING": True})) as url:
        yield url
