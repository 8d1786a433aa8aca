"""Where the default data lives: the repository's ``seeds/`` and ``geodata/`` in a checkout,
or their copies inside the installed wheel (``geo_layout.bundled_*``)."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]
_REPO = _PACKAGE.parent


def _bundled(name: str) -> Path | None:
    """The wheel's copy (``geo_layout/bundled_seeds`` etc., data-only folders)."""
    path = _PACKAGE / name
    return path if path.is_dir() else None


def default_seeds_dir() -> Path:
    """``GEO_LAYOUT_DATA`` if set, else the checkout's ``seeds/``, else the wheel's copy."""
    env = os.environ.get("GEO_LAYOUT_DATA")
    if env:
        return Path(env)
    if (_REPO / "seeds" / "plan.yaml").is_file():
        return _REPO / "seeds"
    return _bundled("bundled_seeds") or _REPO / "seeds"


def default_geodata_dir() -> Path:
    if (_REPO / "geodata" / "manifest.json").is_file():
        return _REPO / "geodata"
    return _bundled("bundled_geodata") or _REPO / "geodata"


def geodata_dir_for(data_dir: Path) -> Path:
    """A data folder may carry its own ``geodata/``; otherwise the default boundaries apply."""
    own = Path(data_dir) / "geodata"
    return own if own.is_dir() else default_geodata_dir()


def default_database_url() -> str:
    """``GEO_LAYOUT_DATABASE_URL`` if set, else the embedded GeoPackage file in the untracked
    ``instance/`` folder of the checkout (or of the working directory for an installed
    package), created on first start."""
    env = os.environ.get("GEO_LAYOUT_DATABASE_URL")
    if env:
        return env
    base = _REPO if (_REPO / "seeds" / "plan.yaml").is_file() else Path.cwd()
    return str(base / "instance" / "geo-layout.gpkg")
