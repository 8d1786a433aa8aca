"""Reading an uploaded boundary: GeoJSON, KML, GeoPackage or a zipped Shapefile holding one
polygon layer, read through GDAL (pyogrio), reprojected to WGS-84, its polygons merged into
one boundary (:func:`read_area_file`).

The format is told by the content with the import's own sniffing and archive checks
(:func:`.import_read.sniff`: size, member count, expanded size and compression ratio are
checked before anything is expanded), so a ``.zip`` that is no archive or a zip bomb is
refused the same way here as on the import pages. Every refusal is an
:class:`~geo_layout.errors.ImportRefused` (400; 413 for too large) naming what is wrong.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from ..errors import ImportRefused, ImportTooLarge
from .import_read import EXTENSIONS, FORMAT_NAMES, MAX_EXPANDED, sniff

#: an uploaded boundary file is at most this large (a detailed county outline is ~1 MB)
MAX_AREA_BYTES = 10 * 1024 * 1024
#: features of the one layer (their polygons are merged into the boundary)
MAX_FEATURES = 1_000
AREA_FORMATS = ("geojson", "kml", "gpkg", "shp")
_SUFFIX = {"geojson": ".geojson", "gpkg": ".gpkg", "kml": ".kml"}


def read_area_file(data: bytes, filename: str):
    """The boundary in an uploaded file (``data`` with its ``filename``), as one shapely
    geometry in WGS-84 (not yet repaired: see :func:`.areas.normalised`)."""
    name = Path(filename or "upload").name[:120] or "upload"
    if len(data) > MAX_AREA_BYTES:
        raise ImportTooLarge(f"{name}: the file is {len(data) / 1e6:.1f} MB; a boundary file "
                             f"is at most {MAX_AREA_BYTES // 2**20} MB")
    if not data.strip():
        raise ImportRefused(f"{name}: the file is empty")
    said = EXTENSIONS.get(Path(name).suffix.lower())
    if said == "shp" and data[:4] != b"PK\x03\x04":
        raise ImportRefused(f"{name}: named as a ZIP archive but it is not one: zip the "
                            ".shp with its .shx, .dbf and .prj")
    try:
        fmt = sniff(data)
    except ImportRefused as exc:
        raise type(exc)(f"{name}: {exc.description}") from None
    if fmt not in AREA_FORMATS:
        raise ImportRefused(f"{name}: {FORMAT_NAMES.get(fmt, 'text')} holds no boundary: give "
                            "GeoJSON, KML, a GeoPackage or a zipped Shapefile")
    if said is not None and said != fmt:
        raise ImportRefused(f"{name}: named as {FORMAT_NAMES[said]} but the content is "
                            f"{FORMAT_NAMES[fmt]}: the file is not what its name says")
    with tempfile.TemporaryDirectory(prefix="geo-layout-area-") as tmp:
        path = _unpacked(data, fmt, Path(tmp), name)
        return _read(path, fmt, name)


def _unpacked(data: bytes, fmt: str, tmp: Path, name: str) -> Path:
    if fmt != "shp":
        path = tmp / f"upload{_SUFFIX[fmt]}"
        path.write_bytes(data)
        return path
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        shps = [n for n in archive.namelist() if n.lower().endswith(".shp")]
        if len(shps) != 1:
            raise ImportRefused(f"{name}: the archive holds {len(shps)} Shapefiles; one "
                                "boundary layer is expected")
        stem = shps[0][:-4]
        for member in archive.namelist():
            if member.startswith(stem + ".") and "/" not in member[len(stem):]:
                target = tmp / ("upload" + member[len(stem):].lower())
                with archive.open(member) as src:
                    target.write_bytes(src.read(MAX_EXPANDED + 1))
    if not (tmp / "upload.shx").exists():
        raise ImportRefused(f"{name}: the zipped Shapefile has no .shx (its index)")
    return tmp / "upload.shp"


def _read(path: Path, fmt: str, name: str):
    import pyogrio
    import shapely

    what = FORMAT_NAMES[fmt]
    try:
        layers = pyogrio.list_layers(path)
        polygon_layers = [str(layer[0]) for layer in layers
                          if "POLYGON" in str(layer[1]).upper() or layer[1] is None]
        if len(layers) == 0:
            raise ImportRefused(f"{name}: the {what} file holds no layer")
        if len(layers) > 1 and len(polygon_layers) != 1:
            raise ImportRefused(f"{name}: the {what} file holds {len(layers)} layers; one "
                                "polygon layer is expected")
        layer = polygon_layers[0] if len(layers) > 1 else str(layers[0][0])
        info = pyogrio.read_info(path, layer=layer)
        if info["features"] > MAX_FEATURES:
            raise ImportRefused(f"{name}: {info['features']:,} features; a boundary file "
                                f"holds at most {MAX_FEATURES:,}")
        meta, _, wkb, _ = pyogrio.raw.read(path, layer=layer, read_geometry=True,
                                           columns=[])
    except ImportRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - GDAL's message says what it could not read
        raise ImportRefused(f"{name}: not a readable {what} file: "
                            f"{str(exc).splitlines()[0][:200]}") from None
    geoms = [g for g in (shapely.from_wkb(wkb) if wkb is not None else [])
             if g is not None and not g.is_empty]
    if not geoms:
        raise ImportRefused(f"{name}: the layer holds no geometry")
    kinds = sorted({g.geom_type for g in geoms} - {"Polygon", "MultiPolygon"})
    if kinds:
        raise ImportRefused(f"{name}: the layer holds {', '.join(kinds)}, not polygons: a "
                            "boundary is a polygon layer")
    geom = shapely.union_all(shapely.make_valid(geoms)) if len(geoms) > 1 else geoms[0]
    return _to_wgs84(geom, meta.get("crs"), name)


def _to_wgs84(geom, crs: str | None, name: str):
    """``geom`` from the layer's ``crs`` (WGS-84 when it names none) into WGS-84."""
    import pyproj
    import shapely

    if not crs:
        return geom
    try:
        source = pyproj.CRS(crs)
    except pyproj.exceptions.CRSError:
        raise ImportRefused(f"{name}: its coordinate system is not one PROJ knows: "
                            f"{str(crs)[:80]}") from None
    target = pyproj.CRS("EPSG:4326")
    if source == target or source.to_epsg() == 4326 or crs.upper() == "OGC:CRS84":
        return geom
    transformer = pyproj.Transformer.from_crs(source, target, always_xy=True)
    return shapely.transform(geom, lambda xy: _stacked(transformer.transform(
        xy[:, 0], xy[:, 1])))


def _stacked(xy):
    import numpy as np

    return np.column_stack(xy)
