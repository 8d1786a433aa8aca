"""What makes the embedded SQLite database a GeoPackage (OGC 12-128r18) that QGIS and every GDAL
tool open: the three core tables, the ``parks`` and ``sites`` views of the live records as
point layers, and the geometry blob those layers read.

Only what the standard requires and the layers need: no spatial index (its triggers call
functions only GDAL's SQLite has, so our plain ``sqlite3`` writes would fail).
"""

from __future__ import annotations

import struct

#: PRAGMA application_id 'GPKG' and user_version 10400 (GeoPackage 1.4)
APPLICATION_ID = 0x47504B47
USER_VERSION = 10400
WGS84 = 4326
#: the point layers, one per place collection, shown to GIS tools
POINT_LAYERS = ("parks", "sites")

_WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
    'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]')

CORE_TABLES = (
    """CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
        srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
        organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
        description TEXT)""",
    """CREATE TABLE IF NOT EXISTS gpkg_contents (
        table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
        identifier TEXT UNIQUE, description TEXT DEFAULT '',
        last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
        CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))""",
    """CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
        table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
        srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
        CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
        CONSTRAINT uk_gc_table_name UNIQUE (table_name),
        CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
        CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))""",
)

SPATIAL_REF_SYS = (
    ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
    ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
    ("WGS 84 geodetic", WGS84, "EPSG", 4326, _WGS84_WKT, "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
)


def view_sql(layer: str) -> str:
    """The point layer ``layer``: the live records of that collection, every plan's, with the
    fields a planner filters by and the record as stored (``body``, JSON)."""
    def field(path: str) -> str:
        return f"json_extract(body, '$.{path}')"
    return (f"CREATE VIEW {layer} AS SELECT fid, geom, plan_id, record_id AS id, "
            f"{field('name.zh')} AS name_zh, {field('name.en')} AS name_en, "
            f"{field('kind')} AS kind, {field('precision')} AS precision, "
            f"{field('location_source')} AS location_source, version, "
            "strftime('%Y-%m-%dT%H:%M:%fZ', updated_at) AS updated_at, "
            f"updated_by, body FROM gl_records WHERE collection = '{layer}'")


def initialise(execute) -> None:
    """Make the database a GeoPackage with the point layers (``execute(sql, params=())`` runs
    one statement: a migration's connection, so it is part of that migration)."""
    execute(f"PRAGMA application_id = {APPLICATION_ID}")
    execute(f"PRAGMA user_version = {USER_VERSION}")
    for ddl in CORE_TABLES:
        execute(ddl)
    for row in SPATIAL_REF_SYS:
        execute("INSERT OR IGNORE INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, "
                "organization_coordsys_id, definition, description) VALUES (?, ?, ?, ?, ?, ?)",
                row)
    for layer in POINT_LAYERS:
        execute(f"DROP VIEW IF EXISTS {layer}")
        execute(view_sql(layer))
        execute("INSERT OR REPLACE INTO gpkg_contents (table_name, data_type, identifier, "
                "description, srs_id) VALUES (?, 'features', ?, ?, ?)",
                (layer, layer, f"geo_layout {layer}: the live records of every plan", WGS84))
        execute("INSERT OR REPLACE INTO gpkg_geometry_columns (table_name, column_name, "
                "geometry_type_name, srs_id, z, m) VALUES (?, 'geom', 'POINT', ?, 0, 0)",
                (layer, WGS84))


def point_blob(lon: float, lat: float) -> bytes:
    """A GeoPackage geometry blob of a WGS-84 point: the 'GP' header (version 0, little endian,
    no envelope), the SRS id, then the point's little-endian WKB."""
    header = b"GP" + bytes([0, 0b0000_0001]) + struct.pack("<i", WGS84)
    return header + struct.pack("<BIdd", 1, 1, float(lon), float(lat))
