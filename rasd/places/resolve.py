"""Choose one gazetteer candidate per recognised name, and build the article's Place records.

Evidence used, per candidate (scores add up; the best wins):
  prior        population (log), curated/admin1/country layer, Arab-world focus (gazetteer.py);
  country      share of the article's country votes (country names x2, demonyms, names with a single
               candidate country) — the article's main country pulls ambiguous names home;
  admin1       an admin area named in the same sentence ("حي الخالدية في حمص") or elsewhere in the article;
  trigger      the kind a trigger noun announces (محافظة → admin1, حي → neighbourhood, مخيم → camp…);
  proximity    distance to the places picked for the other mentions (same sentence counts most).
Two passes: the second adds proximity to the first pass' picks.

Precision (ACLED): the place's own kind (town 1, district 2, governorate/region/country 3); a relative
description ("شمال مدينة X", "ريف X الشمالي", "قرب X") gets the anchor's coordinates with
precision 2 (3 when the anchor is itself a region); a place known without coordinates borrows those
of a same-sentence place in the same country (precision 2) or of its admin1 (precision 3).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass

import numpy as np
import regex

from ..model import Place, Span
from ..text.normalize import normalize_word
from .gazetteer import FOCUS_COUNTRIES, PLAIN, Gazetteer, GazPlace, km
from .recognize import TRIGGERS, NameMention, Recognition

_TRIGGER_KIND_BONUS = {
    "admin1": {"admin1": 4.0, "city": -1.5, "town": -1.5, "village": -1.5},
    "city": {"city": 1.0, "town": 0.8, "admin1": -2.0, "country": -3.0},
    "town": {"town": 1.0, "village": 0.8, "city": 0.3, "admin1": -2.0, "country": -3.0},
    "village": {"village": 1.0, "town": 0.6, "admin1": -2.0, "country": -3.0},
    "neighbourhood": {"neighbourhood": 2.0, "admin1": -2.0, "country": -3.0},
    "camp": {"camp": 2.0, "admin1": -2.0},
    "airport": {"airport": 2.0, "base": 1.0},
    "base": {"base": 2.0, "airport": 1.0},
    "crossing": {"crossing": 2.0},
    "district": {"district": 2.0, "subdistrict": 1.0, "admin1": -1.0},
    "subdistrict": {"subdistrict": 2.0, "district": 1.0, "admin1": -1.0},
    "rural_area": {"rural_area": 1.0, "country": -3.0},
}


@dataclass
class _Resolved:
    mention: NameMention
    start: int
    end: int
    sent: int | None
    cand: GazPlace | None = None
    score: float = 0.0
    margin: float = 0.0
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None
    borrowed: bool = False


def mention_vote(m: NameMention, gaz: Gazetteer, accepted: bool = True) -> tuple[str | None, float]:
    """The country a mention votes for: country names x2, names whose candidates share one country x1."""
    if not m.known:
        return None, 0.0
    return _key_vote(gaz, m.key, accepted)


def _key_vote(gaz: Gazetteer, key: str, accepted: bool) -> tuple[str | None, float]:
    cache = gaz.__dict__.setdefault("_vote_cache", {})
    got = cache.get((key, accepted))
    if got is None:
        got = cache[(key, accepted)] = _compute_vote(gaz, key, accepted)
    return got


def _compute_vote(gaz: Gazetteer, key: str, accepted: bool) -> tuple[str | None, float]:
    cands = gaz.candidates(key)
    countries = {c.country for c in cands if c.country}
    if len(countries) != 1:
        return None, 0.0
    is_country = any(c.kind == "country" for c in cands)
    if not accepted and not is_country:
        return None, 0.0
    return next(iter(countries)), 2.0 if is_country else 1.0


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])  # validating is faster than model_construct here


# Nouns that make the demonym after them an actor's nationality, not where things happen:
# "القوات الإسرائيلية" in a West Bank article, "الطائرات الروسية" over Idlib.
_ACTOR_NOUNS = frozenset(normalize_word(w) for w in (
    "القوات قوات الجيش جيش الشرطة شرطة الطائرات طائرات الطيران طيران الاحتلال الحكومة حكومة السلطات سلطات "
    "المسؤولين مسؤولين المسؤول مسؤول الوزير وزير وزارة الوزارة الرئيس رئيس الزوارق البحرية المدفعية الدبابات "
    "المقاتلات الجنود جنود الأمن الامن أجهزة اجهزة المخابرات الاستخبارات الخارجية الدفاع السفارة السفير"
).split())
_ACTOR_DEMONYM_WEIGHT = 0.25


def country_votes(rec: Recognition, gaz: Gazetteer, norm_text: str | None = None) -> dict[str, float]:
    votes: dict[str, float] = {}
    cache: dict[tuple[str, bool], tuple[str | None, float]] = {}
    for m, ok in [*((m, True) for m in rec.names), *((m, False) for m in rec.rejected)]:
        k = (m.key, ok and m.known)
        if k not in cache:
            cache[k] = mention_vote(m, gaz, ok)
        cc, w = cache[k]
        if cc:
            votes[cc] = votes.get(cc, 0.0) + w
    for ds, _e, cc in rec.demonyms:
        w = 1.0
        if norm_text is not None and ds > 2 and norm_text[ds - 1] == " ":
            prev = norm_text[max(0, ds - 14):ds - 1].rpartition(" ")[2]
            if prev in _ACTOR_NOUNS or prev[1:] in _ACTOR_NOUNS and prev[:1] in "وفل":
                w = _ACTOR_DEMONYM_WEIGHT
        votes[cc] = votes.get(cc, 0.0) + w
    return votes


def resolve(doc, rec: Recognition, gaz: Gazetteer) -> tuple[list[Place], list[tuple[int, int, str]]]:
    to_orig = doc.norm.to_original
    items: list[_Resolved] = []
    sent_starts, sent_ends = doc.sent_starts.tolist(), doc.sent_ends.tolist()
    for m in rec.names:
        s, e = to_orig(m.nstart, m.nend)
        si = bisect_right(sent_starts, s) - 1
        items.append(_Resolved(m, s, e, si if si >= 0 and s < sent_ends[si] else None))
    votes = country_votes(rec, gaz, doc.norm.text)
    total = sum(votes.values()) or 1.0
    share = {cc: v / total for cc, v in votes.items()}
    main_country = max(votes, key=votes.get) if votes else None

    # Admin areas named in the article (by sentence), to pull ambiguous names into them.
    # (the name's own admin1 reading does not count: "حلب" must not pull the city حلب into Aleppo twice)
    admin_by_sent: dict[int | None, dict[tuple[str, str], set[str]]] = {}
    admin_all: dict[tuple[str, str], set[str]] = {}
    for it in items:
        if not it.mention.known:
            continue
        for c in gaz.candidates(it.mention.key):
            if c.kind == "admin1" and c.country and c.admin1:
                admin_by_sent.setdefault(it.sent, {}).setdefault((c.country, c.admin1), set()).add(it.mention.key)
                admin_all.setdefault((c.country, c.admin1), set()).add(it.mention.key)
    no_keys: set[str] = set()

    for rnd in range(2):
        if rnd:
            pick_items = [it for it in items if it.cand is not None and it.cand.has_coords]
            if not pick_items:
                break
            plat = np.radians(np.array([it.cand.lat for it in pick_items]))[None, :]
            plon = np.radians(np.array([it.cand.lon for it in pick_items]))[None, :]
            psent = np.array([-1 if it.sent is None else it.sent for it in pick_items])
            pid_num: dict[str, int] = {}
            pids = np.array([pid_num.setdefault(it.cand.pid, len(pid_num)) for it in pick_items])
        for it in items:
            if not it.mention.known:
                continue
            cands = gaz.candidates(it.mention.key)
            if not cands:
                continue
            if len(cands) == 1:
                it.cand, it.score, it.margin = cands[0], cands[0].prior, 5.0
                continue
            if rnd and it.margin > _MAX_NEAR_BONUS:
                continue  # proximity adds at most _MAX_NEAR_BONUS to any candidate: the pick cannot change
            trig_kind = _trigger_kind(it.mention)
            trig_bonus = _TRIGGER_KIND_BONUS.get(trig_kind, {}) if trig_kind else None
            near = _proximity(gaz, it, plat, plon, psent, pids, pid_num) if rnd else None
            scored = []
            for j, c in enumerate(cands):
                sc = c.prior
                if c.country:
                    sc += 4.0 * share.get(c.country, 0.0) + (0.5 if c.country in share else 0.0)
                    if c.country == main_country:
                        sc += 1.0
                if c.admin1 and c.country and c.kind != "admin1":
                    ak = (c.country, c.admin1)
                    if admin_by_sent.get(it.sent, {}).get(ak, no_keys) - {it.mention.key}:
                        sc += 3.0
                    elif admin_all.get(ak, no_keys) - {it.mention.key}:
                        sc += 1.0
                if trig_bonus is not None:
                    sc += trig_bonus.get(c.kind, 0.0)
                elif c.kind == "admin1":
                    sc -= 0.5
                elif c.kind == "country":
                    sc += 5.0  # a bare country name is the country, not a namesake village (إيران ≠ Iraan)
                if near is not None:
                    sc += near[j]
                scored.append((sc, j, c))
            scored.sort(key=lambda t: (-t[0], t[1]))
            it.score, _, it.cand = scored[0]
            it.margin = scored[0][0] - scored[1][0]

    key_votes: dict[str, float] = {}
    vote_of: dict[str, tuple[str | None, float]] = {}
    for it in items:
        if it.mention.key not in vote_of:
            vote_of[it.mention.key] = mention_vote(it.mention, gaz)
        cc, w = vote_of[it.mention.key]
        if it.cand is not None and cc == it.cand.country:
            key_votes[it.mention.key] = key_votes.get(it.mention.key, 0.0) + w
    kept = []
    verdicts = [_context_check(it, votes, key_votes, main_country, gaz) for it in items]
    backed = {it.cand.pid for it, v in zip(items, verdicts) if v == "keep" and it.cand is not None}
    for it, verdict in zip(items, verdicts):
        if verdict == "drop" and it.cand is not None and it.cand.pid in backed:
            verdict = "keep"  # another mention of the same place has the context this one lacks
        if verdict == "drop":
            continue
        if verdict == "unresolve":
            it.cand = None
        kept.append(it)
    items = kept
    _place_coords(items, gaz)
    return _build_places(doc, items, main_country, rec.demonyms)


def _context_check(it: _Resolved, votes: dict[str, float], key_votes: dict[str, float],
                   main_country: str | None, gaz: Gazetteer | None = None) -> str:
    """'keep', 'drop' or 'unresolve' a pick whose country nothing else in the article points to.

    Such a pick is most likely a word that happens to name a place somewhere (فان، طراز، الصدر):
    it is dropped unless a trigger/relation word or a locative preposition with a big city backs it.
    A triggered name whose only reading is a small place far from the article's country is kept as
    an unresolved name ("قرية X" is a place, just not that one).
    """
    c, m = it.cand, it.mention
    if c is None or c.kind == "country":
        return "keep"
    if m.trigger and main_country and c.country != main_country and \
            _trigger_kind(m) == "neighbourhood" and c.kind != "neighbourhood":
        return "unresolve"  # "حي X" in an article about another country is not that country's town X
    support = votes.get(c.country, 0.0) - key_votes.get(m.key, 0.0)  # other names only
    if support > 0.0:
        return "keep"
    if m.trigger or m.relation or m.coordinated:
        # A small place of another country that no other name of the article supports is a namesake
        # ("بلدة X" in a Nigerian article is not the Palestinian X). Arab-world/curated places get the
        # benefit of the doubt only while the article's own country is weakly established, and never
        # neighbourhoods (a quarter is named with its city: "حي X في Y").
        if main_country and c.country != main_country and c.population < 100_000 and (
                (c.country not in FOCUS_COUNTRIES and c.source != "curated")
                or votes.get(main_country, 0.0) >= 2.0 or c.kind == "neighbourhood"):
            return "unresolve"
        return "keep" if (m.trigger or c.kind != "admin1") else "drop"
    if c.kind == "admin1":
        # a governorate written where a place goes ("في الأنبار"), or in an article that names no
        # other country, is that governorate; bare in a foreign article it is a word (الشمال، الوسطى)
        # (only a name that is no common word: "بالعاصمة الرياض" is not the Capital Governorate)
        if gaz is not None and gaz.level(m.key) != PLAIN:
            return "drop"
        foreign = any(v > 0 for cc, v in votes.items() if cc != c.country)
        return "keep" if m.extra.get("locative") or not foreign else "drop"
    if c.population >= 1_000_000:
        return "keep"
    if m.extra.get("locative") and (c.population >= 100_000 or c.source == "curated"):
        return "keep"
    return "drop"


_MAX_NEAR_BONUS = 2.5


def _trigger_kind(m: NameMention) -> str | None:
    return TRIGGERS.get(m.trigger) if m.trigger else None


def _proximity(gaz: Gazetteer, it: _Resolved, plat, plon, psent, pids, pid_num) -> list[float]:
    """Bonus per candidate for lying near the places picked for the other mentions (vectorised)."""
    own = pid_num.get(it.cand.pid, -1) if it.cand is not None else -1
    lat, lon, coslat = gaz.cand_coords(it.mention.key)
    # Equirectangular distance: exact enough below a few hundred km.
    d = 6371.0 * np.hypot(plat - lat, (plon - lon) * coslat)
    d[(d < 0.01) | (pids == own)[None, :]] = np.inf  # the same spot / own pick is not context
    same = psent == (-1 if it.sent is None else it.sent)
    # NaN distances (no coordinates) compare False: no bonus.
    b = np.where(d < 30, np.where(same, _MAX_NEAR_BONUS, 1.0), np.where(d < 120, np.where(same, 1.0, 0.4), 0.0))
    return b.max(axis=1).tolist()


def _place_coords(items: list[_Resolved], gaz: Gazetteer) -> None:
    for it in items:
        c = it.cand
        if c is None:
            continue
        it.precision = c.precision
        if _trigger_kind(it.mention) == "admin1" and c.kind not in ("admin1", "region", "country"):
            # "ولاية X" / "إقليم X" with no admin1 row for X: the event is known at province level,
            # which ACLED codes with precision 3 (the town's coordinates stand for the province)
            it.precision = 3
        if c.has_coords:
            it.lat, it.lon = c.lat, c.lon
            continue
        # Known name without coordinates: borrow the nearest (in the text) same-sentence place of the
        # same country, else the admin1 centroid.
        best = None
        for other in items:
            o = other.cand
            if o is not None and o is not c and o.has_coords and other.sent == it.sent and o.country == c.country \
                    and o.kind not in ("country", "admin1"):
                gap = abs(other.start - it.start)
                if best is None or gap < best[0]:
                    best = (gap, o)
        if best is not None:
            o = best[1]
            it.lat, it.lon, it.precision, it.borrowed = o.lat, o.lon, 2, True
        else:
            ai = gaz.admin1_place.get((c.country, c.admin1)) if c.country and c.admin1 else None
            if ai is not None and gaz.places[ai].has_coords:
                a = gaz.places[ai]
                it.lat, it.lon, it.precision, it.borrowed = a.lat, a.lon, 3, True


# One adjective word between a name and its relative description ("مرفأ X البحري غربي Y").
_GAP_ADJECTIVE = regex.compile(r"[ ،,]*(?:ال\p{L}+(?:ي|يه)[ ،,]+)?$")
# Containment words before the second name ("X في Y"، "X التابعة لـY"): with a ب- proclitic too.
_IN_GAP = regex.compile(r"^[ ،,]*(?:(?P<w>في|داخل|ضمن|التابعه|التابع) +)?(?P<cl>ب|ل)?$")
_LOCAL_KINDS = frozenset(("city", "town", "village", "district", "subdistrict", "rural_area", "neighbourhood",
                          "camp", "base", "airport", "valley", "mountain", "plain"))


def _relative_anchor(norm_text: str, items: list[_Resolved], it: _Resolved) -> tuple[_Resolved, str, int] | None:
    """What locates a name the gazetteer does not know, from the words right after it:
    a relative description ("منطقة X جنوب Y"، "مرفأ X البحري غربي Y") or a containing place
    ("قرية X في Y"، "جرود X بمنطقة Y"، "X التابعة لمديرية Y"). Returns (anchor, relation, precision):
    precision 2 for a town/district anchor, 3 for a region/governorate (ACLED), none for a country."""
    i = items.index(it)
    if i + 1 >= len(items):
        return None
    nxt = items[i + 1]
    m = nxt.mention
    if nxt.cand is None or nxt.lat is None or nxt.sent != it.sent or nxt.cand.kind == "country":
        return None
    local = nxt.cand.kind in _LOCAL_KINDS
    if m.relation and m.relation != "between" and m.relation_start is not None:
        if not _GAP_ADJECTIVE.match(norm_text, it.mention.nend, m.relation_start) or not local:
            return None  # "X شمال سوريا" locates nothing
        return nxt, m.relation, 2
    if m.relation:
        return None
    head = m.trigger_start if m.trigger_start is not None else m.nstart - len(m.prefix)
    g = _IN_GAP.match(norm_text[it.mention.nend:head]) if 0 < head - it.mention.nend <= 24 else None
    if g is None:
        return None
    word, clitic = g.group("w"), g.group("cl")
    inside = (word and (clitic != "ل" or word.startswith("التابع"))) or clitic == "ب" \
        or (m.trigger_start is None and "ب" in m.prefix)
    if not inside:
        return None
    return nxt, "in", 2 if local else 3


def _anchor(p: Place, anchor: tuple[_Resolved, str, int]) -> None:
    """The anchor's coordinates with its precision; the place keeps its own name and points to its
    anchor (relation, anchor); source "anchored"."""
    nxt, relation, precision = anchor
    c = nxt.cand
    p.latitude, p.longitude, p.geo_precision = nxt.lat, nxt.lon, precision
    p.relation, p.anchor, p.resolved, p.source = relation, c.pid, True, "anchored"
    p.country, p.admin1 = c.country, c.admin1
    p.confidence = 0.4
    if p.kind in (None, "region") and precision == 2:
        p.kind = "locality"  # a place located by a town is a small place, not a region


def _unresolved_country(items: list[_Resolved], it: _Resolved, main_country: str | None,
                        demonyms) -> tuple[str | None, str | None]:
    """Country and admin1 of a name the gazetteer does not know.

    The article's country, unless the sentence places the name elsewhere explicitly: a demonym right
    after it ("بلدة X الكاميرونية") or a country written where a place goes ("في الكاميرون"،
    "بالكاميرون"). A country merely mentioned nearby ("قرب الحدود مع الكاميرون") does not count.
    The admin1 comes from a same-sentence place of that country.
    """
    m = it.mention
    cc = None
    for ds, _de, dcc in demonyms:
        if 0 < ds - m.nend <= 2:
            cc = dcc
            break
    if cc is None:
        for other in items:
            o = other.cand
            if o is not None and o.kind == "country" and other.sent == it.sent and other is not it \
                    and other.mention.extra.get("locative"):
                cc = o.country
                break
    if cc is None:
        cc = main_country
    ctx = _context_place(items, it, cc)
    if cc is None:
        return (ctx.country, ctx.admin1) if ctx else (None, None)
    return cc, (ctx.admin1 if ctx is not None and ctx.country == cc else None)


def _context_place(items: list[_Resolved], it: _Resolved, country: str | None = None) -> GazPlace | None:
    """Nearest (in the text) resolved place of the same sentence (of `country` when given): an
    unresolved name takes its country and admin1 (not its coordinates)."""
    best = None
    for other in items:
        o = other.cand
        if o is None or other.sent != it.sent or o.kind == "country" and best is not None \
                or country is not None and o.country != country:
            continue
        gap = abs(other.start - it.start)
        if best is None or gap < best[0] or best[1].kind == "country":
            best = (gap, o)
    return best[1] if best else None


def _confidence(it: _Resolved) -> float:
    if it.cand is None:
        return 0.2
    conf = 1.0 / (1.0 + math.exp(-min(it.margin, 20.0)))
    if it.mention.article_prefix:
        conf *= 0.8
    if it.borrowed:
        conf *= 0.8
    return round(min(0.99, conf), 3)


def _build_places(doc, items: list[_Resolved], main_country: str | None = None,
                  demonyms=()) -> tuple[list[Place], list[tuple[int, int, str]]]:
    places: dict[str, Place] = {}
    mentions: list[tuple[int, int, str]] = []
    id_of: list[str] = []
    for it in items:
        c = it.cand
        span = _span(doc.text, it.start, it.end)
        if c is None:
            anchor = _relative_anchor(doc.norm.text, items, it)
            pid = f"{'anchored' if anchor else 'unresolved'}:{it.mention.key}"
            p = places.get(pid)
            if p is None:
                cc, a1 = _unresolved_country(items, it, main_country, demonyms)
                trig = it.mention.trigger or it.mention.extra.get("trigger") or ""
                p = places[pid] = Place(id=pid, name_ar=span.text, kind=TRIGGERS.get(trig), resolved=False,
                                        confidence=0.2, source=None, country=cc, admin1=a1)
                if anchor is not None:
                    _anchor(p, anchor)
        else:
            pid = c.pid
            p = places.get(pid)
            if p is None:
                name_ar = c.name_ar if c.source in ("curated", "admin1", "country") else span.text
                p = places[pid] = Place(
                    id=pid, name=c.name_en, name_ar=name_ar, geonameid=c.geonameid, latitude=it.lat,
                    longitude=it.lon, country=c.country, admin1=c.admin1 if c.kind != "country" else None,
                    admin2=c.admin2, kind=c.kind, geo_precision=it.precision, resolved=it.lat is not None,
                    confidence=_confidence(it), source=c.source,
                )
            else:
                p.confidence = max(p.confidence, _confidence(it))
        p.mentions.append(span)
        mentions.append((it.start, it.end, pid))
        id_of.append(pid)
    for i, it in enumerate(items):
        m = it.mention
        if not m.relation:
            continue
        rel_place = _relative_place(doc, items, i, id_of, places)
        if rel_place is None:
            continue
        p = places.get(rel_place.id)
        if p is None:
            places[rel_place.id] = p = rel_place
        else:
            p.mentions.extend(rel_place.mentions)
        sp = rel_place.mentions[0]
        mentions.append((sp.start, sp.end, rel_place.id))
    mentions.sort(key=lambda t: (t[0], -t[1]))
    out = list(places.values())
    for p in out:
        p.evidence = list(p.mentions)
    return out, mentions


_REL_EN = {"countryside_of": "countryside of", "highlands_of": "highlands of", "outskirts_of": "outskirts of",
           "around": "around", "near": "near", "between": "between", "centre_of": "centre of"}


def _relative_place(doc, items: list[_Resolved], i: int, id_of: list[str], places: dict[str, Place]) -> Place | None:
    it = items[i]
    m = it.mention
    anchor_id = id_of[i]
    anchor = places[anchor_id]
    start, _ = doc.norm.to_original(m.relation_start, m.relation_start + 1)
    end = it.end
    if m.relation_end:
        end = doc.norm.to_original(m.relation_end - 1, m.relation_end)[1]
    lat, lon = anchor.latitude, anchor.longitude
    second = None
    if m.relation == "between" and i + 1 < len(items) and items[i + 1].mention.coordinated:
        second = places[id_of[i + 1]]
        end = items[i + 1].end
        if lat is not None and second.latitude is not None:
            lat, lon = (lat + second.latitude) / 2, (lon + second.longitude) / 2
    prec = anchor.geo_precision
    if prec is not None and m.relation != "centre_of":
        prec = max(2, prec)
    rel = m.relation
    en = rel.replace("_of", " of").replace("_", " ")
    for k, v in _REL_EN.items():
        if rel.endswith(k):
            en = rel[: -len(k)].replace("_", " ") + v
    name = f"{en} {anchor.name or anchor.name_ar}" + (f" and {second.name or second.name_ar}" if second else "")
    rid = f"rel:{rel}:{anchor_id}" + (f":{id_of[i + 1]}" if second else "")
    span = _span(doc.text, start, end)
    return Place(
        id=rid, name=name, name_ar=span.text, geonameid=None, latitude=lat, longitude=lon,
        country=anchor.country, admin1=anchor.admin1, admin2=anchor.admin2, kind="relative",
        geo_precision=prec, relation=rel, anchor=anchor_id, resolved=anchor.resolved,
        confidence=round(anchor.confidence * 0.9, 3), source=anchor.source, mentions=[span],
    )
