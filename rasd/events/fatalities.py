"""Casualty figures of an article and the events they belong to.

Reading a figure (`extract_casualties`): a killed/injured cue with its count — a quantity next to
it, the noun itself (قتيل = 1, قتيلين = 2, مقتل طفلين = 2), a coordinated list (مقتل ضابط وثلاثة
جنود = 4; قتل القيادي فلان و21 مسلحا آخرين = 22), a subject told before a plural verb (22 شخصا
على الأقل … قتلوا), 'لقي N مصرعهم/حتفهم', or an unspecified plural (العديد من، الكثير من، جميع
عناصر). Each figure keeps whose dead they are (من عناصر X، مدنيين), who reported them and its
qualifier. Conventions (ACLED):
- "dozens" (عشرات، العشرات) → best 12, low 10; "many"/"all of them" without a number → best 10,
  low 0 (العديد = عدة: low 3);
- one figure for killed and injured together (مقتل وإصابة 20، عشرات القتلى والجرحى): the killed
  share is unknown → low 0, best min(figure, 10) (ACLED's convention for an unknown plural toll);
- subsets (بينهم ستة أطفال) are not added; cumulative or background tolls (ما مجموعه، منذ 2013،
  منذ أكثر من عام، خلال الأشهر الماضية، في مختلف الجبهات) belong to no single event.

Attaching a figure (`attach_casualties`): the event its clause names as the cause (قتل ستة جراء
استهداف X; قتل ثلاثة خلال الاشتباكات), else the nearest violent event before it in its clause or
sentence, else the event of the previous sentence(s); a figure told right after another one of
the same sentence with no event between them (قتل 3 من X، فيما سقط 10 من Y) goes with it; a figure
whose clause names another town than the event's is not that event's.

Totals of one event (`fatality_totals`): per side the reports of the same dead are not added
(lowest → low, highest → best; a later higher toll replaces an earlier one), sides are added, a
figure without a side is an alternative total.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..model import FatalityClaim, Span
from .context import Context, Mention
from .lexicon import Hit
from .roles import CIVILIANS
from .typing import VIOLENT, event_type_of

# Singular / dual person nouns right after a casualty masdar (مقتل طفل، مقتل جنديين). Normalised.
_SINGULAR = frozenset({"شخص", "طفل", "طفله", "مدني", "جندي", "عنصر", "مقاتل", "امراه", "رجل", "شاب", "ضابط",
                       "شرطي", "مسلح", "سيده", "مواطن", "عسكري", "فتي", "فتاه", "صحفي", "قيادي", "قائد", "مسن",
                       "معتقل", "ناشط", "مدنيا", "عامل", "فلسطيني", "سوري", "عراقي", "يمني", "طالب", "حارس",
                       "مرافق", "سائق", "امير", "والي", "مسؤول", "انتحاري", "مهاجم", "طيار", "عريف", "رقيب",
                       "ملازم", "نقيب", "رائد", "عقيد", "عميد", "لواء"})
_SINGULAR = _SINGULAR | {w + "ا" for w in _SINGULAR if not w.endswith("ه")}
_DUAL_STEMS = ("شخص", "طفل", "جندي", "عنصر", "ضابط", "شرطي", "رجل", "شاب", "امرات", "طفلت", "شقيق", "قيادي",
               "مدني", "مقاتل", "مسلح", "صحفي", "مواطن", "حارس", "مرافق", "عسكري", "مدنيت", "فتات", "سيدت")
# both the accusative/genitive (ين) and nominative (ان) duals; مسلحين/مدنيين are ambiguous plurals: left out
_DUAL = frozenset({s + "ين" for s in _DUAL_STEMS if s not in ("مسلح", "مدني", "مقاتل", "صحفي", "مواطن", "عسكري")}
                  | {s + "ان" for s in _DUAL_STEMS})
_PREFIX_STRIP = ("و", "ف", "ب", "ل")
_WORD = regex.compile(r"\p{L}+")
_STOP_WORDS = frozenset({"خلال", "في", "جراء", "اثر", "امس", "اليوم", "من", "علي", "الي", "عن", "بعد", "قبل"})
_TIME_UNITS = frozenset({"ايام", "يوما", "يوم", "اشهر", "شهور", "شهرا", "اسابيع", "اسبوعا", "سنوات", "اعوام",
                         "عاما", "ساعات", "ساعه", "دقائق", "دقيقه", "كيلومترات", "كيلومترا", "كلم", "كم", "مترا", "امتار"})
_OTHERS = frozenset({"اخرين", "اخرون", "اخرون", "اخر", "اخران", "اخرين،"})

# Unspecified plurals after a casualty cue: (best, low). العديد is عدة ("several": at least 3).
_UNSPECIFIED = {"العديد": (10, 3), "الكثير": (10, 0), "كثيرون": (10, 0), "جميع": (10, 0), "كل": (10, 0),
                "عدد": (10, 0), "عددا": (10, 0)}
_DOZENS = 12        # ACLED codes "dozens" as 12 (low 10)
_UNKNOWN_SHARE = 10  # a killed share of a combined killed+injured figure, or an unknown plural

# "لقي N مصرعهم / حتفهم" (the figure sits between the verb and the noun).
_MET_DEATH = regex.compile(r"(?<!\p{L})[وف]?(?:لقي|لقيت|لقوا|لقيا|لقين|لقيتا)(?!\p{L})([^.!؟\n]{0,90}?)"
                           r"(?<!\p{L})(?:مصرع|حتف)(?:ه|ها|هم|هما|هن)?(?!\p{L})")
# "فقدت (الميليشيات) الكثير من عناصرها": losses of fighters are deaths.
_LOST = regex.compile(r"(?<!\p{L})[وف]?(?:فقد|فقدت|فقدوا|خسر|خسرت|خسروا)(?!\p{L})(?=(?:\s+\p{L}+){0,2}?\s+"
                      r"(?:العديد|الكثير|عشرات|العشرات|عددا|مئات)\s+من\s+(?:عناصر|مقاتلي|افراد|جنود|رجال|مسلحي))")
# Cumulative / background tolls: a period, a sum, or a whole region.
_TOTAL_CUES = regex.compile(
    r"(?<!\p{L})(?:"
    r"ما\s+مجموعه|مجموعه|في\s+المجموع|اجمالا|باجمالي|"
    r"منذ\s+(?:\S+\s+){0,8}?(?:في)?[12]\d{3}|منذ\s+(?:\p{L}+\s+){0,3}?(?:عام|اعوام|سنه|سنوات|شهر|اشهر|شهور|اسابيع|بدايه|بدء|اندلاع|مطلع|الاطاحه|"
    r"سيطره|انطلاق|تدخل)|"
    r"خلال\s+(?:الاسابيع|الاشهر|الشهور|الاعوام|السنوات|الاشهر|العام|السنه|الاعوام)|"
    r"(?:مختلف|كافه|جميع|عده)\s+(?:جبهات|الجبهات|المناطق|مناطق|المحافظات|محافظات|انحاء)|في\s+انحاء|"
    r"(?:اول|اخر|خلال)\s+(?:\p{L}+\s+)?(?:شهور|اشهر|اسابيع|سنوات|اعوام)|"
    r"(?:العام|السنه)\s+(?:الماضي|الماضيه|المنصرم|المنصرمه|الفائت|السابق)|(?:مطلع|اواخر|اواسط|بدايه|منتصف)\s+العام"
    r")(?!\p{L})")
# A link from a figure to the event that caused it: قتل ستة جراء استهداف…؛ قتل 3 خلال الاشتباكات.
_CAUSE = regex.compile(r"(?<!\p{L})[وف]?(?:جراء|نتيجه|اثر|بسبب|خلال|لدي|عند|عندما|في|بعد|بفعل)(?!\p{L})")
_CAUSE_MAX_TOKENS = 14
_CAUSE_WORDS = frozenset({"جراء", "نتيجه", "اثر", "بسبب", "خلال", "لدي", "عند", "عندما", "في", "بعد", "بفعل"})
_DEMONSTRATIVE = regex.compile(r"\s*(?:تلك|هذه|ذلك|هذا|احد|احدي|اثناء)\s")
_TOLL_BEFORE = regex.compile(r"(?<!\p{L})(?:حصيله|عدد)\s+$")
_LOOKBACK_TOKENS = 8


@dataclass
class Casualty:
    claim: FatalityClaim
    start: int          # normalised span of the figure
    end: int
    total: bool = False
    subset: bool = False
    combined: bool = False
    cue: int = 0        # normalised start of the casualty word


def extract_casualties(ctx: Context) -> list[Casualty]:
    out: list[Casualty] = []
    used_q: set[int] = set()
    doc = ctx.doc
    cas_hits = _cas_hits(ctx)
    for i, c in enumerate(cas_hits):
        value = low = high = None
        qual = None
        q = None
        span = (c.start, c.end)
        extra = 0
        if "n1" in c.flags or "n2" in c.flags:
            value = low = high = 1 if "n1" in c.flags else 2
            qual = "exact"
            qb = _quantity_before(ctx, c, 1)
            if qb is not None:   # "10 قتيل" / "13 جريحا": the number counts, not the noun
                q = qb
        else:
            nounish = c.form.startswith(("قتلي", "القتلي", "جرحي", "الجرحي", "شهداء", "ضحايا", "مصابين", "جثث", "قتيل", "جريح"))
            q = _quantity_before(ctx, c, 2) if nounish else (_quantity_after(ctx, c, 3) or _quantity_before(ctx, c, 1))
            if q is not None and not nounish and q.start >= c.end and _plural_verb(c) and ctx.kind("cas", c.end, q.start):
                # '13 شخصا قتلوا وأصيب 27': the figure after belongs to the next cue; the subject counts
                q = _subject_before(ctx, c) or q
            if q is None and nounish and _TOLL_BEFORE.search(ctx.text, max(0, c.start - 20), c.start):
                q = _quantity_after(ctx, c, 2)     # ارتفعت حصيلة القتلى إلى 25، بلغ عدد الجرحى 40
            if q is not None and not nounish and q.start >= c.end:
                extra = _coordinated_extra(ctx, c.end, q)
            if q is None and not nounish:
                value = _counted_noun(ctx, c)
                if value is not None:
                    low = high = value
                    qual = "exact"
                    more = _coordinated_after_noun(ctx, c)
                    if more is not None:
                        q, extra = more, value
                        value = None
                else:
                    vague = _unspecified(ctx, c)
                    if vague is not None:
                        value, low = vague
                        high = None
                        qual = "unspecified"
            if q is None and value is None and _plural_verb(c):
                q = _subject_before(ctx, c)
                if q is not None:
                    extra = _coordinated_before(ctx, q)
        if q is not None:
            if id(q) in used_q:
                # the same figure read twice (قتل وجرح 10): keep only the first reading
                continue
            used_q.add(id(q))
            quant = q.obj
            value, low, high, qual = quant.value, quant.low, quant.high, quant.qualifier
            if low is None and qual in ("at_least", "more_than"):
                low = value
            if quant.vague and value == 10 and (low in (None, 10)):
                value, low, high = _DOZENS, 10, None
            if extra and value is not None:
                value += extra
                low = (low if low is not None else value - extra) + extra
                high = high + extra if high is not None else None
            span = (min(q.start, c.start), max(q.end, c.end))
        if value is None:
            continue
        combined = _combined_with_other_kind(ctx, cas_hits, i, (q.start, q.end) if q is not None else span)
        if combined and c.label == "killed":
            value, low, high, qual = min(value, _UNKNOWN_SHARE), 0, value, "combined"
        side = _side(ctx, span[1])
        s, e = doc.norm.to_original(*span)
        claim = FatalityClaim(kind=c.label, value=value, low=low if low is not None else value,
                              high=high if high is not None else value, qualifier=qual, side=side,
                              source=_source(ctx, c.start), span=Span(start=s, end=e, text=doc.text[s:e]))
        out.append(Casualty(claim, span[0], span[1], total=_is_total(ctx, c, span[0], span[1]),
                            subset=_is_subset(ctx, span[0]), combined=combined, cue=c.start))
    return out


# -- cues -----------------------------------------------------------------------------------------
def _cas_hits(ctx: Context) -> list[Hit]:
    """The lexicon's casualty cues plus constructions a word list cannot hold (لقي … مصرعهم,
    فقدت الكثير من عناصرها); lexicon cues inside such a construction are dropped."""
    hits = list(ctx.kind("cas"))
    extra: list[Hit] = []
    covered: list[tuple[int, int]] = []
    for m in _MET_DEATH.finditer(ctx.text):
        vs, ve = m.span()
        verb_end = m.start(1)
        extra.append(Hit("cas", "killed", vs, verb_end, vs, "", "x", "لقي"))
        covered.append((vs, ve))
    for m in _LOST.finditer(ctx.text):
        extra.append(Hit("cas", "killed", m.start(), m.end(), m.start(), "", "x", "فقد"))
    if not extra:
        return hits
    hits = [h for h in hits if not any(a <= h.start and h.end <= b for a, b in covered)]
    return sorted(hits + extra, key=lambda h: h.start)


def _plural_verb(c: Hit) -> bool:
    """A plural/dual casualty verb whose subject may be told before it (22 شخصا … قتلوا)."""
    return c.form.endswith(("وا", "ا")) and not c.form.startswith(("قتلي", "القتلي")) and c.form != "لقي"


def _quantity_before(ctx: Context, c: Hit, max_gap: int) -> Mention | None:
    cands = Context.within(ctx.quantities, max(0, c.start - 60), c.start)
    if not cands:
        return None
    q = cands[-1]
    if q.end <= c.start and ctx.token_gap(q.end, c.start) <= max_gap - 1 and not ctx.breaks_between(q.end, c.start):
        return q
    return None


def _subject_before(ctx: Context, c: Hit) -> Mention | None:
    """The figure of a subject told before its verb, in the same sentence, with no strong break."""
    s0 = ctx.sents[ctx.sentence_of(c.start)][0]
    cands = Context.within(ctx.quantities, max(s0, c.start - 120), c.start)
    for q in reversed(cands):
        if ctx.token_gap(q.end, c.start) > _LOOKBACK_TOKENS or ctx.breaks_between(q.end, c.start, soft=False):
            return None
        if ctx.kind("cas", q.end, c.start) or ctx.kind("trigger", q.end, c.start):
            return None
        return q
    return None


def _quantity_after(ctx: Context, c: Hit, max_gap: int) -> Mention | None:
    for q in Context.within(ctx.quantities, c.end, c.end + 60):
        if ctx.token_gap(c.end, q.start) <= max_gap and not ctx.breaks_between(c.end, q.start):
            # a figure that is itself followed by its own casualty noun belongs to that noun
            nxt = [h for h in ctx.kind("cas", q.end, q.end + 20) if ctx.token_gap(q.end, h.start) == 0]
            if nxt or _next_word(ctx, q.end) in _TIME_UNITS:
                return None     # its own casualty noun, or a duration (في أول ستة شهور)
            return q
        break
    return None


def _next_word(ctx: Context, pos: int) -> str:
    m = _WORD.search(ctx.text, pos, pos + 30)
    return m.group() if m else ""


def _stem(w: str) -> str:
    for p in _PREFIX_STRIP:
        if w.startswith(p) and (w[1:] in _SINGULAR or w[1:] in _DUAL or w[1:].startswith("ال")):
            w = w[1:]
            break
    if w.startswith("ال") and len(w) > 4:
        w = w[2:]
    return w


def _noun_count(w: str) -> int | None:
    st = _stem(w)
    if st in _DUAL:
        return 2
    if st in _SINGULAR:
        return 1
    return None


def _counted_noun(ctx: Context, c: Hit) -> int | None:
    words = _WORD.findall(ctx.text, c.end, c.end + 40)[:3]
    for w in words[:2]:
        n = _noun_count(w)
        if n is not None:
            return n
        if w in _STOP_WORDS:
            break
    return None


def _coordinated_extra(ctx: Context, after_cue: int, q: Mention) -> int:
    """مقتل ضابط وثلاثة جنود → the figure plus the noun before it; قتل فلان و21 آخرين → plus one."""
    between = ctx.text[after_cue:q.start]
    if not regex.search(r"(?:^|\s)و\s*$", between) and not ctx.text.startswith("و", q.start):
        return 0
    words = _WORD.findall(between)
    if not words or len(words) > 4:
        return 0
    for w in words:
        n = _noun_count(w)
        if n is not None:
            return n
    after = _WORD.findall(ctx.text, q.end, q.end + 40)[:3]
    if any(w in _OTHERS for w in after):
        return 1     # a named person and N others
    return 0


def _coordinated_before(ctx: Context, q: Mention) -> int:
    """قياديا تونسيا وخمسة متشددين آخرين قتلوا: the person named before 'و N … آخرين' counts too."""
    if not ctx.text.startswith("و", q.start) and not regex.search(r"(?:^|\s)و\s*$", ctx.text[max(0, q.start - 3):q.start]):
        return 0
    c0 = ctx.clause(q.start, soft=True)[0]
    words = _WORD.findall(ctx.text, max(c0, q.start - 50), q.start)[-5:]
    for w in reversed(words):
        n = _noun_count(w)
        if n is not None:
            return n
    after = _WORD.findall(ctx.text, q.end, q.end + 40)[:3]
    return 1 if any(w in _OTHERS for w in after) else 0


def _coordinated_after_noun(ctx: Context, c: Hit) -> Mention | None:
    """مقتل طفل و3 نساء: a quantity joined by و right after the counted noun."""
    m = regex.compile(r"\s*\p{L}+\s+(?=و)").match(ctx.text, c.end)
    if not m:
        return None
    for q in Context.within(ctx.quantities, m.end(), m.end() + 3):
        if ctx.text.startswith("و", q.start) or ctx.text.startswith("و", m.end()):
            return q
    return None


def _unspecified(ctx: Context, c: Hit) -> tuple[int, int] | None:
    words = _WORD.findall(ctx.text, c.end, c.end + 30)[:2]
    for w in words:
        if w in _UNSPECIFIED:
            nxt = ctx.text[c.end:c.end + 40]
            if w in ("جميع", "كل") or " من" in nxt:
                return _UNSPECIFIED[w]
        if w in _STOP_WORDS:
            break
    return None


def _combined_with_other_kind(ctx: Context, hits: list[Hit], i: int, fig: tuple[int, int]) -> bool:
    """مقتل وإصابة 10 أشخاص / عشرات القتلى والجرحى: one figure for killed and injured together
    (not '10 قتلى وإصابة 20', where the second cue has its own figure)."""
    c = hits[i]
    for j in (i - 1, i + 1):
        if 0 <= j < len(hits) and hits[j].label != c.label:
            o = hits[j]
            a, b = (o, c) if o.start < c.start else (c, o)
            if not (ctx.token_gap(a.end, b.start) == 0 and ctx.text[b.start:b.start + 1] == "و"):
                continue
            if fig[0] >= b.end:
                return True      # مقتل وإصابة 20: the figure stands after both cues
            if fig[1] <= a.start and _quantity_after(ctx, b, 2) is None:
                return True      # عشرات القتلى والجرحى (not '10 قتلى وإصابة 20')
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


def _is_total(ctx: Context, c: Hit, start: int, end: int) -> bool:
    """A cumulative toll (a period, a sum of several events, a whole region): no single event's."""
    c0, c1 = ctx.clause(c.start)
    s0, s1 = ctx.sents[ctx.sentence_of(c.start)]
    for t in ctx.kind("total", max(s0, c0 - 40), c.end + 40):
        if t.end <= start and ctx.token_gap(t.end, start) <= 10 and not _rising_toll(ctx, t):
            return True
        if t.start >= c.end and ctx.token_gap(c.end, t.start) <= 4 and not _rising_toll(ctx, t):
            return True
    lo = max(s0, min(c0, start) - 80)
    hi = min(s1, max(c1, end) + 60)
    for m in _TOTAL_CUES.finditer(ctx.text, lo, hi):
        if m.end() <= start and ctx.token_gap(m.end(), start) <= 10:
            return True
        if m.start() >= end and ctx.token_gap(end, m.start()) <= 8:
            return True
        if start <= m.start() < end:
            return True
    return False


def _rising_toll(ctx: Context, t: Hit) -> bool:
    """ارتفعت حصيلة القتلى إلى 30 / بلغت الحصيلة: the event's own updated toll, not a period total
    (a period cue beside it makes it one: that is checked by the caller's second loop)."""
    w = ctx.text[t.start:t.end]
    return "حصيل" in w or "عدد" in w


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


# -- attaching figures to events -----------------------------------------------------------------
def attach_casualties(ctx: Context, cands: list, casualties: list[Casualty]) -> None:
    """Append each figure to the `casualties` of the candidate event it belongs to (see module doc).
    `cands` are the events stage's candidates (trigger, family, sent, place, casualties)."""
    violent = [c for c in cands if c.family in VIOLENT]
    by_trigger: dict[int, list] = {}
    for c in violent:
        by_trigger.setdefault(c.trigger.start, []).append(c)
    prev_cas: Casualty | None = None
    prev_target = None
    for cas in casualties:
        if cas.total or cas.subset:
            continue
        si = ctx.sentence_of(cas.start)
        same = [c for c in violent if c.sent == si]
        target = _caused_by(ctx, cas, violent, by_trigger)
        if target is None and prev_cas is not None and prev_target is not None and \
                ctx.sentence_of(prev_cas.start) == si and not ctx.kind("trigger", prev_cas.end, cas.cue):
            target = prev_target    # قتل 3 من X، فيما سقط 10 من Y: the same event, per side
        if target is None and same:
            c0, c1 = ctx.clause(cas.start)
            in_clause = [c for c in same if c0 <= c.trigger.start < c1]
            pool = in_clause or same
            before = [c for c in pool if c.trigger.start <= cas.start]
            target = before[-1] if before else min(pool, key=lambda c: c.trigger.start - cas.start)
        elif target is None and not _own_untold_trigger(ctx, si):
            prev = [c for c in violent if si - 2 <= c.sent < si]
            if prev:
                target = prev[-1]
        prev_cas = cas
        prev_target = target
        if target is None:
            continue
        siblings = by_trigger.get(target.trigger.start, [target])
        if _elsewhere(ctx, cas, target, siblings):
            prev_target = None
            continue
        # several towns from one trigger: the toll is not multiplied; it goes to the first
        siblings[0].casualties.append(cas)


def _own_untold_trigger(ctx: Context, si: int) -> bool:
    """The figure's sentence names violence that is no event of this report (background, denied):
    the figure is that event's toll, not a later word on an event told before."""
    s0, s1 = ctx.sents[si]
    return any(h.label in VIOLENT and h.label != "kill" for h in ctx.kind("trigger", s0, s1))


def _caused_by(ctx: Context, cas: Casualty, violent: list, by_trigger: dict[int, list]):
    """The event a cause phrase right after the figure names: 'جراء/في/خلال <trigger>'."""
    s0, s1 = ctx.sents[ctx.sentence_of(cas.start)]
    pos = cas.cue
    for m in _CAUSE.finditer(ctx.text, pos, min(s1, pos + 120)):
        if ctx.token_gap(pos, m.start()) > _CAUSE_MAX_TOKENS or ctx.breaks_between(pos, m.start(), soft=False):
            return None
        word = m.group()
        if word[0] in "وف" and word[1:] in _CAUSE_WORDS:
            continue      # 'وفي حرستا قصفت…': a new clause, not the cause of this figure
        gap = 2 if word in ("جراء", "نتيجه", "اثر", "بسبب", "بفعل", "خلال") else 1
        trig = [h for h in ctx.kind("trigger", m.end(), min(s1, m.end() + 40)) if ctx.token_gap(m.end(), h.start) <= gap
                and (ctx.token_gap(m.end(), h.start) == 0 or _DEMONSTRATIVE.match(ctx.text, m.end()))]
        if not trig:
            continue
        h = trig[0]
        if h.start in by_trigger:
            return by_trigger[h.start][0]
        si = ctx.sentence_of(h.start)
        hosting = [c for c in violent if c.sent == si and c.seg[0] <= h.start < c.seg[1]]
        if hosting:
            return hosting[0]
        kind = _type_of_family(violent, h.label)
        if any(c.sent == si and c.trigger.start < cas.start and event_type_of(c.sub) == kind for c in violent):
            return None   # 'قتل في تلك الغارات 7': the sentence's own event, found by the default rule
        # a definite re-mention (خلال الاشتباكات) names the latest told event of its type
        told = [c for c in violent if c.trigger.start < h.start and event_type_of(c.sub) == kind
                and c.sent >= si - 3]
        return told[-1] if told else None
    return None


def _type_of_family(violent: list, family: str) -> str | None:
    for c in violent:
        if c.family == family:
            return event_type_of(c.sub)
    return {"clash": "Battles"}.get(family)


_ADMIN_KINDS = ("country", "admin1", "admin2", "region", "governorate", "province", "district")


_REFERENCE_BEFORE = regex.compile(r"(?:شمال|جنوب|شرق|غرب|شمالي|جنوبي|شرقي|غربي|قرب|بقرب|بالقرب\s+من|ريف|بريف|"
                                  r"محافظه|بمحافظه|ولايه|اقليم|باقليم)\s*$")


def _ancestor(p, tp) -> bool:
    names = {n for n in (p.name, p.name_ar) if n}
    return any(n and a and (n in a or a in n) for n in names for a in (tp.admin1, tp.admin2))


def _elsewhere(ctx: Context, cas: Casualty, target, siblings: list) -> bool:
    """The figure's own clause, after the event's trigger, names another town (…وقع 3 منها في كابل
    مما أسفر عن مقتل العشرات): the figure is that place's, not this event's."""
    if target.trigger.end > cas.cue:
        return False    # the event is told after its toll: places in between are the toll's own
    a = max(target.trigger.end, ctx.clause(cas.cue, soft=True)[0])
    if ctx.sentence_of(a) != ctx.sentence_of(cas.cue):
        a = ctx.sents[ctx.sentence_of(cas.cue)][0]
    own = {s.place.id for s in siblings if s.place is not None}
    tp = target.place
    for m in Context.within(ctx.places, a, cas.cue):
        p = m.obj
        if p.id in own or (p.kind and p.kind in _ADMIN_KINDS):
            continue
        if tp is not None and (getattr(target, "place_fallback", False) or _ancestor(p, tp)):
            continue
        if _REFERENCE_BEFORE.search(ctx.text, max(0, m.start - 12), m.start):
            continue    # 'ناحية صوران شمالي حلب': a reference point, not another scene
        return True
    return False


def fatality_totals(claims: list[FatalityClaim], kind: str) -> tuple[int | None, int | None, int | None]:
    """(low, best, high) for one event from its figures: per side, the reports of the same dead are
    not added (lowest for low, highest for best); sides are added; a figure without a side is an
    alternative total."""
    cs = [c for c in claims if c.kind == kind and c.value is not None]
    if not cs:
        return None, None, None
    sides: dict[str, list[FatalityClaim]] = {}
    unsided: list[FatalityClaim] = []
    for c in cs:
        (sides.setdefault(c.side, []) if c.side else unsided).append(c)
    lows, bests, highs = [], [], []
    if sides:
        lows.append(sum(min(x.low if x.low is not None else x.value for x in v) for v in sides.values()))
        bests.append(sum(max(x.value for x in v) for v in sides.values()))
        highs.append(sum(max(x.high if x.high is not None else x.value for x in v) for v in sides.values()))
    for c in unsided:
        lows.append(c.low if c.low is not None else c.value)
        bests.append(c.value)
        highs.append(c.high if c.high is not None else c.value)
    low = min(lows)
    return low, max(bests), max(highs)
