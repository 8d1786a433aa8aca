"""Property-based fuzzing: schemathesis generates valid and invalid requests for every operation
of the OpenAPI document (``/ogc/api``), hypothesis throws arbitrary query strings at the pages.
No request may get a 5xx, and every error is the ``{"code", "description"}`` contract.

This is the short run (a few hundred requests); ``make fuzz`` runs :func:`fuzz_api` and
:func:`fuzz_pages` with thousands (``bench/fuzz.py``)."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

PAGES = ("/", "/maps/layout", "/maps/parks", "/maps/sites", "/parks", "/targets",
         "/elements/core", "/prefectures/530100", "/parks/kunming-high-tech-zone",
         "/embed/maps/parks", "/export/maps/parks.svg")
PAGE_PARAMS = ("lang", "basemap", "q", "prefecture", "element", "industry", "kind", "precision",
               "crs", "layers", "size", "dpi", "orientation", "f", "limit", "offset", "bbox")


@dataclass
class Tally:
    requests: int = 0
    server_errors: list[str] = field(default_factory=list)
    contract_errors: list[str] = field(default_factory=list)
    json_errors_checked: int = 0

    def see(self, label: str, status: int, content_type: str, body: bytes) -> None:
        self.requests += 1
        if status >= 500:
            self.server_errors.append(f"{label} -> {status}: {body[:200]!r}")
        elif status >= 400 and content_type.startswith("application/json"):
            self.json_errors_checked += 1
            try:
                keys = set(json.loads(body))
            except ValueError:
                keys = set()
            if keys != {"code", "description"}:
                self.contract_errors.append(f"{label} -> {status}: {body[:200]!r}")


def _settings(examples: int):
    return settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                    suppress_health_check=list(HealthCheck), phases=[Phase.generate])


def fuzz_api(app, examples: int, tally: Tally) -> Tally:
    """``examples`` positive and ``examples`` negative cases for every operation."""
    import schemathesis
    from schemathesis import GenerationMode

    schema = schemathesis.openapi.from_wsgi("/ogc/api", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @_settings(examples)
            @given(case=operation.as_strategy(generation_mode=mode))
            def one(case):
                response = case.call()
                media = response.headers.get("content-type") or response.headers.get(
                    "Content-Type") or [""]
                tally.see(f"{operation.label} {case.path_parameters} {case.query}",
                          response.status_code, media[0] if isinstance(media, list) else media,
                          response.content)

            one()
    return tally


def fuzz_pages(app, examples: int, tally: Tally) -> Tally:
    """Arbitrary values (and arbitrary extra parameters) on the page routes."""
    client = app.test_client()
    values = st.one_of(st.text(max_size=40), st.sampled_from(
        ["en", "zh", "osm", "amap", "tianditu", "none", "530100", "core", "-1", "0", "1e308",
         "nan", "9" * 30, "1,2,3,4", "<script>", "%", "\x00", "../../etc/passwd"]))
    params = st.dictionaries(st.one_of(st.sampled_from(PAGE_PARAMS), st.text(max_size=8)),
                             values, max_size=4)

    @_settings(examples)
    @given(path=st.sampled_from(PAGES), query=params)
    def one(path, query):
        response = client.get(path, query_string=query)
        tally.see(f"{path} {query}", response.status_code, response.content_type or "",
                  response.data)

    one()
    return tally


def test_api_fuzz_no_server_errors(app):
    logging.disable(logging.ERROR)
    try:
        tally = fuzz_api(app, 3, Tally())
    finally:
        logging.disable(logging.NOTSET)
    assert tally.requests >= 200  # 40 operations x 2 modes x 3
    assert tally.json_errors_checked >= 20  # the negative cases reached the error contract
    assert tally.server_errors == []
    assert tally.contract_errors == []


def test_pages_fuzz_no_server_errors(app):
    tally = fuzz_pages(app, 15, Tally())
    assert tally.requests >= 15
    assert tally.server_errors == []
    assert tally.contract_errors == []
