"""Parks and sites by status per layout element: a copy of the toy plan whose places record
statuses (and one a date it began) is counted and listed under each element, in the plan's
order; a place without a status is listed as such, never guessed."""

from __future__ import annotations

import shutil

import pytest
import yaml
from plan_terms import TOY_PLAN
from report_files import docx_text, pdf_text

from geo_layout import words
from geo_layout.data.store import open_store


@pytest.fixture(scope="module")
def statuses_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("statuses") / "plan"
    shutil.copytree(TOY_PLAN, folder)
    for name, statuses in (("parks", ["operating", None]), ("sites", ["under-construction",
                                                                      "cancelled"])):
        path = folder / f"{name}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for record, status in zip(data[name], statuses):
            if status:
                record.update(status=status, facts_source="test: a made-up status")
        if name == "parks":
            data[name][0].update(status_since="2023-05", investment_planned=12.5,
                                 investment_realised=4)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return open_store(folder)


def test_places_by_element_and_status(statuses_store, build):
    _, (_, places) = docx_text(build(statuses_store, "docx", "en"))
    rows = places[1:]
    every = [*statuses_store.query("parks").features, *statuses_store.query("sites").features]
    for place in every:
        status = place.properties.get("status")
        label = words.label("status", status, "en") if status else \
            words.t("report.status_unknown", "en")
        elements = place.properties["elements"] or [None]
        for element in elements:
            where = statuses_store.get("layout-elements", element).name("en") if element \
                else words.t("report.no_element", "en")
            row = next(r for r in rows if r[0] == where and r[1] == label)
            assert place.name("en") in row[4], (place.id, row)
            assert row[2] == str(len(row[4].split(", ")))
    park = next(f for f in every if f.properties.get("status_since"))
    assert f"{park.name('en')} (since 2023-05)" in "".join(r[4] for r in rows)
    invested = [r for r in rows if park.name("en") in r[4]]
    assert invested and all(r[3] == "Planned: CNY 1.25 billion\nRealised: CNY 400 million"
                            for r in invested)
    others = [r for r in rows if r[2] not in ("0", "") and park.name("en") not in r[4]]
    assert others and all(r[3] == "Planned: not recorded\nRealised: not recorded"
                          for r in others)
    order = [f.name("en") for f in statuses_store.query("layout-elements").features]
    listed = list(dict.fromkeys(r[0] for r in rows))
    assert listed[:len(order)] == order


def test_summary_counts_statuses(statuses_store, build):
    paragraphs, _ = docx_text(build(statuses_store, "docx", "zh"))
    n = statuses_store.count("parks") + statuses_store.count("sites")
    summary = next(p for p in paragraphs if p.startswith(f"园区和项目基地共 {n} 个"))
    assert "已运营 1 项" in summary and "建设中 1 项" in summary and "已取消 1 项" in summary
    pages, text = pdf_text(build(statuses_store, "pdf", "zh"))
    assert "已运营1项" in "".join(text.split())
