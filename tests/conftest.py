"""Fixtures in the Flask tutorial style: ``app``, ``client``, ``runner``; plus the loaded
default store, shared by the tests of the data layer."""

from __future__ import annotations

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


@pytest.fixture(scope="session")
def live_server():
    """The real production WSGI server (waitress) on a free loopback port, in a thread.

    Yields the base URL, e.g. ``http://127.0.0.1:54321``."""
    import socket
    import threading

    from waitress.server import create_server

    app = create_app({"TESTING": True})
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    server = create_server(app, host="127.0.0.1", port=port, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.close()
