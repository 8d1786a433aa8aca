"""The validator's problem messages (written in English by :mod:`geo_layout.data.seed_records`
and its checks, which the API's JSON keeps) said in another language: each known message shape
is a pattern whose parts (the value, the field, the allowed values) fill the catalogue's
``problem.<name>``. A message of no known shape stays as it is: better English than nothing."""

from __future__ import annotations

import re

from .catalogue import ENUMS, STRINGS

#: (name, pattern); the first that matches the whole message wins.
PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (name, re.compile(pattern, re.S)) for name, pattern in (
    ("required_with", r"is required with (?P<given>.+): say where these facts come from"),
    ("required", r"is required"),
    ("empty", r"must be a non-empty string"),
    ("too_long", r"longer than (?P<n>\d+) characters"),
    ("not_integer", r"must be an integer, got (?P<v>.+)"),
    ("not_number", r"must be a number, got (?P<v>.+)"),
    ("not_positive", r"must be a positive integer, got (?P<v>.+)"),
    ("not_date_form", r"must be a date, YYYY-MM-DD or YYYY-MM"),
    ("not_text", r"must be a string, got (?P<v>\w+)"),
    ("not_list", r"must be a list, got (?P<v>\w+)"),
    ("not_slug", r"(?P<v>.+) is not a lowercase ASCII slug"),
    ("not_adcode", r"(?P<v>.+) is not a 6-digit adcode"),
    ("not_county", r"(?P<v>.+) is not a county adcode.*"),
    ("not_prefecture", r"(?P<v>.+) is not a prefecture adcode.*"),
    ("not_one_of", r"(?P<v>.+) is not one of (?P<allowed>.+)"),
    ("unknown_id", r"unknown (?P<what>[a-z -]+) id (?P<v>.+)"),
    ("unknown_fields", r"unknown field(?:\(s\))? (?P<v>.+)"),
    ("outside_unit", r"point \((?P<lon>[^,]+), (?P<lat>[^)]+)\) is outside its declared "
                     r"(?P<unit>\w+) (?P<code>\S+) \((?P<name>.+)\)"),
    ("lon_range", r"(?P<v>\S+) is outside -180\.\.180"),
    ("lat_range", r"(?P<v>\S+) is outside -90\.\.90"),
    ("exists", r"(?P<collection>[a-z-]+)/(?P<v>.+) exists already"),
    ("duplicate_id", r"duplicate id (?P<v>.+)"),
    ("twice", r"(?P<v>.+) is changed twice in one batch"),
    ("not_date", r"(?P<v>.+) is not a date \(YYYY, YYYY-MM or YYYY-MM-DD\)"),
    ("not_year", r"(?P<v>.+) is not a plausible year"),
    ("not_phone", r"(?P<v>.+) is not a phone number .*"),
    ("not_website", r"(?P<v>.+) is not a web address .*"),
    ("not_colour", r"(?P<v>.+) is not a colour #RRGGBB"),
    ("area_positive", r"must be more than 0 hectares, got (?P<v>.+)"),
    ("land_positive", r"must be 0 hectares or more, got (?P<v>.+)"),
    ("land_above_area", r"(?P<v>.+) ha is more than the park's area \(area_ha (?P<area>.+) ha\)"),
    ("county_prefecture", r"county (?P<county>\S+) is not in prefecture (?P<prefecture>\S+)"),
    ("needs_source", r"precision (?P<p>\w+) needs the coordinates' source"),
    ("coordinates_precision", r"coordinates given but precision is (?P<p>\S+): use (?P<use>.+), "
                              r"or drop them"),
    ("contact", r"needs at least one of office, phone, website"),
    ("county_needed", r"precision county needs a county adcode"),
    ("prefecture_needed", r"precision prefecture needs a prefecture adcode"),
    ("county_prefecture_needed", r"precision county needs the county's prefecture"),
    ("located_prefecture", r"a located place needs its prefecture"),
    ("no_county", r"precision (?P<p>\w+) must not name a county.*"),
    ("renamed", r"renaming (?P<v>.+) would leave the references of (?P<users>.+) to it dangling"),
    ("both_languages", r"must be a mapping with exactly the keys zh and en"),
    ("id_elsewhere", r"id also used in (?P<v>.+)"),
    ("kind_unlisted", r"(?P<v>.+) is not listed under kinds"),
    ("below_value", r"(?P<v>.+) is below value (?P<value>.+)"),
    ("no_citation", r"must be a mapping with a section id"),
))


def problem_text(message: str, lang: str) -> str:
    """``message`` in ``lang`` (English: as it is)."""
    if lang == "en" or not isinstance(message, str):
        return message
    for name, pattern in PATTERNS:
        match = pattern.fullmatch(message)
        if match:
            values = {k: _precisions(v, lang) for k, v in match.groupdict().items()}
            return STRINGS[f"problem.{name}"]["zh"].format(**values)
    return message


def _precisions(value: str | None, lang: str) -> str | None:
    """A value with the precision codes it names ("site", "'county'", "site or street")
    said by their labels: a code is a word of the model, not of the page."""
    if not value:
        return value
    words = re.split(r"( or |, )", value)
    if not all(w in (" or ", ", ") or w.strip("'") in ENUMS["precision"] for w in words):
        return value
    said = ["、" if w in (" or ", ", ") else ENUMS["precision"][w.strip("'")][lang]
            for w in words]
    return "".join(said)
