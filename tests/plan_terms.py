"""What the tests know of the plans they carry: where the toy plan is, and what names a plan
(for the tests that check nothing of one plan appears in the code or in the other plan)."""

from __future__ import annotations

import re
from pathlib import Path

from geo_layout.data.model import ELEMENT_KINDS

#: The fictional second plan (Ningxia) the tests carry: see tests/fixtures/toy-plan/README.md.
TOY_PLAN = Path(__file__).resolve().parent / "fixtures" / "toy-plan"
#: English words a place name may end with; the name before them is what names the place.
_EN_SUFFIX = re.compile(r"\s+(City|District|County|Prefecture|Province|Autonomous.*)$")


def forbidden_terms(store) -> set[str]:
    """What names this plan: its id, the ids of its layout elements (those that are not merely
    a kind's name), and the names of its province, prefectures and counties (Chinese as
    written, English without "District", "County"...) and its places (not enterprises:
    firms such as Tencent are named in code for what else they are)."""
    terms = {store.plan().id}
    terms |= {f.id for f in store.query("layout-elements").features} - set(ELEMENT_KINDS)
    units = [store.province(), *(store.get("prefectures", f.id) for f in
                                 store.query("prefectures").features)]
    names = [(b.properties["name_zh"], b.properties["name_en"]) for b in units[1:]]
    names.append((store.province().name.zh, store.province().name.en))
    names += [(f.properties["name_zh"], f.properties["name_en"])
              for f in store.query("counties").features]
    for collection in ("parks", "sites"):
        names += [(f.properties["name_zh"], f.properties["name_en"])
                  for f in store.query(collection).features]
    for zh, en in names:
        terms.add(zh)
        terms.add(_EN_SUFFIX.sub("", en))
    return {t for t in terms if len(t) >= 2}


def terms_pattern(terms) -> re.Pattern:
    """One regex finding any of ``terms``: ASCII terms as whole words in any case ("Yun" is
    not in "Yunnan"; "kunming" is "Kunming"), Chinese ones anywhere."""
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile("|".join(rf"(?<![A-Za-z0-9_])(?i:{re.escape(t)})(?![A-Za-z0-9_])"
                               if t.isascii() else re.escape(t) for t in ordered))
