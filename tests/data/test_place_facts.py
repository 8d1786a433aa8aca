"""A park's or site's facts for investors (address, area, land still available, contact,
status and its date), all optional and all with their source: good values are taken, each
bad one is refused with its field named, and no seed record has any (nothing is invented)."""

from __future__ import annotations

import copy
import datetime

import pytest
import yaml

from geo_layout.data import paths
from geo_layout.data.model import Contact, Text
from geo_layout.data.seeds import COLLECTIONS, check_record, load_dataset

FACTS = {
    "address": {"zh": "昆明市官渡区某路 1 号", "en": "1 Some Road, Guandu, Kunming"},
    "area_ha": 120.5,
    "land_available_ha": 30,
    "contact": {"office": {"zh": "园区管委会", "en": "Park administrative committee"},
                "phone": "+86 871 6361 1234", "website": "https://park.example.cn/invest"},
    "status": "operating",
    "status_since": "2021-06",
    "investment_planned": 35,
    "investment_realised": 12.5,
    "facts_source": "notice: park administrative committee, 2026-11",
}


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def _seed(collection: str = "parks", index: int = 0) -> dict:
    spec = COLLECTIONS[collection]
    doc = yaml.safe_load((paths.default_seeds_dir() / spec.file).read_text(encoding="utf-8"))
    return copy.deepcopy(doc[spec.key][index])


def _check(dataset, collection="parks", **changes):
    raw = _seed(collection)
    for key, value in changes.items():
        if value is None:
            raw.pop(key, None)
        else:
            raw[key] = value
    return check_record(dataset, collection, raw, replaces=raw["id"])


def _problems(dataset, **changes) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in _check(dataset, **changes)[1]:
        out[p.field] = f"{out[p.field]}\n{p.message}" if p.field in out else p.message
    return out


@pytest.mark.parametrize("collection", ["parks", "sites"])
def test_good_facts_are_taken(dataset, collection):
    place, problems = _check(dataset, collection, **FACTS)
    assert problems == []
    assert place.address == Text(**FACTS["address"])
    assert (place.area_ha, place.land_available_ha) == (120.5, 30)
    assert place.contact == Contact(office=Text("园区管委会", "Park administrative committee"),
                                    phone="+86 871 6361 1234",
                                    website="https://park.example.cn/invest")
    assert (place.status, place.status_since) == ("operating", "2021-06")
    assert (place.investment_planned, place.investment_realised) == (35, 12.5)
    assert place.facts_source.startswith("notice:")


def test_every_fact_is_optional_and_the_seeds_have_none(dataset):
    for place in (*dataset.parks, *dataset.sites):
        assert (place.address, place.area_ha, place.land_available_ha, place.contact,
                place.status, place.status_since, place.investment_planned,
                place.investment_realised, place.facts_source) == (None,) * 9
    place, problems = _check(dataset, status="planned", facts_source="plan: section 3")
    assert problems == [] and place.status == "planned" and place.area_ha is None
    place, problems = _check(dataset, contact={"phone": "0871-63611234 转 8"},
                             facts_source="visit")
    assert problems == [] and place.contact == Contact(phone="0871-63611234 转 8")


@pytest.mark.parametrize("since,kept", [
    ("2021", "2021"), (2021, "2021"), ("2021-06", "2021-06"), ("2021-06-30", "2021-06-30"),
    (datetime.date(2021, 6, 30), "2021-06-30"),
])
def test_status_since_takes_a_year_a_month_or_a_day(dataset, since, kept):
    place, problems = _check(dataset, status="under-construction", status_since=since,
                             facts_source="notice")
    assert problems == [] and place.status_since == kept


@pytest.mark.parametrize("changes,field,message", [
    ({"area_ha": -5}, "area_ha", "must be more than 0 hectares"),
    ({"area_ha": 0}, "area_ha", "must be more than 0 hectares"),
    ({"area_ha": "big"}, "area_ha", "must be a number"),
    ({"land_available_ha": -1}, "land_available_ha", "must be 0 hectares or more"),
    ({"area_ha": 10, "land_available_ha": 12}, "land_available_ha",
     "12 ha is more than the park's area"),
    ({"contact": {"website": "javascript:alert(1)"}}, "contact.website",
     "'javascript:alert(1)' is not a web address"),
    ({"contact": {"website": "ftp://example.cn"}}, "contact.website", "'ftp://example.cn' is"),
    ({"contact": {"website": "https://"}}, "contact.website", "'https://' is not"),
    ({"contact": {"website": 'https://x.cn/"><script>'}}, "contact.website", "'https://x.cn"),
    ({"contact": {"website": "//example.cn"}}, "contact.website", "'//example.cn' is not"),
    ({"contact": {"phone": "call us"}}, "contact.phone", "'call us' is not a phone number"),
    ({"contact": {"phone": "123"}}, "contact.phone", "'123' is not a phone number"),
    ({"contact": {"office": "管委会"}}, "contact.office",
     "must be a mapping with exactly the keys zh and en"),
    ({"contact": {"email": "a@b.cn", "phone": "0871-63611234"}}, "contact.email", "unknown field"),
    ({"contact": {}}, "contact", "needs at least one of office, phone, website"),
    ({"contact": "0871-1234567"}, "contact", "must be a mapping"),
    ({"status": "built"}, "status", "'built' is not one of planned, under-construction, "
                                    "operating, cancelled"),
    ({"status": "operating", "status_since": "2021-13"}, "status_since", "'2021-13' is not a "
                                                                         "date"),
    ({"status": "operating", "status_since": "June 2021"}, "status_since", "'June 2021'"),
    ({"status": None, "status_since": "2021"}, "status_since", "is the date the status began"),
    ({"address": {"zh": "昆明"}}, "address", "must be a mapping with exactly the keys zh and en"),
    ({"address": {"zh": "昆明", "en": ""}}, "address.en", "must be a non-empty string"),
    ({"facts_source": "  "}, "facts_source", "must be a non-empty string"),
    ({"investment_planned": -2}, "investment_planned", "must be 0 or more"),
    ({"investment_realised": "lots"}, "investment_realised", "must be a number"),
])
def test_each_bad_fact_is_refused_with_its_field(dataset, changes, field, message):
    found = _problems(dataset, **{**FACTS, **changes})
    assert any(m.startswith(message) for m in found.get(field, "").split("\n")), found
    assert set(found) == {field}, found  # the others are fine


@pytest.mark.parametrize("fact", ["address", "area_ha", "land_available_ha", "contact",
                                  "status"])
def test_a_fact_without_its_source_is_refused(dataset, fact):
    found = _problems(dataset, **{fact: FACTS[fact]})
    assert found == {"facts_source": f"is required with {fact}: say where these facts come "
                                     "from"}


def test_a_source_of_no_fact_is_refused(dataset):
    found = _problems(dataset, facts_source="survey")
    assert list(found) == ["facts_source"] and "none is given" in found["facts_source"]
