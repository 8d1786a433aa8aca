"""``python -m bench`` (``make bench``): every benchmark, each printing its ratios."""

from . import (api_load, as_of, cold_start, downloads, imports, living, overview, progress,
               pygeoapi_compare, report, scale)


def main() -> None:
    overview.run()
    api_load.main([])
    scale.run()
    cold_start.run()
    try:
        pygeoapi_compare.run()
    except (SystemExit, Exception) as exc:  # noqa: BLE001 - report and go on
        print(f"5. pygeoapi comparison did not run: {exc}")
    living.run()
    imports.run()
    downloads.run()
    report.run()
    progress.run()
    as_of.run()


if __name__ == "__main__":
    main()
