"""The plan itself: how every page names it (title, issuer, when, the reference sentence) and
the targets page (its targets by measure, their charts, and the plan's commitments)."""

from __future__ import annotations

from ..charts import target_charts
from ..i18n import t
from .rows import commitment_row, target_row

#: The targets page's order of measures; others follow.
_MEASURE_ORDER = {"amount": 0, "cluster-size": 1, "growth-rate": 2, "count": 3, "coverage": 4}


def plan_reference(store, lang: str) -> dict:
    """The plan the site shows, as its data names it: title, issuer and when (the issue date
    when the data has one, else the plan period), the reference sentence and the site's
    default description."""
    plan = store.plan()
    title, issuer = plan.title.get(lang), plan.issuer.get(lang)
    period = {"start": plan.period_start, "end": plan.period_end}
    when = (t("plan.issued", lang, date=plan.issued, **period) if plan.issued
            else t("plan.period", lang, **period))
    return {"title": title, "issuer": issuer, "when": when,
            "reference": t("plan.reference", lang, title=title, issuer=issuer, when=when),
            "description": t("share.description", lang, plan=title,
                             formula=_mid_sentence(plan.formula.get(lang), lang)),
            "map_title": plan.map_title.get(lang), "intro": plan.intro.get(lang)}


def _mid_sentence(text: str, lang: str) -> str:
    """An English heading ("One core, ...") as it reads inside a sentence ("one core, ...")."""
    return text[:1].lower() + text[1:] if lang == "en" else text


def targets_page(store, lang: str) -> dict:
    features = sorted(store.query("targets").features,
                      key=lambda f: (_MEASURE_ORDER.get(f.properties["measure"], 9), f.id))
    return {
        "rows": [target_row(store, f, lang) for f in features],
        "charts": target_charts([f.properties for f in features], lang),
        "year": max((f.properties["year"] for f in features), default=store.plan().period_end),
        "commitments": [commitment_row(store, c, lang) for c in store.commitments()],
    }
