"""A validation problem said in the page's language. The validator (one for the write API,
the form and imports) words its problems in English; the form shows each next to its field
with the field's name and the message in the page's language (:mod:`geo_layout.words.problems`,
which the import's dry run uses too). A message of a shape that module does not know gets a
general sentence for its kind of problem, with the validator's English detail beside it (it
names the exact value and rule)."""

from __future__ import annotations

import re

from ..words.problems import problem_text
from .i18n import t

#: (pattern of the validator's English message, catalogue key of the general sentence);
#: the first that matches wins
KINDS = (
    (r"coordinates given but precision", "editor.problem.precision_point"),
    (r"needs the coordinates' source", "editor.problem.location_source"),
    (r"outside its declared|is outside -", "editor.problem.outside_unit"),
    (r"is required with|investor facts come from", "editor.problem.facts_source"),
    (r"precision (county|prefecture) needs|needs its prefecture|located place needs",
     "editor.problem.unit_needed"),
    (r"is not in prefecture", "editor.problem.county_prefecture"),
    (r"must not name a county", "editor.problem.no_county"),
    (r"duplicate id|exists already|also used in", "editor.problem.id_taken"),
    (r"dangling", "editor.problem.renamed"),
    (r"lowercase ASCII slug", "editor.problem.slug"),
    (r"phone number", "editor.problem.phone"),
    (r"web address", "editor.problem.website"),
    (r"is not a date", "editor.problem.date"),
    (r"hectares|ha is more than", "editor.problem.area"),
    (r"longer than", "editor.problem.too_long"),
    (r"must be (a number|an integer|a positive integer)|plausible year|is below value",
     "editor.problem.number"),
    (r"is not one of|is not listed under", "editor.problem.choice"),
    (r"unknown .* id|is not a (county|prefecture) adcode|is not a valid id",
     "editor.problem.unknown_ref"),
    (r"unknown field", "editor.problem.unknown_field"),
    (r"non-empty string|exactly the keys zh and en", "editor.problem.both_languages"),
    (r"is required|needs", "editor.problem.required"),
)
_COMPILED = tuple((re.compile(pattern), key) for pattern, key in KINDS)


def kind_of(message: str) -> str:
    """The catalogue key of the general sentence for a validator ``message``."""
    for pattern, key in _COMPILED:
        if pattern.search(message):
            return key
    return "editor.problem.invalid"


def said(message: str, lang: str) -> dict:
    """``{"text", "detail"}``: the message in ``lang``, or the general sentence and the
    English detail when it cannot be said in ``lang`` (no detail in English: it is the text)."""
    if lang == "en":
        return {"text": message, "detail": None}
    translated = problem_text(message, lang)
    if translated != message:
        return {"text": translated, "detail": None}
    return {"text": t(kind_of(message), lang), "detail": message}
