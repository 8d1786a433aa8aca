"""A validation problem said in the page's language. The validator (one for the write API,
the form and imports) words its problems in English; the form shows each next to its field
with the field's name and the message in the page's language (:mod:`geo_layout.words.problems`,
which the import's dry run uses too: one table of the validator's message shapes). A message
of a shape it does not know is "not valid" with the validator's English detail beside it (it
names the exact value and rule)."""

from __future__ import annotations

from ..words.problems import problem_text
from .i18n import t


def said(message: str, lang: str) -> dict:
    """``{"text", "detail"}``: the message in ``lang``, or the general sentence and the
    English detail when it cannot be said in ``lang`` (no detail in English: it is the text)."""
    if lang == "en":
        return {"text": message, "detail": None}
    translated = problem_text(message, lang)
    if translated != message:
        return {"text": translated, "detail": None}
    return {"text": t("editor.problem.invalid", lang), "detail": message}
