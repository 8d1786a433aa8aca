"""folium without what a server never uses of it. At its own import folium imports pandas
when it is installed (it is, for the notebook frames and the exports), only to accept
DataFrames as locations, which this package never passes: ~33 MB the process would keep; and
requests, only to fetch GeoJSON given as a URL (this package passes the data): ~5 MB."""

from __future__ import annotations

import importlib
import sys
import types

#: modules folium imports but only uses in cases this package never meets: folium gets a
#: stand-in that imports the real module when something is first read from it
DEFERRED = ("requests",)


def import_folium() -> None:
    """Import folium now, keeping pandas out of it unless something imported pandas already
    (then folium takes that one), and :data:`DEFERRED` until used. Call it before threads
    start: for that moment an import of pandas fails (what folium expects when pandas is
    missing)."""
    if "folium" in sys.modules or "pandas" in sys.modules:
        return
    stand_ins = {name: _stand_in(name) for name in DEFERRED if name not in sys.modules}
    sys.modules.update(stand_ins)
    sys.modules["pandas"] = None  # type: ignore[assignment]  # `import pandas`: ImportError
    try:
        import folium  # noqa: F401
    finally:
        if "pandas" in sys.modules and sys.modules["pandas"] is None:
            del sys.modules["pandas"]
        for name, stand_in in stand_ins.items():  # any later import takes the real module
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


def _stand_in(name: str) -> types.ModuleType:
    """A module object for folium to hold as ``name``: reading from it imports the real
    module (once, through :data:`sys.modules`) and reads from that."""
    stand_in = types.ModuleType(name, f"stands in for {name} until first used")

    def __getattr__(attribute: str):
        if sys.modules.get(name) is stand_in:  # read during folium's own import
            del sys.modules[name]
        return getattr(importlib.import_module(name), attribute)

    stand_in.__getattr__ = __getattr__  # type: ignore[method-assign]
    return stand_in
