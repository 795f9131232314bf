"""A readable, plain-text summary of ArticleRecords (used by `rasd demo`)."""

from __future__ import annotations

from .model import ArticleRecord

_COUNTED = ("events", "places", "actors", "entities", "quotes", "claims", "quantities")


def _short(s: str | None, n: int = 70) -> str:
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def summarize(rec: ArticleRecord) -> str:
    lines = [f"== {rec.id}  {_short(rec.title, 80)}"]
    meta = [x for x in (rec.published and rec.published.isoformat(), rec.outlet) if x]
    if meta:
        lines.append("   " + " | ".join(meta))
    lines.append("   " + ", ".join(f"{k} {len(getattr(rec, k))}" for k in _COUNTED))
    for e in rec.events:
        where = e.location or e.admin1 or e.country or "?"
        actors = " vs ".join(a for a in (e.actor1, e.actor2) if a) or "?"
        when = e.event_date.isoformat() if e.event_date else (e.date_expression or "?")
        lines.append(f"   event    {e.event_type} / {e.sub_event_type} | {when} | {where} | {actors} | fatalities {e.fatalities}")
    for p in rec.places:
        lines.append(f"   place    {p.name_ar} ({p.name or '?'}, {p.country or '?'}) {p.kind or ''}".rstrip())
    for a in rec.actors:
        lines.append(f"   actor    {a.name} ({a.name_ar or '?'}) inter={a.inter if a.inter is not None else '?'}")
    if not rec.actors:
        for ent in rec.entities[:8]:
            lines.append(f"   entity   {ent.type} {ent.text}")
    for q in rec.quotes:
        mark = "«»" if q.direct else "~"
        lines.append(f"   quote    {q.speaker or '?'} {mark} {_short(q.text)}")
    for c in rec.claims:
        lines.append(f"   claim    {c.claimant or '?'} {c.stance} {c.relation} {c.object or ''}".rstrip())
    for q in rec.quantities:
        extra = f" ({q.qualifier})" if q.qualifier and q.qualifier != "exact" else ""
        extra += " vague" if q.vague else ""
        lines.append(f"   quantity {q.text} = {q.value}{extra}")
    for err in rec.errors:
        lines.append(f"   error    [{err.stage}] {_short(err.message, 100)}")
    return "\n".join(lines)


def summarize_all(records: list[ArticleRecord]) -> str:
    parts = [summarize(r) for r in records]
    totals = {k: sum(len(getattr(r, k)) for r in records) for k in _COUNTED}
    parts.append(f"-- {len(records)} articles: " + ", ".join(f"{k} {v}" for k, v in totals.items()))
    return "\n\n".join(parts)
