"""A place's properties (a read-only mapping, not a dict: data.features.Properties) written as
JSON everywhere the web and the maps write it."""

import json

from flask import jsonify, render_template_string

from geo_layout.data.store import open_store
from geo_layout.maps.elements import js_json
from geo_layout.web.geojson import dumps


def test_place_properties_serialise_through_flask_and_the_maps(app):
    feature = open_store().query("sites").features[0]
    expected = json.loads(json.dumps(dict(feature.properties)))
    with app.test_request_context():
        assert json.loads(jsonify({"p": feature.properties}).get_data(as_text=True)) == \
            {"p": expected}
        assert json.loads(render_template_string("{{ p|tojson }}", p=feature.properties)) \
            == expected
    assert json.loads(js_json({"p": feature.properties})) == {"p": expected}
    assert json.loads(dumps(feature.properties)) == expected
    assert expected["id"] == feature.id and len(expected) == len(feature.properties)
