"""A past day's layout map in the browser (?as_of=, web/as_of.py): the note says which day it
shows and links to today's map, the past park is where it was, and the page passes axe with
nothing scrolling sideways, on a desktop and a phone, in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from page_checks import check_page  # noqa: E402
from editing_apps import editing_app  # noqa: E402

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = pytest.mark.browser

PARK = "guandu-digital-economy-industrial-park"
NEW_EN = "Park Of A Later Day"
SIZES = ({"width": 1280, "height": 800}, {"width": 390, "height": 844})


@pytest.fixture(scope="module")
def past_site(tmp_path_factory, serve):
    """A database whose history has one park created on 2024-05-01."""
    from geo_layout.data import db_store
    from geo_layout.data.provenance import parse_source

    app, _ = editing_app(tmp_path_factory.mktemp("as-of"), [])
    database = app.extensions["geo_layout.database"]
    store = database.link(database.plan_ids()[0]).current
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(db_store, "_now", lambda: dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc))
        body = dict(store.stored("parks", PARK), id="park-of-a-later-day",
                    name={"zh": "后来的园区", "en": NEW_EN})
        store.create("parks", body, author="a", source=parse_source("survey: visit"))
    with serve(app) as url:
        yield url


@pytest.mark.parametrize("size", SIZES, ids=("desktop", "phone"))
@pytest.mark.parametrize("lang", ("zh", "en"))
def test_the_past_layout_map_says_its_day(open_page, past_site, size, lang):
    page = open_page(past_site)
    page.set_viewport_size(size)
    page.goto(f"{past_site}/maps/layout?as_of=2023-12-31&lang={lang}")
    note = page.locator(".as-of-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("2023-12-31")
    assert NEW_EN not in page.content()
    check_page(page, size, f"as of, {lang}, {size['width']}")
    assert page.watch.offsite == [] and page.watch.console_errors == []
    note.get_by_role("link").click()
    page.wait_for_load_state()
    assert "as_of" not in page.url and page.locator(".as-of-note").count() == 0
    if lang == "en":
        assert NEW_EN in page.content()
