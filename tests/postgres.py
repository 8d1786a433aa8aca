"""A real PostgreSQL with PostGIS for the tests: a throwaway cluster from Debian's packages
(``postgresql``, ``postgresql-15-postgis-3``; see scripts/setup-system), never a mock and never
the machine's own cluster.

- ``postgres_server`` (session): ``initdb`` into a temporary folder, a server on 127.0.0.1 at a
  free port (its unix socket in that folder), trust authentication, ``fsync=off``; stopped and
  removed at the end of the session. It is a :class:`PostgresServer`: ``url(dbname)``,
  ``create_database(name)``, ``drop_database(name)``.
- ``postgres_url`` (function): a fresh database with PostGIS, as a SQLAlchemy URL
  ``postgresql+psycopg://postgres@127.0.0.1:PORT/NAME``; dropped afterwards. It is a copy of a
  template database in which ``CREATE EXTENSION postgis`` ran once for the session: 0.1 s a
  database instead of 0.6 s.

As root (a CI container) initdb refuses to run, so the cluster is made and run by the
``postgres`` system user the Debian package creates. Without the packages the tests skip with
the command that installs them; with ``CI=true`` they fail instead.

Registered by tests/conftest.py (``pytest_plugins``)."""

from __future__ import annotations

import glob
import os
import re
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

SETUP_SYSTEM = Path(__file__).resolve().parents[1] / "scripts" / "setup-system"
PACKAGES = ("postgresql", "postgresql-15-postgis-3")
SUPERUSER = "postgres"  # the cluster's superuser, whoever runs it
POSTGIS_TEMPLATE = "template_postgis"  # nothing but CREATE EXTENSION postgis; no connections
OS_USER_WHEN_ROOT = "postgres"  # the system user of Debian's postgresql package


def _missing_packages() -> list[str]:
    """The PostgreSQL packages of scripts/setup-system (the one list) that are not installed."""
    out = subprocess.run(["bash", str(SETUP_SYSTEM), "--missing"], capture_output=True,
                         text=True, check=True).stdout.split()
    return [name for name in out if name in PACKAGES]


def _version_key(path: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in re.findall(r"\d+|\D+", path))


def _bindir() -> Path | None:
    """The newest /usr/lib/postgresql/<major>/bin with initdb and pg_ctl whose major version
    has the postgis extension (GEO_LAYOUT_PG_BINDIR picks another folder)."""
    wanted = os.environ.get("GEO_LAYOUT_PG_BINDIR")
    candidates = [wanted] if wanted else sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                                                key=_version_key, reverse=True)
    for path in candidates:
        bindir = Path(path)
        major = bindir.parent.name
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file() and (
                wanted or Path(f"/usr/share/postgresql/{major}/extension/postgis.control")
                .is_file()):
            return bindir
    return None


def _unavailable(why: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"in CI: {why}")
    pytest.skip(why)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class PostgresServer:
    """A running throwaway cluster."""

    bindir: Path
    folder: Path  # data/, the log and the unix socket
    port: int
    host: str = "127.0.0.1"
    user: str = SUPERUSER
    as_user: str | None = None  # the system user running it (when the tests run as root)

    def url(self, dbname: str = "postgres") -> str:
        """The SQLAlchemy URL of database ``dbname`` (psycopg 3)."""
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{dbname}"

    def dsn(self, dbname: str = "postgres") -> str:
        """The libpq connection string (for ``psycopg.connect``)."""
        return f"host={self.host} port={self.port} user={self.user} dbname={dbname}"

    def execute(self, sql: str, dbname: str = "postgres") -> None:
        """Run ``sql`` outside a transaction (CREATE/DROP DATABASE need that)."""
        import psycopg

        with psycopg.connect(self.dsn(dbname), autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, name: str, postgis: bool = True) -> str:
        """A new database ``name`` (with the postgis extension); returns its URL."""
        template = POSTGIS_TEMPLATE if postgis else "template1"
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE {template}')
        return self.url(name)

    def _make_postgis_template(self) -> None:
        self.execute(f"CREATE DATABASE {POSTGIS_TEMPLATE}")
        self.execute("CREATE EXTENSION postgis", dbname=POSTGIS_TEMPLATE)
        # a session left connected to a template would make every copy of it fail
        self.execute(f"ALTER DATABASE {POSTGIS_TEMPLATE} IS_TEMPLATE true ALLOW_CONNECTIONS false")

    def stop(self) -> None:
        """Stop the cluster and remove its folder."""
        _stop(self)

    def drop_database(self, name: str) -> None:
        """Drop ``name``, ending any connection a test left open to it."""
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    @property
    def log(self) -> str:
        path = self.folder / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""


def _run(cmd: list[str], as_user: str | None, cwd: Path) -> subprocess.CompletedProcess:
    if as_user:
        cmd = ["runuser", "-u", as_user, "--", *cmd]
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)


def _start(bindir: Path, as_user: str | None) -> PostgresServer:
    # Not pytest's tmp_path: its folders are private to the user running pytest (root in CI),
    # where the postgres user could not go. A short path too: a unix socket's is at most 107.
    folder = Path(tempfile.mkdtemp(prefix="geo-layout-pg-"))
    if as_user:
        shutil.chown(folder, user=as_user, group=as_user)
    try:
        init = _run([str(bindir / "initdb"), "-D", str(folder / "data"), "-U", SUPERUSER,
                     "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
                    as_user, folder)
        if init.returncode:
            raise RuntimeError(f"initdb failed:\n{init.stdout}\n{init.stderr}")
        for attempt in range(3):  # the free port may be taken before the server binds it
            server = PostgresServer(bindir, folder, _free_port(), as_user=as_user)
            options = " ".join([
                f"-c port={server.port}", "-c listen_addresses=127.0.0.1",
                f"-c unix_socket_directories={folder}",
                "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off",
            ])
            start = _run([str(bindir / "pg_ctl"), "start", "-w", "-t", "60",
                          "-D", str(folder / "data"), "-l", str(folder / "server.log"),
                          "-o", options], as_user, folder)
            if start.returncode == 0:
                return server
            if "could not bind" not in server.log and "already in use" not in server.log:
                break
        raise RuntimeError(f"pg_ctl start failed:\n{start.stdout}\n{start.stderr}\n"
                           f"{server.log[-3000:]}")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _stop(server: PostgresServer) -> None:
    try:
        _run([str(server.bindir / "pg_ctl"), "stop", "-m", "immediate", "-w",
              "-D", str(server.folder / "data")], server.as_user, server.folder)
    finally:
        shutil.rmtree(server.folder, ignore_errors=True)


def start_server() -> PostgresServer:
    """A throwaway cluster outside pytest (``bench/living.py``); ``stop()`` it when done."""
    bindir = _bindir()
    if _missing_packages() or bindir is None:
        raise RuntimeError(f"Debian packages missing: {' '.join(PACKAGES)}")
    server = _start(bindir, OS_USER_WHEN_ROOT if os.geteuid() == 0 else None)
    server._make_postgis_template()
    return server


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL+PostGIS cluster for the session (see the module's docstring)."""
    missing = _missing_packages()
    bindir = _bindir()
    if missing or bindir is None:
        names = " ".join(missing or PACKAGES)
        _unavailable(f"Debian packages missing: {names} "
                     f"(sudo apt-get install --no-install-recommends {names}; "
                     f"see scripts/setup-system)")
    as_user = None
    if os.geteuid() == 0:
        import pwd

        try:
            pwd.getpwnam(OS_USER_WHEN_ROOT)
        except KeyError:
            pytest.fail(f"running as root, and there is no {OS_USER_WHEN_ROOT!r} user to run "
                        "PostgreSQL (initdb refuses root); reinstall Debian's postgresql")
        as_user = OS_USER_WHEN_ROOT
    try:
        server = _start(bindir, as_user)
    except RuntimeError as exc:
        pytest.fail(str(exc))
    try:
        server._make_postgis_template()
        yield server
    finally:
        _stop(server)


_counter = 0


@pytest.fixture()
def postgres_url(postgres_server, request):
    """A fresh database with PostGIS for one test; yields its SQLAlchemy URL, drops it after."""
    global _counter
    _counter += 1
    stem = re.sub(r"[^a-z0-9]+", "_", request.node.name.lower()).strip("_")[:40]
    name = f"t{_counter}_{stem}_{os.getpid()}"
    url = postgres_server.create_database(name)
    try:
        yield url
    finally:
        postgres_server.drop_database(name)
