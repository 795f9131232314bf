"""Intermediate mention types that one stage hands to later ones through `Doc.user`.

They are not part of the output contract (see model.py); keys used in `Doc.user`:
  "dates": list[DateMention]          (dates stage)
  "sources": list[SourceAttribution]  (quotes stage)
  "actor_mentions": list[ActorMention] (actors stage; sorted by start; actor_id -> doc.actors[i].id)
  "article_country": str | None        (ISO-2 theatre of the article; see rasd/context.py)
  "country_spans": list[tuple[int, int, str]]  (actors stage) paragraphs/sentences whose events lie in
      another country than the article's, (start, end, ISO-2), original offsets, sorted; read them
      through rasd.context.country_at(doc, char)
  "place_mentions": list[tuple[int, int, str]]  (places stage) every place mention as (start, end,
      place_id), original offsets, sorted by start; place_id is a doc.places[].id. A relative
      description ("شمال مدينة X") has its own mention covering the whole phrase AND the anchor's
      mention inside it; prefer the Place with the smallest geo_precision covering an event sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DateMention:
    """A time expression: 'أمس الجمعة', 'فجر اليوم', '12 آذار 2015', 'الأسبوع الماضي'.

    `value` is resolved against the publication date (None when it cannot be, e.g. no publication
    date); `precision` is ACLED time_precision (1 day, 2 week, 3 month); `relative` keeps the wording.
    """

    start: int
    end: int
    text: str
    value: date | None
    precision: int | None
    relative: str | None = None
    kind: str = "relative"  # relative | weekday | explicit | hijri | period
    future: bool = False    # 'السبت المقبل': after publication (a plan or a threat, not an event date)


@dataclass(frozen=True)
class SourceAttribution:
    """A stretch of text the article attributes to a source ('بحسب المرصد', 'قال ناشطون إن …').

    Set by the quotes stage in `Doc.user["sources"]`; the events stage uses it to record who reported
    an event or a casualty figure (the article's outlet is the default source).
    """

    start: int            # attributed text (statement / clause), original offsets
    end: int
    source: str           # resolved speaker or described source (مصادر محلية)
    source_start: int     # where the source is named
    source_end: int
    cue: str | None = None


@dataclass(frozen=True)
class ActorMention:
    """One place the text names an actor (actors stage, `Doc.user["actor_mentions"]`, sorted by start).

    `text == doc.text[start:end]` (original offsets; proclitics و/ف/ب/ل/ك are outside the span).
    `via` says how it was linked: "name" (a KB name or variant), "descriptor" (a generic phrase
    resolved in the article's country: الجيش، مدنيون، مسلحون مجهولون), "anaphor" (التنظيم after داعش),
    "surname" (a person's later surname-only mention), "country" (a country named as an actor:
    أعلنت روسيا), "entity" (a NER PER/ORG span not in the KB), "title" (a name after a title/role),
    "affiliated" (fighters named by allegiance: مقاتلين تابعين لها، عناصر تابعة لتنظيم داعش -> that actor).
    """

    start: int
    end: int
    actor_id: str
    text: str
    via: str
