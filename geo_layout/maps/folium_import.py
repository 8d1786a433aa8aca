"""folium without pandas in a server: folium imports pandas when it is installed (it is, for
the notebook frames and the exports) only to accept DataFrames as locations, which this
package never passes, and pandas costs the process ~33 MB it would keep."""

from __future__ import annotations

import sys


def import_folium() -> None:
    """Import folium now, keeping pandas out of it unless something imported pandas already
    (then folium takes that one). Call it before threads start: for that moment an import
    of pandas fails (what folium expects when pandas is missing)."""
    if "folium" in sys.modules or "pandas" in sys.modules:
        return
    sys.modules["pandas"] = None  # type: ignore[assignment]  # `import pandas`: ImportError
    try:
        import folium  # noqa: F401
    finally:
        if "pandas" in sys.modules and sys.modules["pandas"] is None:
            del sys.modules["pandas"]
