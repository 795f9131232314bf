"""The article's country (theatre) and per-paragraph overrides: where the events most likely happen.

Generic descriptors (الجيش، مدنيون، طيران التحالف) mean different actors in Syria and in Yemen, so
the actors stage (and any later stage) needs a country. Votes, in order of weight: resolved places
(doc.places), country names and nisba adjectives in the text (سوريا، السورية), descriptors with a
fixed country (الجيش العراقي) and actors that belong to a country (الحوثيين -> YE). The title and
first lines count double; external powers (US, Russia, Iran…) count half, since they are more often
talked about than fought in.

Occupied Palestinian territory: Israeli forces, settlers and "الاحتلال" vote IL, but when the places
lie in Gaza / the West Bank (PS) at least as often as in Israel, the theatre is PS (ACLED codes
events there under Palestine).

Per paragraph: a Yemen article may carry a paragraph about Iraq. `country_spans` votes again inside
each paragraph (each sentence when the article has no paragraph breaks) from explicit evidence only,
and overrides the article's country where another country clearly dominates that stretch.
`country_at(doc, char)` gives the country for an original character offset.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .doc import Doc
    from .resources.actor_kb import ActorKB, Match

# Countries whose names and forces appear in most conflict news without being the theatre.
EXTERNAL_POWERS = frozenset({"US", "RU", "IR", "TR", "FR", "GB", "DE", "CN", "QA", "AE", "SA"})
# Occupier -> occupied territory: the theatre is the territory when its places dominate.
OCCUPIED_TERRITORY = {"IL": "PS"}
_LEAD_CHARS = 300
_NON_VOTING_KINDS = frozenset({"external", "organisation", "person", "media"})
_COUNTRY_LEVEL_PLACES = frozenset({"country", "region"})


def match_country(kb: "ActorKB", m: "Match") -> tuple[str | None, str | None]:
    """(country code, evidence kind) a KB match votes for, or (None, None)."""
    for h in m.hits:
        if h.kind == "country":
            return h.target, "name"
        if h.kind == "adjective":
            return h.target, "adjective"
        if h.kind == "descriptor":
            code = kb.descriptors[int(h.target)].country
            if code:
                return code, "descriptor"
            return None, None
        if h.kind == "name":
            a = kb.actors[h.target]
            if a.kind not in _NON_VOTING_KINDS and a.country:
                return a.country, "actor"
            return None, None
    return None, None


def country_votes(doc: "Doc", kb: "ActorKB", matches: list["Match"]) -> Counter:
    votes: Counter = Counter()
    place_votes: Counter = Counter()
    for place in doc.places:
        if place.country:
            lead = any(m.start < _LEAD_CHARS for m in place.mentions)
            w = 1.5 * max(1, len(place.mentions)) + (1.5 if lead else 0)
            votes[place.country] += w
            place_votes[place.country] += len(place.mentions) or 1
    for m in matches:
        code, _ = match_country(kb, m)
        if code:
            weight = 2.0 if m.nstart < _LEAD_CHARS else 1.0
            votes[code] += weight * (0.5 if code in EXTERNAL_POWERS else 1.0)
    votes.place_votes = place_votes  # type: ignore[attr-defined]  # read by pick_country
    return votes


def pick_country(votes: Counter) -> str | None:
    if not votes:
        return None
    code, score = votes.most_common(1)[0]
    if score <= 0:
        return None
    places = getattr(votes, "place_votes", None) or {}
    territory = OCCUPIED_TERRITORY.get(code)
    if territory and places.get(territory, 0) > 0 and places.get(territory, 0) >= places.get(code, 0):
        return territory
    return code


def article_country(doc: "Doc") -> str | None:
    """ISO-2 country of the article's events, or None; cached in doc.user["article_country"]."""
    if "article_country" in doc.user:
        return doc.user["article_country"]
    from .resources.actor_kb import load_kb, scan

    kb = load_kb()
    code = pick_country(country_votes(doc, kb, scan(kb, doc.norm.text)))
    doc.user["article_country"] = code
    return code


# -- per paragraph ---------------------------------------------------------------------------------
_MIN_OVERRIDE = 3.0


def _units(doc: "Doc") -> list[int]:
    """Original start offsets of the stretches voted on: paragraphs, or sentences when none."""
    text = doc.text
    starts = [0]
    i = text.find("\n")
    while i != -1:
        if i + 1 < len(text) and text[i + 1] != "\n":
            starts.append(i + 1)
        i = text.find("\n", i + 1)
    if len(starts) <= 2 and doc.n_sentences > 1:
        starts = [int(s) for s in doc.sent_starts]
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
    return starts


def country_spans(doc: "Doc", kb: "ActorKB", matches: list["Match"], theatre: str | None) -> list[tuple[int, int, str]]:
    """(start, end, code) original stretches whose own evidence names another country than `theatre`.

    Evidence: a place below country level in the stretch (2 each), a nisba adjective, a descriptor
    with a fixed country or a country-bound actor (1), a country name or a country place (0.5).
    Override only when the stretch says nothing of the theatre (score <= 0.5), the best code scores
    >= 3 and twice any other, from >= 2 pieces of evidence, and a place below country level of it lies in the stretch
    (two distinct ones for an external power: US, Russia, Iran…)."""
    starts = _units(doc)
    if len(starts) < 2:
        return []
    if doc.norm.starts is None:
        nstarts = starts
    else:
        import numpy as np
        nstarts = np.searchsorted(doc.norm.starts, np.asarray(starts, dtype=np.int64), "left").tolist()
    # per unit, created only where there is evidence (most sentences have none)
    votes: dict[int, Counter] = {}
    placed: dict[int, Counter] = {}   # distinct sub-country places per code
    items: dict[int, Counter] = {}    # pieces of evidence per code
    for place in doc.places:
        if not place.country:
            continue
        sub = not (place.kind in _COUNTRY_LEVEL_PLACES or place.id.startswith("country:"))
        seen_units = set()
        for sp in place.mentions:
            u = bisect_right(starts, sp.start) - 1
            _bump(votes, u, place.country, 2.0 if sub else 0.5)
            _bump(items, u, place.country, 1)
            if sub and u not in seen_units:
                _bump(placed, u, place.country, 1)
                seen_units.add(u)
    for m in matches:
        code, kind = match_country(kb, m)
        if code:
            u = bisect_right(nstarts, m.nstart) - 1
            _bump(votes, u, code, 0.5 if kind == "name" else 1.0)
            _bump(items, u, code, 1)
    out: list[tuple[int, int, str]] = []
    n = len(doc.text)
    for u in sorted(votes):
        v = votes[u]
        top = v.most_common(2)
        code, score = top[0]
        if len(top) > 1 and top[1][1] * 2 > score:
            continue  # no country dominates the stretch
        if code == theatre or score < _MIN_OVERRIDE or v.get(theatre, 0.0) > 0.5 or items[u][code] < 2:
            continue
        if placed.get(u, {}).get(code, 0) < (2 if code in EXTERNAL_POWERS else 1):
            continue  # "طهران" as a metonym, one stray place: not enough to move the paragraph
        if theatre and OCCUPIED_TERRITORY.get(code) == theatre:
            continue  # Israeli forces in a Gaza paragraph: still the territory
        end = starts[u + 1] if u + 1 < len(starts) else n
        if out and out[-1][1] == starts[u] and out[-1][2] == code:
            out[-1] = (out[-1][0], end, code)
        else:
            out.append((starts[u], end, code))
    return out


def _bump(table: dict, unit: int, code: str, w: float) -> None:
    c = table.get(unit)
    if c is None:
        c = table[unit] = Counter()
    c[code] += w


def country_at(doc: "Doc", char: int) -> str | None:
    """The country of the events around original offset `char`: a paragraph override
    (doc.user["country_spans"], set by the actors stage) or the article's country."""
    spans = doc.user.get("country_spans")
    if spans:
        i = bisect_right(spans, (char, float("inf"))) - 1
        if i >= 0 and spans[i][0] <= char < spans[i][1]:
            return spans[i][2]
    return article_country(doc)
