"""Casualty figures: a killed/injured word with its count (a quantity next to it, or the noun
itself: قتيل = 1, قتيلين = 2, مقتل طفلين = 2), whose dead they are (من عناصر X، مدنيين), who
reported them, and whether they are a subset (بينهم طفل) or a cumulative total (حصيلة، منذ بداية…)
that no single event may take."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..model import FatalityClaim, Span
from .context import Context, Mention
from .lexicon import Hit
from .roles import CIVILIANS

# Singular / dual person nouns right after a casualty masdar (مقتل طفل، مقتل جنديين).
_SINGULAR = frozenset({"شخص", "طفل", "طفله", "مدني", "جندي", "عنصر", "مقاتل", "امراه", "رجل", "شاب", "ضابط",
                       "شرطي", "مسلح", "سيده", "مواطن", "عسكري", "فتي", "فتاه", "صحفي", "قيادي", "قائد", "مسن",
                       "معتقل", "ناشط", "مدنيا", "عامل", "فلسطيني", "سوري", "عراقي", "يمني"})
_DUAL = frozenset({"شخصين", "طفلين", "جنديين", "عنصرين", "ضابطين", "شرطيين", "رجلين", "شابين", "امراتين",
                   "طفلتين", "مسلحين_dual", "مواطنين_dual", "شقيقين", "مقاتلين_dual", "صحفيين_dual", "قياديين"})
_PREFIX_STRIP = ("و", "ف", "ب", "ل")
_WORD = regex.compile(r"\p{L}+")


@dataclass
class Casualty:
    claim: FatalityClaim
    start: int          # normalised span of the figure
    end: int
    total: bool = False
    subset: bool = False
    combined: bool = False


def extract_casualties(ctx: Context) -> list[Casualty]:
    out: list[Casualty] = []
    used_q: set[int] = set()
    doc = ctx.doc
    cas_hits = ctx.kind("cas")
    for i, c in enumerate(cas_hits):
        value = low = high = None
        qual = None
        q = None
        span = (c.start, c.end)
        if "n1" in c.flags or "n2" in c.flags:
            value = low = high = 1 if "n1" in c.flags else 2
            qual = "exact"
            qb = _quantity_before(ctx, c, 1)
            if qb is not None:   # "10 قتيل" / "13 جريحا": the number counts, not the noun
                q = qb
        else:
            nounish = c.form.startswith(("قتلي", "القتلي", "جرحي", "الجرحي", "شهداء", "ضحايا", "مصابين", "جثث", "قتيل", "جريح"))
            q = _quantity_before(ctx, c, 2) if nounish else (_quantity_after(ctx, c, 3) or _quantity_before(ctx, c, 1))
            if q is None and not nounish:
                value = _counted_noun(ctx, c)
                if value is not None:
                    low = high = value
                    qual = "exact"
        if q is not None:
            if id(q) in used_q:
                # the same figure read twice (قتل وجرح 10): keep only the first reading
                continue
            used_q.add(id(q))
            quant = q.obj
            value, low, high, qual = quant.value, quant.low, quant.high, quant.qualifier
            if low is None and qual in ("at_least", "more_than"):
                low = value
            span = (min(q.start, c.start), max(q.end, c.end))
        if value is None:
            continue
        combined = _combined_with_other_kind(ctx, cas_hits, i)
        side = _side(ctx, span[1])
        s, e = doc.norm.to_original(*span)
        claim = FatalityClaim(kind=c.label, value=value, low=low if low is not None else value,
                              high=high if high is not None else value, qualifier=qual, side=side,
                              source=_source(ctx, c.start), span=Span(start=s, end=e, text=doc.text[s:e]))
        out.append(Casualty(claim, span[0], span[1], total=_is_total(ctx, c, span[0]),
                            subset=_is_subset(ctx, span[0]), combined=combined))
    return out


def _quantity_before(ctx: Context, c: Hit, max_gap: int) -> Mention | None:
    cands = Context.within(ctx.quantities, max(0, c.start - 60), c.start)
    if not cands:
        return None
    q = cands[-1]
    if q.end <= c.start and ctx.token_gap(q.end, c.start) <= max_gap - 1 and not ctx.breaks_between(q.end, c.start):
        return q
    return None


def _quantity_after(ctx: Context, c: Hit, max_gap: int) -> Mention | None:
    for q in Context.within(ctx.quantities, c.end, c.end + 60):
        if ctx.token_gap(c.end, q.start) <= max_gap and not ctx.breaks_between(c.end, q.start):
            # a figure that is itself followed by its own casualty noun belongs to that noun
            nxt = [h for h in ctx.kind("cas", q.end, q.end + 20) if ctx.token_gap(q.end, h.start) == 0]
            if nxt:
                return None
            return q
        break
    return None


def _counted_noun(ctx: Context, c: Hit) -> int | None:
    words = _WORD.findall(ctx.text, c.end, c.end + 40)[:3]
    for w in words[:2]:
        stem = w
        for p in _PREFIX_STRIP:
            if stem.startswith(p) and stem[1:] in _SINGULAR | _DUAL:
                stem = stem[1:]
        if stem.startswith("ال"):
            stem = stem[2:]
        if stem in _DUAL:
            return 2
        if stem in _SINGULAR:
            return 1
        if w in ("خلال", "في", "جراء", "اثر", "امس", "اليوم"):
            break
    return None


def _combined_with_other_kind(ctx: Context, hits: list[Hit], i: int) -> bool:
    """مقتل وإصابة 10 أشخاص / عشرات القتلى والجرحى: one figure for killed and injured together."""
    c = hits[i]
    for j in (i - 1, i + 1):
        if 0 <= j < len(hits) and hits[j].label != c.label:
            o = hits[j]
            a, b = (o, c) if o.start < c.start else (c, o)
            if ctx.token_gap(a.end, b.start) == 0 and ctx.text[b.start:b.start + 1] == "و":
                return True
    return False


def _side(ctx: Context, after: int) -> str | None:
    """Whose casualties: 'من (عناصر|صفوف) X' or 'X' right after the figure, or civilians."""
    window_end = after + 45
    for m in Context.within(ctx.actors, after, window_end):
        mid = ctx.text[after:m.start].split()
        if len(mid) <= 3 and (not mid or mid[-1] in ("من", "عناصر", "صفوف", "مقاتلي", "افراد", "جنود", "قوات") or
                              "من" in mid):
            return m.obj.name
        break
    for h in ctx.kind("civ", after, window_end):
        if ctx.token_gap(after, h.start) <= 1:
            return CIVILIANS.name
        break
    return None


def _is_total(ctx: Context, c: Hit, start: int) -> bool:
    c0, _ = ctx.clause(c.start)
    s0 = ctx.sents[ctx.sentence_of(c.start)][0]
    for t in ctx.kind("total", max(s0, c0 - 40), c.end + 40):
        if t.end <= start and ctx.token_gap(t.end, start) <= 10:
            return True
        if t.start >= c.end and ctx.token_gap(c.end, t.start) <= 4:
            return True
    return False


def _is_subset(ctx: Context, start: int) -> bool:
    for t in ctx.kind("subset", max(0, start - 30), start):
        if ctx.token_gap(t.end, start) <= 1:
            return True
    return False


def _source(ctx: Context, pos: int) -> str | None:
    for m in ctx.sources:
        if m.start <= pos < m.end:
            return m.obj.source
    return ctx.doc.article.outlet
