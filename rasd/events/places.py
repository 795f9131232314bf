"""Where one event happened: the place mentions of the trigger's segment, most specific first,
those attached to the trigger by في / على / ب / قرب first; coordinated towns (على بلدات X و Y و Z)
give one event each; a governorate that only locates a town (X بمحافظة Y) is not a second place."""

from __future__ import annotations

from ..model import Place
from .context import Context, Mention

_KIND_RANK = {"neighbourhood": 0, "neighborhood": 0, "facility": 0, "camp": 1, "village": 1, "town": 1, "city": 1,
              "locality": 1, "capital": 1, "admin3": 2, "admin2": 2, "district": 2, "region": 3, "admin1": 3,
              "governorate": 3, "country": 5}
_GENERIC_BEFORE = ("كما يحدث", "كما يحصل", "كما حدث", "مثل", "على غرار")


def place_rank(p: Place) -> int:
    if p.kind and p.kind in _KIND_RANK:
        return _KIND_RANK[p.kind]
    if p.geo_precision:
        return {1: 1, 2: 2, 3: 3}.get(p.geo_precision, 3)
    return 2


def places_for(ctx: Context, trigger_start: int, trigger_end: int, seg: tuple[int, int]) -> list[Place]:
    """Places of the event: a list of one (or several coordinated towns), possibly empty."""
    s0, s1 = seg
    sent0, sent1 = ctx.sents[ctx.sentence_of(trigger_start)]
    c0, _ = ctx.clause(trigger_start)
    after = [m for m in Context.within(ctx.places, trigger_end, s1) if not _generic(ctx, m)]
    before = [m for m in Context.within(ctx.places, max(c0, s0), trigger_start) if not _generic(ctx, m)]
    pool = after or before
    if not pool:
        # the rest of the sentence, nearest first
        rest = [m for m in Context.within(ctx.places, sent0, sent1) if not _generic(ctx, m)]
        rest.sort(key=lambda m: abs(m.start - trigger_start))
        pool = rest[:3]
    if not pool:
        return []
    pool = _drop_containers(pool)
    best_rank = min(place_rank(m.obj) for m in pool)
    best = [m for m in pool if place_rank(m.obj) == best_rank]
    # coordinated places of the same rank right after the trigger: one event each
    quarter_list = any(w in ctx.text[max(0, best[0].start - 12):best[0].start] for w in ("احياء", "حي ", "حارات", "شوارع"))
    if after and len(best) > 1 and best_rank == 1 and not quarter_list:
        group = [best[0]]
        for m in best[1:]:
            mid = ctx.text[group[-1].end:m.start]
            if len(mid.split()) <= 3 and ("و" in mid or "،" in mid) and not _has_other_place(ctx, group[-1].end, m.start):
                group.append(m)
            else:
                break
        return _unique([m.obj for m in group])
    return [best[0].obj]


def _generic(ctx: Context, m: Mention) -> bool:
    window = ctx.text[max(0, m.start - 25):m.start]
    return any(g in window for g in _GENERIC_BEFORE)


def _has_other_place(ctx: Context, a: int, b: int) -> bool:
    return bool(Context.within(ctx.places, a, b))


def _drop_containers(pool: list[Mention]) -> list[Mention]:
    """Drop a place that contains another place of the pool (Y in 'X بمحافظة Y', the country)."""
    out = []
    for m in pool:
        p = m.obj
        contained = False
        for o in pool:
            q = o.obj
            if q.id == p.id:
                continue
            if place_rank(p) > place_rank(q) and (_contains(p, q)):
                contained = True
                break
        if not contained:
            out.append(m)
    return out or pool


def _contains(big: Place, small: Place) -> bool:
    if big.kind == "country" or place_rank(big) >= 5:
        return True
    names = {n for n in (big.name, big.name_ar) if n}
    return bool(names & {small.admin1, small.admin2}) or place_rank(big) >= 3


def _unique(ps: list[Place]) -> list[Place]:
    seen, out = set(), []
    for p in ps:
        if p.id not in seen:
            seen.add(p.id)
            out.append(p)
    return out
