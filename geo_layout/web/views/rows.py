"""One record as a page shows it: names looked up by id, a place, enterprise, target or
commitment as a row, a record's citation and note in the page's language. Shared by every
page, so a record reads the same wherever it is listed."""

from __future__ import annotations

from ...data.features import PLACE_COLLECTIONS
from ... import words
from ...errors import NotFound
from ..charts import format_value
from ..i18n import label



def names(store, collection: str, ids, lang: str) -> list[tuple[str, str]]:
    """(id, name) for the ids that exist in ``collection``, in the given order."""
    out = []
    for fid in ids:
        try:
            out.append((fid, store.get(collection, fid).name(lang)))
        except NotFound:
            continue
    return out


def industries(store, ids, lang: str) -> list[str]:
    """The industries' names; an id the plan does not name is shown as it is."""
    by_id = {i.id: i.name.get(lang) for i in store.industries()}
    return [by_id.get(i, i) for i in ids]


def _headings(store, lang: str) -> dict[str, str]:
    return {s.id: s.heading.get(lang) for s in store.sections()}


def citation(store, props: dict, lang: str) -> str:
    """The plan section (by its heading) and paragraph a record cites."""
    section = props.get("citation_section") or ""
    return words.citation(_headings(store, lang).get(section, section),
                          props.get("citation_paragraph"), lang)


def note(store, props: dict, lang: str) -> str | None:
    """A record's note in ``lang``, its references to sections named by their headings."""
    return words.with_section_titles(props.get("note_en" if lang == "en" else "note_zh"),
                                     _headings(store, lang), lang)


def places_of(store, ids) -> list:
    """The parks and sites among ``ids``, in that order; ids that name none are skipped."""
    out = []
    for fid in ids:
        try:
            out.append(store.place(fid))
        except NotFound:
            continue
    return out


def of_elements(store, collection: str, element_ids) -> list:
    """Records of ``collection`` linked to any of ``element_ids``, each once, in element order."""
    seen, out = set(), []
    for eid in element_ids:
        for f in store.query(collection, {"element": eid}).features:
            if f.id not in seen:
                seen.add(f.id)
                out.append(f)
    return out


def pinned(features) -> list:
    """The places a map pins (its text version lists them): all but the unlocated."""
    return [f for f in features if f.properties.get("precision") != "unknown"]


def place_row(store, f, lang: str) -> dict:
    p = f.properties
    return {
        "id": f.id, "collection": f.collection, "name": f.name(lang),
        "kind": label("kind", p.get("kind"), lang),
        "prefecture": names(store, "prefectures", [p["prefecture"]] if p.get("prefecture") else [],
                            lang),
        "county": names(store, "counties", [p["county"]] if p.get("county") else [], lang),
        "precision": p.get("precision"),
        "precision_label": label("precision", p.get("precision"), lang),
    }


def enterprise_row(f, lang: str) -> dict:
    p = f.properties
    element = p["elements"][0] if p.get("elements") else None
    return {"id": f.id, "name": f.name(lang), "role": label("role", p.get("role"), lang),
            "element": element}


def target_row(store, f, lang: str) -> dict:
    p = f.properties
    return {"id": f.id, "name": f.name(lang), "value": format_value(p, lang), "year": p["year"],
            "scope": p.get("scope_en" if lang == "en" else "scope_zh") or "",
            "measure": label("measure", p["measure"], lang),
            "note": note(store, p, lang),
            "citation": citation(store, p, lang)}


def commitment_row(store, c, lang: str) -> dict:
    cite = {"citation_section": c.citation.section, "citation_paragraph": c.citation.paragraph}
    return {"id": c.id, "name": c.name.get(lang), "kind": label("commitment_kind", c.kind, lang),
            "industries": industries(store, c.industries, lang),
            "note": c.note.get(lang) if c.note else None, "citation": citation(store, cite, lang)}


def county_parts(store, feature, lang: str) -> list:
    """(adcode, name, approximate) of an element's counties, in seed order."""
    approximate = {c["adcode"]: c["extent"] == "approximate"
                   for c in feature.properties["counties"]}
    return [(code, name, approximate[code])
            for code, name in names(store, "counties", list(approximate), lang)]
