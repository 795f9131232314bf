"""Per-article views the event modules share: cue hits, sentences, clauses and the upstream layers
(actors, places, quantities, dates, sources) re-expressed in NORMALISED offsets, sorted, so that
window look-ups are bisections. Upstream layers that are absent become empty lists (or the small
fallbacks of rasd.events.fallbacks)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

import numpy as np
import regex

from ..model import Actor, Place
from .lexicon import Hit, lexicon

_start = attrgetter("start")

# Strong clause breaks: another statement begins (فيما، بينما، في حين), or ؛ / : / quote ends; ردا على
# opens the event responded to (its place and actors are not this event's).
_STRONG = regex.compile(r"[؛;:«»“”\"]|(?<!\p{L})(?:و?فيما|و?بينما|في\s+حين|و?حيث|كما\s+ان|في\s+المقابل|و?ترافق|و?تزامن|و?بالتزامن|ردا\s+علي|انتقاما\s+ل)(?!\p{L})")
_SOFT = regex.compile(r"[،,\-–(){}\[\]]")
# A short bracketed or quoted name (تنظيم «داعش»، (داعش)) does not break a clause.
_SHORT_QUOTED = regex.compile(r"«[^«»\n.،]{1,40}»|\"[^\"\n.،]{1,40}\"|“[^“”\n.،]{1,40}”|\([^()\n.،]{1,40}\)")


@dataclass
class Mention:
    start: int   # normalised offsets
    end: int
    obj: Any     # Actor | Place | Quantity | DateMention | SourceAttribution | str


@dataclass
class Context:
    doc: Any
    text: str
    hits: list[Hit]
    sents: list[tuple[int, int]]
    strong: list[int]
    soft: list[int]
    actors: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    quantities: list[Mention] = field(default_factory=list)
    dates: list[Mention] = field(default_factory=list)
    sources: list[Mention] = field(default_factory=list)
    tok_starts: np.ndarray | None = None
    quoted_names: list[tuple[int, int]] = field(default_factory=list)   # short «…» / "…" names
    article_country: str | None = None   # ISO-2 theatre of the article's events
    role_actors: list[Mention] = field(default_factory=list)   # actor mentions that can take part in events
    _by_kind: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        for h in self.hits:
            self._by_kind.setdefault(h.kind, ([], []))
            self._by_kind[h.kind][0].append(h)
            self._by_kind[h.kind][1].append(h.start)

    # -- hits by kind --------------------------------------------------------------------------
    def kind(self, kind: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Hits of one kind lying inside [start, end)."""
        idx = self._by_kind.get(kind)
        if idx is None:
            return []
        hs, starts = idx
        if start <= 0 and end is None:
            return hs
        end = len(self.text) if end is None else end
        i = bisect_left(starts, start)
        j = bisect_left(starts, end)
        return [h for h in hs[i:j] if h.end <= end]

    # -- geometry ------------------------------------------------------------------------------
    def sentence_of(self, pos: int) -> int:
        i = bisect_right(self._sent_starts, pos) - 1
        return max(i, 0)

    def clause(self, pos: int, soft: bool = False) -> tuple[int, int]:
        """Clause around `pos` inside its sentence (strong breaks; with soft=True commas too)."""
        s, e = self.sents[self.sentence_of(pos)]
        marks = sorted(self.strong + self.soft) if soft else self.strong
        i = bisect_right(marks, pos)
        lo = marks[i - 1] if i > 0 else s
        hi = marks[i] if i < len(marks) else e
        return max(lo, s), min(hi, e)

    def breaks_between(self, a: int, b: int, soft: bool = True) -> bool:
        if a > b:
            a, b = b, a
        marks = self.strong if not soft else None
        for arr in ((self.strong, self.soft) if soft else (self.strong,)):
            i = bisect_left(arr, a)
            if i < len(arr) and arr[i] < b:
                return True
        return False

    def token_index(self, pos: int) -> int:
        return bisect_right(self._tok_list, pos) - 1

    def token_gap(self, a_end: int, b_start: int) -> int:
        """Number of tokens strictly between two positions (a before b)."""
        return max(0, self.token_index(b_start) - self.token_index(max(a_end - 1, 0)) - 1)

    def words_between(self, a: int, b: int) -> list[str]:
        return self.text[a:b].split()

    @staticmethod
    def within(items: list[Mention], start: int, end: int) -> list[Mention]:
        """Mentions (sorted by start) that start inside [start, end)."""
        i = bisect_left(items, start, key=_start)
        return items[i:bisect_left(items, end, lo=i, key=_start)]


def build_context(doc) -> Context:
    norm = doc.norm
    text = norm.text
    hits = lexicon().scan(text)
    sents = [norm.to_normalized(int(s), int(e)) for s, e in zip(doc.sent_starts, doc.sent_ends)]
    name_marks = set()
    quoted_names = []
    for m in _SHORT_QUOTED.finditer(text):
        if len(m.group().split()) <= 4:
            name_marks.update((m.start(), m.end() - 1))
            if m.group()[0] != "(":
                quoted_names.append((m.start(), m.end()))
    strong = [m.start() for m in _STRONG.finditer(text) if m.start() not in name_marks]
    soft = [m.start() for m in _SOFT.finditer(text) if m.start() not in name_marks]
    ctx = Context(doc, text, hits, sents, strong, soft, tok_starts=np.asarray(doc.tok.nstart))
    ctx._sent_starts = [s for s, _ in sents]
    ctx.quoted_names = quoted_names
    ctx._tok_list = doc.tok.nstart.tolist()
    ctx.actors = _actor_mentions(doc)
    ctx.places = _place_mentions(doc)
    ctx.article_country = doc.user.get("article_country") or _majority_country(ctx.places)
    ctx.role_actors = [_foreign_forces(ctx, m) for m in ctx.actors if _can_take_part(ctx, m)]
    ctx.role_actors = _with_unnamed_forces(ctx, ctx.role_actors)
    ctx.quantities = _quantities(doc)
    ctx.dates = _dates(doc)
    ctx.sources = sorted((Mention(*norm.to_normalized(s.start, s.end), s) for s in doc.user.get("sources") or []),
                         key=lambda m: m.start)
    return ctx


def _norm_mention(doc, start: int, end: int, obj) -> Mention:
    ns, ne = doc.norm.to_normalized(start, end)
    return Mention(ns, ne, obj)


def _layer_mentions(doc, records: list, key: str, id_field: str) -> list[Mention]:
    """Mentions of actors or places: the stage's mention list when it left one in doc.user,
    else the records' own mention spans."""
    by_id = {r.id: r for r in records}
    out: list[Mention] = []
    raw = doc.user.get(key)
    if raw:
        for m in raw:
            s, e, rid = _triple(m, id_field)
            if rid in by_id:
                out.append(_norm_mention(doc, s, e, by_id[rid]))
    else:
        for r in records:
            for sp in r.mentions:
                out.append(_norm_mention(doc, sp.start, sp.end, r))
    return _dedupe(out)


def _actor_mentions(doc) -> list[Mention]:
    return _layer_mentions(doc, doc.actors, "actor_mentions", "actor_id")


def _place_mentions(doc) -> list[Mention]:
    return _layer_mentions(doc, doc.places, "place_mentions", "place_id")


# Words before a name that make it a news outlet or a report (لوكالة فرانس برس، شبكة حلب نيوز).
_OUTLET_BEFORE = ("وكاله", "لوكاله", "شبكه", "لشبكه", "قناه", "لقناه", "صحيفه", "لصحيفه", "موقع", "لموقع", "مراسل",
                  "مرصد", "اذاعه", "لاذاعه", "تلفزيون", "لتلفزيون", "جريده", "لجريده")


def _can_take_part(ctx: Context, m: Mention) -> bool:
    """People named as such (spokesmen, witnesses), names of unknown kind, outlets and names that are
    also place names (مطار X، بني سعد) are not ACLED actors of an event."""
    a = m.obj
    if a.inter is None and (a.kind in ("person", "unknown", None)):
        return False
    if a.kind in _OUTLET_KINDS or (a.id or "").startswith("media."):
        return False    # a news agency reports the event (لوكالة فرانس برس), it takes no part in it
    if a.inter is None and a.kind in ("organisation", "organization") and not _targeted(ctx, m):
        return False    # a non-armed organisation is an actor only when the event is aimed at it
    before = ctx.text[max(0, m.start - 16):m.start].split()[-1:]
    if before and before[0] in _OUTLET_BEFORE:
        return False
    return not any(p.start < m.end and m.start < p.end for p in Context.within(ctx.places, m.start - 40, m.end))


_OUTLET_KINDS = frozenset({"media", "outlet", "news_agency"})
_TARGET_BEFORE = frozenset({"علي", "ضد", "استهدف", "استهدفت", "مقر", "مقار", "مقرات", "مكاتب", "مكتب", "قافله"})


def _targeted(ctx: Context, m: Mention) -> bool:
    before = ctx.text[max(0, m.start - 24):m.start].split()[-2:]
    return any(w.lstrip("و") in _TARGET_BEFORE for w in before)


# Nationality adjectives (normalised, with or without ال / the feminine ending) after a military
# descriptor: 'طائرات حربية روسية' are Russia's aircraft whatever the theatre's own air force is.
_DEMONYM_COUNTRY = {"روسي": "RU", "امريكي": "US", "اميركي": "US", "اسراييلي": "IL", "تركي": "TR", "ايراني": "IR",
                    "سعودي": "SA", "اماراتي": "AE", "فرنسي": "FR", "بريطاني": "GB", "اردني": "JO", "مصري": "EG",
                    "سوري": "SY", "عراقي": "IQ", "لبناني": "LB", "اثيوبي": "ET", "كيني": "KE", "تشادي": "TD"}
_FOREIGN_FORCE_KINDS = frozenset({"state_forces", "military", "air_force", "external"})


def _demonym_after(ctx: Context, end: int) -> str | None:
    ws = ctx.text[end:end + 24].split()[:1]
    if not ws:
        return None
    w = ws[0].rstrip("،.,")
    w = w[2:] if w.startswith("ال") else w
    w = w[:-1] if w.endswith("ه") else w
    return _DEMONYM_COUNTRY.get(w)


def force_of(ctx: Context, cc: str, role: str) -> Actor | None:
    """The doc's actor for a country's military / police, else the actor KB's (added to doc.actors)."""
    actor = next((x for x in ctx.doc.actors if x.id.lower() == f"{cc.lower()}.{role}"), None)
    if actor is None:
        actor = _kb_military(ctx, cc, role)
        if actor is not None:
            ctx.doc.actors.append(actor)
    return actor


def demonym_country(word: str) -> str | None:
    """عراقيا، العراقيين، أتراك → IQ, IQ, TR (singular, accusative, plural and broken plurals)."""
    w = word.rstrip("،.,")
    w = w[2:] if w.startswith("ال") else w
    if w in _BROKEN_PLURALS:
        return _BROKEN_PLURALS[w]
    for suf in ("يتان", "يتين", "يين", "يون", "يه", "يا", "ه"):
        if w.endswith(suf) and len(w) > len(suf) + 2:
            w = w[: -len(suf)] + ("ي" if suf[0] == "ي" else "")
            break
    return _DEMONYM_COUNTRY.get(w)


_BROKEN_PLURALS = {"اتراك": "TR", "روس": "RU", "اكراد": None}


def _foreign_forces(ctx: Context, m: Mention) -> Mention:
    """A forces descriptor followed by another country's adjective names that country's military."""
    a = m.obj
    if a.kind not in _FOREIGN_FORCE_KINDS and a.inter not in (1, 8):
        return m
    cc = _demonym_after(ctx, m.end)
    if cc is None or cc == a.country or cc == ctx.article_country:
        return m
    actor = next((x for x in ctx.doc.actors if x.id.lower() == f"{cc.lower()}.military"), None)
    if actor is None:
        actor = _kb_military(ctx, cc)
        if actor is None:
            return m
        ctx.doc.actors.append(actor)   # the event names it: keep doc.actors complete for actor_ids
    return Mention(m.start, m.end, actor)


# A forces noun the actors stage may leave unnamed: a national adjective after it (مروحيتان أمريكيتان،
# القوة الجوية العراقية، طائرات حربية روسية) names that country's military; 'القوات المشتركة /
# الحكومية' the theatre's own.
_FORCE_HEAD = regex.compile(   # literal heads first: the scan stays cheap (~0.1 ms per article)
    r"(?:قوات|جيش|طيران|سلاح\s+الجو|قوه\s+(?:ال)?جويه|طاير(?:ه|ات|تان|تين)|مروحي(?:ه|ات|تان|تين)|مقاتل(?:ات|تان|تين)"
    r"|مدفعيه|بحريه|زوارق|بوارج|دبابات)"
    r"(?:\s+(?:ال)?(?:حربيه|حربيتان|حربيتين|مقاتله|عسكريه|مسيره|جويه))?(?:\s+(?:بدون|بلا)\s+طيار)?\s+(\S+)")
_HEAD_PREFIXES = frozenset({"", "و", "ف", "ب", "ل", "ال", "لل", "وال", "فال", "بال", "ولل", "وب", "ول", "وبال"})
_NAME_GOES_ON = frozenset({"الحر", "الحره", "الديمقراطيه", "الجديد", "الشعبيه", "الشعبي", "الوطني", "الوطنيه",
                           "الثوري", "الثوريه", "الاسلامي", "الاسلاميه", "للتحرير"})
_OWN_FORCES = frozenset({"مشتركه", "حكوميه", "نظاميه"})


def _with_unnamed_forces(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    added: list[Mention] = []
    text = ctx.text
    for mt in _FORCE_HEAD.finditer(text):
        s, e = mt.start(), mt.end()
        w0 = s
        while w0 > 0 and text[w0 - 1].isalpha() and s - w0 < 5:
            w0 -= 1
        glued = text[w0:s]
        if glued not in _HEAD_PREFIXES or any(m.start < e and w0 < m.end for m in mentions):
            continue      # inside another word, or the actors stage named it already
        adj = mt.group(1).rstrip("،.,")
        nxt = text[e:e + 16].split()[:1]
        if mt.group(1) == adj and nxt and nxt[0].rstrip("،.,") in _NAME_GOES_ON:
            continue      # الجيش السوري الحر، قوات سوريا الديمقراطية: a named group, not the state's forces
        cc = demonym_country(adj)
        if cc is None and adj.removeprefix("ال") in _OWN_FORCES and "ال" in glued:
            cc = ctx.article_country     # القوات المشتركة: the theatre's own forces
        if cc is None:
            continue
        actor = force_of(ctx, cc, "military")
        if actor is not None:
            i = glued.find("ال")
            added.append(Mention(w0 + i if i >= 0 else s, e, actor))   # the mention starts after a glued و/ب/ل
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: m.start)


def _kb_military(ctx: Context, cc: str, role: str = "military") -> Actor | None:
    try:
        from ..resources.actor_kb import load_kb
        kb = load_kb()
        k = kb.role_actor(cc, role)
    except Exception:      # the actor KB is optional for this stage
        return None
    if k is None:
        return None
    name, _ = k.resolved(ctx.doc.article.published, ctx.article_country)
    return Actor(id=k.id, name=name, name_ar=k.name_ar, kind=k.kind, inter=k.inter, country=k.country)


def _majority_country(places: list[Mention]) -> str | None:
    """The country most place mentions lie in (when no stage has set the article's country)."""
    votes: dict[str, int] = {}
    for m in places:
        c = m.obj.country
        if c:
            votes[c] = votes.get(c, 0) + 1
    return max(votes, key=votes.get) if votes else None


def _quantities(doc) -> list[Mention]:
    qs = doc.quantities
    if not qs and "quantities" not in doc.layers:
        from .fallbacks import quantities_from_norm
        qs = quantities_from_norm(doc)
    return sorted((_norm_mention(doc, q.start, q.end, q) for q in qs), key=lambda m: m.start)


def _dates(doc) -> list[Mention]:
    ds = doc.user.get("dates")
    if ds is None:
        from .fallbacks import dates_from_norm
        ds = dates_from_norm(doc)
    return sorted((_norm_mention(doc, d.start, d.end, d) for d in ds), key=lambda m: m.start)


def _triple(m, id_attr: str) -> tuple[int, int, str]:
    if isinstance(m, (tuple, list)):
        return int(m[0]), int(m[1]), m[2]
    return int(m.start), int(m.end), getattr(m, id_attr, None) or getattr(m, "id", None)


def _dedupe(ms: list[Mention]) -> list[Mention]:
    """Sorted by start; of overlapping mentions keep the longest (جيش الإسلام over الإسلام)."""
    ms.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    for m in ms:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out
