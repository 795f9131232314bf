"""The article's country (theatre): where its events most likely happen.

Generic descriptors (الجيش، مدنيون، طيران التحالف) mean different actors in Syria and in Yemen, so
the actors stage (and any later stage) needs one country per article. Votes, in order of weight:
resolved places (doc.places), country names and nisba adjectives in the text (سوريا، السورية),
descriptors with a fixed country (الجيش العراقي) and actors that belong to a country (الحوثيين ->
YE). The title and first lines count double; external powers (US, Russia, Iran…) count half, since
they are more often talked about than fought in.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .doc import Doc
    from .resources.actor_kb import ActorKB, Match

# Countries whose names and forces appear in most conflict news without being the theatre.
EXTERNAL_POWERS = frozenset({"US", "RU", "IR", "TR", "FR", "GB", "DE", "CN", "QA", "AE", "SA"})
_LEAD_CHARS = 300
_NON_VOTING_KINDS = frozenset({"external", "organisation", "person"})


def country_votes(doc: "Doc", kb: "ActorKB", matches: list["Match"]) -> Counter:
    votes: Counter = Counter()
    for place in doc.places:
        if place.country:
            lead = any(m.start < _LEAD_CHARS for m in place.mentions)
            votes[place.country] += 1.5 * max(1, len(place.mentions)) + (1.5 if lead else 0)
    for m in matches:
        weight = 2.0 if m.nstart < _LEAD_CHARS else 1.0
        for h in m.hits:
            code = None
            if h.kind in ("country", "adjective"):
                code = h.target
            elif h.kind == "descriptor":
                code = kb.descriptors[int(h.target)].country
            elif h.kind == "name":
                a = kb.actors[h.target]
                if a.kind not in _NON_VOTING_KINDS:
                    code = a.country
            if code:
                votes[code] += weight * (0.5 if code in EXTERNAL_POWERS else 1.0)
                break
    return votes


def pick_country(votes: Counter) -> str | None:
    if not votes:
        return None
    code, score = votes.most_common(1)[0]
    return code if score > 0 else None


def article_country(doc: "Doc") -> str | None:
    """ISO-2 country of the article's events, or None; cached in doc.user["article_country"]."""
    if "article_country" in doc.user:
        return doc.user["article_country"]
    from .resources.actor_kb import load_kb, scan

    kb = load_kb()
    code = pick_country(country_votes(doc, kb, scan(kb, doc.norm.text)))
    doc.user["article_country"] = code
    return code
