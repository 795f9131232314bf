"""Stage "dates": time expressions resolved against the publication date, in `doc.user["dates"]`.

Helpers for the events stage:

- `date_for_span(doc, start, end)` picks the DateMention that dates a trigger/clause [start, end):
  a date in the same sentence (the nearest one ending before the trigger first, else the nearest
  after it), else the nearest preceding date in the same paragraph, else None. Future dates
  ('السبت المقبل') are never chosen: an event has happened.
- `event_date_for_span(doc, start, end)` wraps it into an `EventDate` (value, precision, wording,
  confidence). With no date expression it falls back to the publication date, precision 1, with
  a LOWER confidence (news reports events of the last day or two), and with no publication date
  either it returns value None.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from ..doc import Doc
from ..mentions import DateMention
from ..text.dates import find_dates
from ..text.normalize import normalize_word

# Confidence of an event date by how it was found (used by the events stage for Event.confidence).
CONF_SAME_SENTENCE = 0.9
CONF_SAME_PARAGRAPH = 0.7
CONF_PUBLICATION_FALLBACK = 0.4
CONF_NONE = 0.0


class DatesStage:
    name = "dates"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("dates",)

    def __call__(self, doc: Doc) -> Doc:
        doc.user["dates"] = find_dates(doc.norm, doc.article.published)
        return doc


def _dates(doc: Doc) -> list[DateMention]:
    found = doc.user.get("dates")
    if found is None:  # the stage did not run (a custom pipeline): parse on demand
        found = doc.user["dates"] = find_dates(doc.norm, doc.article.published)
    return found


def _paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, (len(text) if b < 0 else b)


def date_for_span(doc: Doc, start: int, end: int) -> DateMention | None:
    """The date expression that dates the text [start, end) (see the module docstring)."""
    dates = [d for d in _dates(doc) if not d.future]
    if not dates:
        return None
    si = doc.sentence_index(start)
    if si is not None:
        s0, s1 = int(doc.sent_starts[si]), int(doc.sent_ends[si])
        in_sent = [d for d in dates if d.start >= s0 and d.end <= s1]
        told = [d for d in in_sent if not _statement_date(doc.text, d)]
        if told:     # 'أكدت الوزارة، أمس، … الحادث الذي وقع صباح أول من أمس': the event's own date
            in_sent = told
        before = [d for d in in_sent if d.start < start]
        if before:
            return max(before, key=lambda d: d.end)
        after = [d for d in in_sent if d.start >= start]
        if after:
            return min(after, key=lambda d: d.start)
    p0, _ = _paragraph_bounds(doc.text, start)
    starts = [d.start for d in dates]
    i = bisect_right(starts, start) - 1
    while i >= 0:
        d = dates[i]
        if d.start < p0:
            break
        if d.end <= start:
            return d
        i -= 1
    return None


_REPORT_VERBS = frozenset(normalize_word(w) for w in (
    "قال قالت أكد أكدت أعلن أعلنت ذكر ذكرت أفاد أفادت صرح صرحت أوضح أوضحت أضاف أضافت كشف كشفت "
    "نقل نقلت بث بثت نشر نشرت أشار أشارت اتهم اتهمت نفى نفت تبنى تبنت أصدر أصدرت").split())
_PUNCT = "،,:؛\"'«»()"


def _statement_date(text: str, d: DateMention) -> bool:
    """The date of a statement, not of the event told in it: right after a reporting verb
    (قال أمس، أكدت الوزارة، أمس،) or right before 'أن/إن' (… أمس إن القصف …)."""
    before = text[max(0, d.start - 40):d.start].replace("،", " ").replace(",", " ").split()
    for w in reversed(before[-3:]):
        w = normalize_word(w.strip(_PUNCT))
        if w[:1] in "وف" and w[1:] in _REPORT_VERBS:
            w = w[1:]
        if w in _REPORT_VERBS:
            return True
    after = text[d.end:d.end + 12].lstrip(" ،,").split()
    return bool(after) and normalize_word(after[0].strip(_PUNCT)) in ("ان", "انه", "انها")


@dataclass(frozen=True)
class EventDate:
    value: date | None
    precision: int | None
    expression: str | None          # the wording (for Event.date_expression when value is None)
    mention: DateMention | None     # the chosen date expression (None for the fallback)
    confidence: float
    source: str                     # sentence | paragraph | publication | none


def event_date_for_span(doc: Doc, start: int, end: int) -> EventDate:
    """Date of an event whose trigger/clause is [start, end), with the fallback to publication."""
    d = date_for_span(doc, start, end)
    if d is not None:
        si = doc.sentence_index(start)
        same = si is not None and doc.sent_starts[si] <= d.start < doc.sent_ends[si]
        conf = CONF_SAME_SENTENCE if same else CONF_SAME_PARAGRAPH
        if d.value is None:
            conf = CONF_NONE
        return EventDate(d.value, d.precision, d.relative or d.text, d, conf, "sentence" if same else "paragraph")
    pub = doc.article.published
    if pub is not None:
        return EventDate(pub, 1, None, None, CONF_PUBLICATION_FALLBACK, "publication")
    return EventDate(None, None, None, None, CONF_NONE, "none")
