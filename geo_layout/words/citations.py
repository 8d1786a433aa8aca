"""Citations of the plan's sections said in words: a section is named by its heading, never by
the slug the data files use to refer to it ("xinchuang-park")."""

from __future__ import annotations

import re
from typing import Mapping

from .catalogue import STRINGS


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "zh"


def quoted(heading: str, lang: str) -> str:
    """A heading in the language's quotation marks (unless it brings its own): straight ones
    in English, since CJK fonts draw “ ” full-width."""
    if heading.startswith(("“", '"', "《")):
        return heading
    return f'"{heading}"' if _lang(lang) == "en" else f"“{heading}”"


def citation(heading: str, paragraph: int | None, lang: str) -> str:
    """'Section “Layout”, paragraph 2' / '“…”一节第 2 段'."""
    key = "citation" if paragraph else "citation.section"
    return STRINGS[key][_lang(lang)].format(section=quoted(heading, lang), paragraph=paragraph)


_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"


def with_section_titles(text: str | None, headings: Mapping[str, str], lang: str) -> str | None:
    """A note with every "section <slug>" (and, in Chinese, any bare hyphenated slug) of a
    known section replaced by the section's quoted heading; other text untouched."""
    if not text or not headings:
        return text

    def section(match: re.Match) -> str:
        slug = match.group(2)
        if slug not in headings:
            return match.group(0)
        return f"{match.group(1)} {quoted(headings[slug], lang)}"

    text = re.sub(rf"\b([Ss]ection) ({_SLUG})\b", section, text)
    return re.sub(rf"(?<![\w-])({_SLUG}-{_SLUG})(?![\w-])",
                  lambda m: quoted(headings[m.group(1)], lang) if m.group(1) in headings
                  else m.group(0), text)
