"""The import engine: each format read, columns mapped by their Chinese or English headers,
a dry run naming exactly the bad rows and columns, the checks beyond the validator (swapped
lon/lat, outside China, formulas, duplicates), files refused, and the import applied as one
batch (all or nothing, or only the valid rows) and reverted as one — on the GeoPackage and on
PostgreSQL."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from geo_layout.data.db_store import Database
from geo_layout.data.import_read import read_table
from geo_layout.data.import_template import template_xlsx
from geo_layout.data.imports import Mapping, apply, dry_run
from geo_layout.data.provenance import parse_source
from geo_layout.errors import ImportRefused, ImportTooLarge, InvalidRecord, NotFound

SOURCE = parse_source("import: test file")
HEADER = ["id", "name_zh", "name_en", "kind", "elements", "prefecture", "county", "precision",
          "location_source", "industries", "citation_section", "citation_paragraph", "lon",
          "lat"]


def row(rid, zh, en, lon=102.75, lat=25.02, industries="digital-economy"):
    return [rid, zh, en, "park", "core", "530100", "530111", "site", "survey 2026", industries,
            "layout", 2, lon, lat]


GOOD = [row("imp-park-a", "导入甲园", "Import Park A"),
        row("imp-park-b", "导入乙园", "Import Park B", 102.757, 25.027)]


def csv_bytes(rows, header=HEADER, encoding="utf-8"):
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in r] for r in rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows, header=HEADER, merge=None):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for r in rows:
        sheet.append(r)
    if merge:
        sheet.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def frame(rows):
    import geopandas as gpd
    from shapely.geometry import Point

    cols = HEADER[:-2]
    return gpd.GeoDataFrame([dict(zip(cols, r[:-2])) for r in rows],
                            geometry=[Point(r[-2], r[-1]) for r in rows], crs="EPSG:4326")


def geo_bytes(rows, driver, suffix, tmp_path):
    import pyogrio

    path = tmp_path / f"parks{suffix}"
    pyogrio.write_dataframe(frame(rows), path, driver=driver)
    return path.read_bytes()


@pytest.fixture()
def store(any_db_url):
    database = Database(any_db_url)
    return database.link(database.plan_ids()[0]).load()


@pytest.fixture()
def gpkg_store(db_url):
    database = Database(db_url)
    return database.link(database.plan_ids()[0]).load()


# --- reading -----------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_each_encoding(encoding):
    table = read_table(csv_bytes(GOOD, encoding=encoding), "parks.csv")
    assert table.header == HEADER and table.encoding == encoding
    assert [r.number for r in table.rows] == [2, 3]
    assert table.rows[0].values[1] == "导入甲园"


def test_xlsx_keeps_numbers_and_formulas_as_text():
    rows = [row("imp-park-a", '=HYPERLINK("http://evil.example","x")', "A")]
    table = read_table(xlsx_bytes(rows), "parks.xlsx")
    assert table.format == "xlsx" and table.rows[0].values[1].startswith("=HYPERLINK(")
    assert table.rows[0].values[-2] == 102.75 and table.rows[0].values[11] == 2


@pytest.mark.parametrize("driver,suffix,fmt", [("GeoJSON", ".geojson", "geojson"),
                                               ("GPKG", ".gpkg", "gpkg"),
                                               ("KML", ".kml", "kml")])
def test_geo_formats_give_lon_lat(tmp_path, driver, suffix, fmt):
    table = read_table(geo_bytes(GOOD, driver, suffix, tmp_path), f"parks{suffix}")
    assert table.format == fmt and len(table.rows) == 2
    mapping = Mapping.guess(table, "parks")
    lon = table.header.index(mapping.lon)
    assert table.rows[0].values[lon] == pytest.approx(102.75)


def test_a_geojson_file_imports_like_a_table(tmp_path, gpkg_store):
    table = read_table(geo_bytes(GOOD, "GeoJSON", ".geojson", tmp_path), "parks.geojson")
    mapping = Mapping.guess(table, "parks")
    report = dry_run(gpkg_store, "parks", table, mapping)
    assert report.ok and report.creates == 2, report.lines("en")
    result = apply(gpkg_store, "parks", table, mapping, author="a", source=SOURCE,
                   report=report)
    assert result.store.stored("parks", "imp-park-b")["lon"] == pytest.approx(102.757)


@pytest.mark.filterwarnings("ignore:Normalized/laundered field name")
def test_zipped_shapefile(tmp_path):
    import pyogrio

    pyogrio.write_dataframe(frame(GOOD), tmp_path / "parks.shp", encoding="UTF-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for p in tmp_path.glob("parks.*"):
            z.write(p, p.name)
    table = read_table(buf.getvalue(), "parks.zip")
    assert table.format == "shp" and len(table.rows) == 2
    assert "导入甲园" in table.rows[0].values


def test_files_that_are_not_what_they_say_are_refused():
    with pytest.raises(ImportRefused, match="not what its name says"):
        read_table(csv_bytes(GOOD), "parks.xlsx")
    with pytest.raises(ImportRefused, match="binary"):
        read_table(b"\x00\x01\x02" * 100, "parks.csv")
    with pytest.raises(ImportRefused, match="empty"):
        read_table(b"  \n", "parks.csv")
    with pytest.raises(ImportRefused, match="neither UTF-8 nor GB18030"):
        read_table(b"id,name\n1,\xff\xff\xff\n", "parks.csv")


def test_merged_cells_are_refused_naming_the_range():
    with pytest.raises(ImportRefused, match="merged cells.*B2:B3"):
        read_table(xlsx_bytes(GOOD, merge="B2:B3"), "parks.xlsx")


def test_zip_bombs_and_huge_files_are_refused(monkeypatch):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "")
        z.writestr("xl/worksheets/sheet1.xml", b"0" * 50_000_000)
    assert len(buf.getvalue()) < 200_000
    with pytest.raises(ImportTooLarge, match="zip bomb"):
        read_table(buf.getvalue(), "bomb.xlsx")
    from geo_layout.data import import_read

    monkeypatch.setattr(import_read, "MAX_BYTES", 1000)
    with pytest.raises(ImportTooLarge, match="MB"):
        read_table(csv_bytes(GOOD * 20), "parks.csv")
    monkeypatch.setattr(import_read, "MAX_BYTES", 20 * 2**20)
    monkeypatch.setattr(import_read, "MAX_ROWS", 3)
    with pytest.raises(ImportTooLarge, match="rows"):
        read_table(csv_bytes(GOOD * 3), "parks.csv")


# --- mapping and the dry run -----------------------------------------------------------------

def test_columns_found_by_chinese_or_english_headers():
    from geo_layout.data.fields import FIELDS

    by = {f.name: f for f in FIELDS["parks"]}
    for lang in ("zh", "en"):
        header = [by[h].header(lang) for h in HEADER]
        table = read_table(csv_bytes(GOOD, header=header), "parks.csv")
        mapping = Mapping.guess(table, "parks")
        assert set(mapping.columns.values()) == set(HEADER[:-2])
        assert (mapping.lon, mapping.lat) == (by["lon"].header(lang), by["lat"].header(lang))


def test_the_template_has_both_headers_and_imports_back(gpkg_store):
    body = template_xlsx("parks", "zh")
    book = openpyxl.load_workbook(io.BytesIO(body))
    sheet = book.worksheets[0]
    assert sheet.cell(1, 2).value == "名称（中文）" and sheet.cell(2, 2).value == "Name (Chinese)"
    assert len(book.worksheets) == 2 and "areas" not in [c.value for c in sheet[1]]
    assert {"name_zh", "lon"} <= {r[0].value for r in book.worksheets[1].iter_rows()}
    header = [c.value for c in sheet[1]]
    keys = [c.value for c in sheet[2]]
    by_en = {"ID": "imp-park-t", "Name (Chinese)": "模板园", "Name (English)": "Template Park",
             "Kind": "park", "Layout elements": "core", "Prefecture": "530100",
             "County": "530111", "Location precision": "site", "Location source": "survey",
             "Industries": "digital-economy", "Plan section": "layout", "Paragraph": 2,
             "Longitude": 102.75, "Latitude": 25.02}
    sheet.append([by_en.get(k) for k in keys])
    out = io.BytesIO()
    book.save(out)
    table = read_table(out.getvalue(), "template.xlsx")
    assert table.header == header
    report = dry_run(gpkg_store, "parks", table, Mapping.guess(table, "parks"))
    assert report.ok and report.rows == 1 and report.creates == 1


def test_the_dry_run_names_exactly_the_bad_rows_and_columns(gpkg_store):
    rows = [*GOOD,
            row("imp-park-c", "导入丙园", "Import Park C", industries="no-such-industry"),
            [None] * len(HEADER),
            row("imp-park-d", "", "Import Park D", 102.76, 25.03)]
    table = read_table(csv_bytes(rows), "parks.csv")
    report = dry_run(gpkg_store, "parks", table, Mapping.guess(table, "parks"), lang="en")
    assert report.bad_rows == [4, 6] and report.empty_rows == 1 and report.rows == 4
    where = {(i.row, i.column) for i in report.problems}
    assert where == {(4, "industries"), (6, "name_zh")}
    assert report.valid_rows == [2, 3] and report.creates == 2
    assert gpkg_store.history() == []
    lines = report.lines("en")
    assert any(line.startswith("row 4, industries:") for line in lines)
    assert any(line.startswith("第 6 行，name_zh：") for line in report.lines("zh"))


def test_swapped_lon_lat_is_detected_and_the_swap_suggested(gpkg_store):
    rows = [row(f"imp-park-{i}", f"园{i}", f"Park {i}", 25.02 + i * 0.001, 102.75)
            for i in range(3)]
    table = read_table(csv_bytes(rows), "parks.csv")
    report = dry_run(gpkg_store, "parks", table, Mapping.guess(table, "parks"), lang="en")
    assert report.swapped and report.bad_rows == [0, 2, 3, 4]
    assert any("--swap-lonlat" in i.message for i in report.problems if i.row == 0)
    fixed = dry_run(gpkg_store, "parks", table, Mapping.guess(table, "parks", swap=True))
    assert fixed.ok and not fixed.swapped


def test_points_outside_china_are_named(gpkg_store):
    rows = [row("imp-park-a", "导入甲园", "Import Park A", 2.35, 48.85)]
    table = read_table(csv_bytes(rows), "parks.csv")
    report = dry_run(gpkg_store, "parks", table, Mapping.guess(table, "parks"), lang="en")
    assert any("outside China" in i.message and i.column == "lon/lat"
               for i in report.problems if i.row == 2)


def test_formula_cells_are_flagged_and_never_stored(gpkg_store):
    rows = [row("imp-park-a", '=HYPERLINK("http://evil.example","x")', "Import Park A"),
            row("imp-park-b", "@SUM(1)", "Import Park B", 102.757, 25.027)]
    for data, name in ((xlsx_bytes(rows), "p.xlsx"), (csv_bytes(rows), "p.csv")):
        table = read_table(data, name)
        report = dry_run(gpkg_store, "parks", table, Mapping.guess(table, "parks"), lang="en")
        formula = [i for i in report.problems if "formula" in i.message]
        assert {(i.row, i.column) for i in formula} == {(2, "name_zh"), (3, "name_zh")}
        with pytest.raises(InvalidRecord):
            apply(gpkg_store, "parks", table, Mapping.guess(table, "parks"), author="a",
                  source=SOURCE)
    assert gpkg_store.history() == []


def test_duplicates_by_name_and_by_distance(gpkg_store):
    existing = gpkg_store.get("parks", "guandu-digital-economy-industrial-park")
    lon, lat = existing.geometry().coords[0]
    rows = [row("imp-park-a", existing.properties["name_zh"], "Import Park A", 102.75, 25.02),
            row("imp-park-b", "导入乙园", "Import Park B", lon + 0.001, lat + 0.001),
            row("imp-park-c", "导入乙园", "Import Park C", 102.7505, 25.0205)]
    table = read_table(csv_bytes(rows), "parks.csv")
    report = dry_run(gpkg_store, "parks", table, Mapping.guess(table, "parks"), lang="en")
    warned = {(i.row, i.message) for i in report.warnings}
    assert (2, f"likely the same as the existing record {existing.id} (same name)") in warned
    assert any(r == 3 and existing.id in m and " m apart" in m for r, m in warned)
    assert (4, "likely the same as row 3 (same name)") in warned
    assert any(r == 4 and "row 2" in m and "m apart" in m for r, m in warned)


def test_gcj02_points_are_stored_in_wgs84(gpkg_store):
    table = read_table(csv_bytes(GOOD[:1]), "parks.csv")
    result = apply(gpkg_store, "parks", table, Mapping.guess(table, "parks", crs="gcj02"),
                   author="a", source=SOURCE)
    stored = result.store.stored("parks", "imp-park-a")
    from geo_layout.data.crs import gcj02_to_wgs84

    assert (stored["lon"], stored["lat"]) == pytest.approx(gcj02_to_wgs84(102.75, 25.02),
                                                          abs=1e-6)
    assert stored["lon"] != 102.75


# --- applying --------------------------------------------------------------------------------

def test_apply_is_all_or_nothing(store):
    rows = [*GOOD, row("imp-park-c", "导入丙园", "Import Park C", industries="nope")]
    table = read_table(csv_bytes(rows), "parks.csv")
    with pytest.raises(InvalidRecord) as err:
        apply(store, "parks", table, Mapping.guess(table, "parks"), author="a", source=SOURCE)
    assert [p.field for p in err.value.problems] == ["row 4, industries"]
    assert store.history() == []
    with pytest.raises(NotFound):
        store.get("parks", "imp-park-a")


def test_only_valid_writes_the_good_rows_as_one_batch_and_revert_undoes_it(store):
    rows = [*GOOD, row("imp-park-c", "导入丙园", "Import Park C", industries="nope")]
    table = read_table(csv_bytes(rows), "parks.csv")
    result = apply(store, "parks", table, Mapping.guess(table, "parks"), author="ana",
                   source=SOURCE, comment="first import", only_valid=True)
    assert result.written == 2 and result.skipped_rows == [4]
    new = result.store
    assert new.get("parks", "imp-park-b").properties["name_en"] == "Import Park B"
    revs = new.history(limit=None)
    assert len(revs) == 2 and {r.batch for r in revs} == {result.batch}
    assert {r.author for r in revs} == {"ana"}
    back = new.revert_batch(result.batch, author="bob", source=SOURCE)
    with pytest.raises(NotFound):
        back.store.get("parks", "imp-park-a")
    assert len(back.store.history(batch=back.batch, limit=None)) == 2


def test_a_row_with_an_existing_id_updates_that_record(gpkg_store):
    pid = "guandu-digital-economy-industrial-park"
    table = read_table(csv_bytes([["id", "group"], [pid, "g-import"]][1:],
                                 header=["id", "group"]), "parks.csv")
    result = apply(gpkg_store, "parks", table, Mapping.guess(table, "parks"), author="a",
                   source=SOURCE)
    stored = result.store.stored("parks", pid)
    assert stored["group"] == "g-import" and stored["precision"] == "county"
    [rev] = result.store.history(limit=None)
    assert rev.action == "update" and rev.batch == result.batch


def test_a_record_changed_after_the_dry_run_is_not_overwritten(gpkg_store):
    from geo_layout.errors import PreconditionFailed

    pid = "guandu-digital-economy-industrial-park"
    table = read_table(csv_bytes([[pid, "g-import"]], header=["id", "group"]), "parks.csv")
    mapping = Mapping.guess(table, "parks")
    report = dry_run(gpkg_store, "parks", table, mapping)
    body = dict(gpkg_store.stored("parks", pid), group="meanwhile")
    later = gpkg_store.replace("parks", pid, body, expected=1, author="x", source=SOURCE).store
    with pytest.raises(PreconditionFailed):
        apply(later, "parks", table, mapping, author="a", source=SOURCE, report=report)
    assert later.stored("parks", pid)["group"] == "meanwhile"
    result = apply(later, "parks", table, mapping, author="a", source=SOURCE)
    assert result.store.stored("parks", pid)["group"] == "g-import"
