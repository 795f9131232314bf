"""Where one event happened: the place mentions of the trigger's segment, most specific first,
those attached to the trigger by في / على / ب / قرب first; coordinated towns (على بلدات X و Y و Z)
give one event each; a governorate that only locates a town (X بمحافظة Y) is not a second place."""

from __future__ import annotations

from bisect import bisect_right

from ..model import Place
from .context import Context, Mention

_KIND_RANK = {"neighbourhood": 0, "neighborhood": 0, "facility": 0, "airport": 0, "base": 0, "crossing": 0,
              "port": 0, "hospital": 0, "prison": 0, "oilfield": 0, "dam": 0, "camp": 1, "village": 1, "town": 1, "city": 1,
              "locality": 1, "capital": 1, "admin3": 2, "admin2": 2, "district": 2, "region": 3, "rural_area": 3, "admin1": 3,
              "governorate": 3, "country": 5}
_GENERIC_BEFORE = ("كما يحدث", "كما يحصل", "كما حدث", "مثل", "على غرار")


def place_rank(p: Place) -> int:
    if p.kind and p.kind in _KIND_RANK:
        return _KIND_RANK[p.kind]
    if p.geo_precision:
        return {1: 1, 2: 2, 3: 3}.get(p.geo_precision, 3)
    return 2


def places_for(ctx: Context, trigger_start: int, trigger_end: int, seg: tuple[int, int],
               sentence_rest: bool = True, origin_gives_way: bool = False) -> list[Place]:
    """Places of the event: a list of one (or several coordinated towns), possibly empty.
    sentence_rest=False: only the trigger's own segment/clause (for re-mentions of a told event)."""
    s0, s1 = seg
    sent0, sent1 = ctx.sents[ctx.sentence_of(trigger_start)]
    c0, _ = ctx.clause(trigger_start)
    after = [m for m in Context.within(ctx.places, trigger_end, s1) if usable_place(ctx, m)]
    before = [m for m in Context.within(ctx.places, max(c0, s0), trigger_start) if usable_place(ctx, m)]
    pool = _drop_reference_points(ctx, after) or _drop_reference_points(ctx, before)
    if origin_gives_way:
        pool = drop_origins(ctx, pool)
    if not pool and sentence_rest:
        # the rest of the sentence, nearest first
        rest = [m for m in Context.within(ctx.places, sent0, sent1) if usable_place(ctx, m)]
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
        if len(group) > 1:
            return _unique([m.obj for m in group])
    return [_geocodable(best[0], pool).obj]


def _drop_reference_points(ctx: Context, pool: list[Mention]) -> list[Mention]:
    """'منطقة X جنوب مدينة Y': the relative description right after a named place only locates
    that place (a reference point), it is not a second, vaguer event place."""
    if len(pool) < 2:
        return pool
    out = [pool[0]]
    for prev, m in zip(pool, pool[1:]):
        if m.obj.kind == "relative" and m.obj.anchor and ctx.token_gap(prev.end, m.start) <= 1 \
                and not ctx.breaks_between(prev.end, m.start):
            if out and out[-1] is prev and _far_homonym(prev.obj, m.obj):
                out[-1] = m   # 'حي X غربي بعقوبة' where the gazetteer's X lies in another city: code the anchor
            continue
        out.append(m)
    return out


def _far_homonym(quarter, located) -> bool:
    """A quarter-sized place read far (> 25 km) from the town the text locates it by."""
    if place_rank(quarter) > 0 or None in (quarter.latitude, located.latitude):
        return False
    dlat, dlon = quarter.latitude - located.latitude, quarter.longitude - located.longitude
    return (dlat * dlat + dlon * dlon) ** 0.5 * 111 > 25


_SETTLEMENTS = frozenset({"town", "village", "city", "camp", "locality"})


def _geocodable(pick: Mention, pool: list[Mention]) -> Mention:
    """A name the gazetteer does not know (often a quarter, or a common word read as a place) gives
    way to a known town of the same clause: ACLED codes the nearest place it can locate."""
    if pick.obj.latitude is not None or pick.obj.kind in _SETTLEMENTS:
        return pick
    known = [m for m in pool if m.obj.latitude is not None and place_rank(m.obj) <= 1]
    if not known:
        return pick
    return min(known, key=lambda m: abs(m.start - pick.start))


# Words that make the next name a location ("في إيران", "إلى تشاد", "شمال سوريا").
_LOCATIVE_WORDS = frozenset({"في", "وفي", "الي", "والي", "داخل", "نحو", "باتجاه", "علي", "انحاء", "ارجاء",
                             "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط", "قرب", "حدود"})


def usable_place(ctx: Context, m: Mention) -> bool:
    return (not _generic(ctx, m) and not _country_not_located(ctx, m) and not _quoted_name(ctx, m)
            and not _foreign(ctx, m) and not _destination(ctx, m) and not _venue(ctx, m))


# Nouns of a statement: 'في مؤتمر صحفي في X'، 'في تصريح من X' name where it was said, not where
# the event it is about happened.
_STATEMENT_NOUNS = ("موتمر", "تصريح", "تصريحات", "كلمه", "خطاب", "بيان", "حديث", "لقاء", "اجتماع", "ندوه",
                    "مقابله", "جلسه")


def _venue(ctx: Context, m: Mention) -> bool:
    before = ctx.text[max(0, m.start - 50):m.start].split()[-5:]
    if not before or before[-1] not in ("في", "من", "بمدينه", "بمقر"):
        return False
    return any(w.lstrip("وفب").removeprefix("ال").startswith(_STATEMENT_NOUNS) for w in before[:-1])


def drop_origins(ctx: Context, pool: list[Mention]) -> list[Mention]:
    """'طائرة من قاعدة X قصفت مركبا قبالة Y': the place the strike came from gives way to where it hit."""
    kept = [m for m in pool if not _after_from(ctx.text[max(0, m.start - 24):m.start].split()[-2:])]
    return kept or pool


_LAUNCH_SITES = ("قاعده", "مطار", "ميناء", "مدينه", "منطقه")


def _after_from(prev: list[str]) -> bool:
    return bool(prev) and (prev[-1] in ("من", "انطلاقا") or (len(prev) == 2 and prev[0] == "من" and prev[1] in _LAUNCH_SITES))


# Theatres reported under either code (the West Bank under Israel or Palestine).
_SAME_THEATRE = {"IL": "PS"}


def _theatre(code: str | None) -> str | None:
    return _SAME_THEATRE.get(code, code) if code else code


def _foreign(ctx: Context, m: Mention) -> bool:
    """A gazetteer town of another country than the article's is most often a common word read as a
    place (فإن، هوية، بن) or a town named in passing; it is an event place only when its country is
    named in the same sentence."""
    p = m.obj
    home = ctx.article_country
    if not home or not p.country or len(p.country) != 2 or place_rank(p) >= 5 or not p.resolved:
        return False
    if _theatre(p.country) == _theatre(home):
        return False
    s0, s1 = ctx.sents[ctx.sentence_of(m.start)]
    return not any(o.obj.country == p.country and place_rank(o.obj) >= 3 and o.obj.resolved and o is not m
                   for o in Context.within(ctx.places, s0, s1))


# Words of movement: a place after them and إلى is where someone went, not where the event was.
_MOVEMENT = ("اسعاف", "نقل", "وصل", "وصول", "توجه", "عاد", "عودة", "غادر", "نزح", "فر", "هرب", "لجا", "قادم",
             "انتقل", "سافر", "تحرك", "ارسال", "ارسل", "طريقها", "طريقه", "طريقهم")


def _destination(ctx: Context, m: Mention) -> bool:
    before = ctx.text[max(0, m.start - 40):m.start].split()
    if not before or before[-1] not in ("الي", "والي"):
        return False
    return any(w.lstrip("و").startswith(_MOVEMENT) for w in before[-4:-1])




def _quoted_name(ctx: Context, m: Mention) -> bool:
    """A place name inside a short quoted name is a newspaper, a channel or an operation
    (لـ«الرياض»، «شبكة حلب نيوز»), not where something happened."""
    i = bisect_right(ctx.quoted_names, (m.start, 10 ** 9)) - 1
    return i >= 0 and ctx.quoted_names[i][0] < m.start and m.end <= ctx.quoted_names[i][1]


def _country_not_located(ctx: Context, m: Mention) -> bool:
    """A country named as an actor or a topic ("تشن الولايات المتحدة غارات"، "تورط إيران") is not
    where an event happened: a country is a location only after a locative word or ب/ل."""
    if place_rank(m.obj) < 5:
        return False
    i = m.start
    while i > 0 and ctx.text[i - 1].isalpha() and m.start - i < 4:
        i -= 1
    glued = ctx.text[i:m.start]
    if glued.endswith(("ب", "بال", "لل", "ل")) or glued in ("ب", "وب", "فب"):
        return False
    prev = ctx.text[max(0, i - 12):i].split()
    return not (prev and prev[-1] in _LOCATIVE_WORDS)


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
