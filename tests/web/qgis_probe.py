"""Load every collection of an OGC API – Features endpoint through QGIS's OAPIF provider and
print what QGIS saw, as JSON on stdout. Run by tests/web/test_qgis.py with Debian's system
Python (``/usr/bin/python3``, where ``python3-qgis`` puts the bindings), not the project's
virtual environment::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/web/qgis_probe.py http://HOST:PORT/ogc C...

``--provider ogr`` loads the layers through QGIS's OGR provider (GDAL's OAPIF driver, which
reads the collections' ``describedBy`` feature schema) instead of QGIS's own OAPIF provider.

Output: ``{"qgis": version, "requests": [every URL QGIS fetched], "layers": {collection:
{"valid", "error", "count", "fields": {name: type name}, "values": {feature id: {field:
value}}}}}`` where ``values`` holds the fields whose QGIS type is a list or that the caller
named with ``--fields collection=a,b``. A list comes out as a JSON list, NULL as ``null``, any
other value as QGIS gave it (a JSON string stays a string: the test decides what it means).
Imports only the standard library and QGIS: the project's package is not installed here.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _plain(value):
    """A QGIS attribute as JSON: QVariant NULL → None, QStringList/list → list."""
    from qgis.PyQt.QtCore import QVariant

    if value is None or (isinstance(value, QVariant) and value.isNull()):
        return None
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("url", help="the OGC API landing page, e.g. http://127.0.0.1:8000/ogc")
    parser.add_argument("collections", nargs="+")
    parser.add_argument("--fields", action="append", default=[],
                        help="collection=field,field: also report these fields' values")
    parser.add_argument("--provider", choices=("oapif", "ogr"), default="oapif",
                        help="QGIS's own OAPIF provider (the default), or its OGR provider "
                             "with GDAL's OAPIF driver (a layer source OAPIF:url|layername=c)")
    args = parser.parse_args(argv)
    wanted = {}
    for spec in args.fields:
        collection, _, names = spec.partition("=")
        wanted.setdefault(collection, set()).update(n for n in names.split(",") if n)

    from qgis.core import (Qgis, QgsApplication, QgsDataSourceUri, QgsNetworkAccessManager,
                           QgsVectorLayer)
    from qgis.PyQt.QtCore import QVariant

    app = QgsApplication([], False)
    app.initQgis()
    requests: list[str] = []
    QgsNetworkAccessManager.instance().requestAboutToBeCreated.connect(
        lambda request: requests.append(request.url().toString()))
    list_types = {QVariant.StringList, QVariant.List, QVariant.Map}

    layers = {}
    for collection in args.collections:
        if args.provider == "ogr":
            layer = QgsVectorLayer(f"OAPIF:{args.url}|layername={collection}", collection,
                                   "ogr")
        else:
            uri = QgsDataSourceUri()
            uri.setParam("url", args.url)
            uri.setParam("typename", collection)
            layer = QgsVectorLayer(uri.uri(False), collection, "OAPIF")
        report = {"valid": layer.isValid(), "error": None, "count": None, "fields": {},
                  "values": {}}
        layers[collection] = report
        if not layer.isValid():
            error = layer.error()  # held: summary() of the temporary crashes QGIS 3.22
            report["error"] = error.summary()
            continue
        fields = layer.fields()
        report["fields"] = {f.name(): f.typeName() or QVariant.typeToName(f.type())
                            for f in fields}
        listed = [f.name() for f in fields
                  if f.type() in list_types or f.name() in wanted.get(collection, ())]
        count = 0
        for feature in layer.getFeatures():
            count += 1
            fid = _plain(feature["id"]) if "id" in fields.names() else feature.id()
            report["values"][str(fid)] = {name: _plain(feature[name]) for name in listed}
        report["count"] = count
        report["provider_count"] = layer.featureCount()

    app.processEvents()  # the requests of the download threads are signalled through the loop
    print(json.dumps({"qgis": Qgis.QGIS_VERSION, "requests": requests, "layers": layers},
                     ensure_ascii=False))
    sys.stdout.flush()
    # no app.exitQgis(): QGIS 3.22 crashes while tearing down the OAPIF provider's threads
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
