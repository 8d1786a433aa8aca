"""Two plans served together, as a person meets them: the plan switcher in the header on a
desktop and a phone (opens, lists both plans with the current one marked, is not clipped and
leads to the other plan), the other plan's maps drawing its own province from its own API, and
nothing loaded from outside. Screenshots: docs/screenshots/plans-*.png (make screenshots)."""

from __future__ import annotations

import pytest

from plan_terms import TOY_PLAN

pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

TOY_ID = "toy-ningxia-test-plan"


@pytest.fixture(scope="module")
def two_plans_server(serve):
    from geo_layout.app import create_app

    with serve(create_app({"TESTING": True, "PLANS": [str(TOY_PLAN)]})) as url:
        yield url


def _inside_viewport(page, selector: str) -> bool:
    return page.evaluate("""(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
        return r.left >= 0 && r.top >= 0 && r.right <= innerWidth + 0.5 && r.bottom <= innerHeight + 0.5; }""",
                         selector)


@pytest.mark.parametrize("lang, width, height", [("en", 1280, 900), ("zh", 390, 844)])
def test_the_switcher_lists_both_plans_and_leads_to_the_other(open_page, two_plans_server,
                                                                shots, lang, width, height):
    page = open_page(two_plans_server)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{two_plans_server}/plans/{TOY_ID}/?lang={lang}")
    page.wait_for_selector(".leaflet-container path", state="attached")
    title = page.locator(".brand").inner_text()
    assert title == ("Ningxia Test Layout" if lang == "en" else "宁夏测试布局图")
    switcher = page.locator("details.plan-switch")
    switcher.locator("summary").click()
    links = switcher.locator("ul a")
    expect_titles = (["Yunnan Province 14th Five-Year Plan for Information Industry Development",
                      "Ningxia test plan (fictional, for tests only)", "All plans"]
                     if lang == "en" else
                     ["云南省“十四五”信息产业发展规划", "宁夏测试规划（虚构，仅供测试）", "全部规划"])
    assert links.all_inner_texts() == expect_titles
    assert links.nth(1).get_attribute("aria-current") == "true"
    assert _inside_viewport(page, "details.plan-switch ul"), "the list is clipped"
    page.wait_for_timeout(200)
    page.screenshot(path=str(shots / f"plans-switcher-{lang}-{width}.png"))
    links.nth(0).click()
    page.wait_for_load_state()
    assert page.url == f"{two_plans_server}/?lang={lang}"
    assert page.watch.offsite == [] and page.watch.console_errors == []


def test_the_other_plans_map_draws_its_province_from_its_own_api(open_page, two_plans_server):
    page = open_page(two_plans_server)
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if "/api/" in r.url else None)
    page.goto(f"{two_plans_server}/plans/{TOY_ID}/maps/layout?lang=en&zoom=9&center=38.47,106.27")
    page.wait_for_selector(".leaflet-container path", state="attached")
    page.wait_for_timeout(1500)   # the offline county context and refinement fetch by view
    assert fetched and all(f"/plans/{TOY_ID}/api/" in u for u in fetched), fetched
    popup_links = page.evaluate("""() => [...document.querySelectorAll('a[href]')]
        .map(a => a.getAttribute('href')).filter(h => h.startsWith('/') && !h.startsWith('/static')
        && !h.startsWith('/assets') && !h.startsWith('/plans'))""")
    assert set(popup_links) <= {"/?lang=en"}, popup_links  # only the switcher leads out
    assert page.watch.offsite == [] and page.watch.console_errors == []
