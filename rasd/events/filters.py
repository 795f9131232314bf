"""Not-event filters: a trigger that is future, planned, threatened, conditional, negated, denied,
habitual, generic ("كما يحدث في …"), background (past years), a state of control ("مناطق سيطرة")
or a purpose infinitive ("مبررا لقصف …") does not make an event. Returns the reason, or None."""

from __future__ import annotations

import regex

from .context import Context
from .lexicon import FUTURE_PREFIXES, Hit
from .protests import crowd_near, demonstrators_act

_ANAPHORIC = frozenset({"هذا", "هذه", "ذلك", "تلك", "وهذا", "وهذه", "نفس", "ذات"})
_SUBJECTED = ("تعرض", "يتعرض", "تتعرض", "تعرضت", "تعرضوا", "اثر", "جراء", "نتيجه", "بسبب", "عقب", "خلال")
_PURPOSE_PREFIXES = frozenset({"ل", "لل", "ول", "ولل", "فل", "فلل"})


# After لم / لن: verbs of ability whose object is the event that did not happen (لم تستطع … التقدم).
_ABILITY = ("تستطع", "يستطع", "تتمكن", "يتمكن", "تنجح", "ينجح", "يستطيعوا", "يتمكنوا", "تستطيع", "يستطيع")
# Times of day read as the verb فجر (detonated): فجر أمس، فجر الخميس.
_DAWN_NEXT = frozenset({"امس", "اليوم", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت",
                        "يوم", "الاحد،", "امس،", "اول", "الثلاثاء،", "الجمعه،", "السبت،", "الخميس،", "الاثنين،"})
_DAWN_PREV = frozenset({"صباح", "منذ", "قبيل", "عند", "حتي", "فجر"})
# Definite plural + a number word: a total over events told one by one (تفجيرات كابل الثلاثة).
_SUMMARY_NEXT = frozenset({"الثلاثه", "الثلاث", "الاربعه", "الاربع", "الخمسه", "الخمس", "الاخيره", "المتتاليه",
                           "المتزامنه"})

_DISTRICTS_PLURAL = frozenset({"مديريات", "محافظات", "قري", "بلدات", "مدن", "مناطق", "نواحي", "اقضيه"})

# Lexicon flags w / b: a verb that is an event only with this object a few words after it (VSO).
_OBJECT_NEEDED = {
    "w": regex.compile(r"(?:[وب]?(?:ال)?)(?:اسلح|سلاح|ذخائر|ذخاير|متفجر|عبوات|عبوه|صواريخ|قذائف|الغام|كميه|كميات|مخزن|مخبا)"),
    "b": regex.compile(r"(?:[وب]?(?:ال)?)(?:قاعده|قواعد|نقطه|نقاط|مقر|مقرات|معسكر|ثكنه|موقع\s*عسكري)"),
}

_AIMED = ("استهدف", "يستهدف", "تستهدف", "استهدفت", "يريد", "تريد", "يحاول", "تحاول")


_RELATIVE = ("التي", "الذي", "اللتين", "اللذين", "اللتان", "اللذان")
_WHEN_WORDS = ("امس", "اليوم", "الليله", "صباح", "مساء", "فجر", "ظهر", "السبت", "الاحد", "الاثنين", "الثلاثاء",
               "الاربعاء", "الخميس", "الجمعه")


def _relative_background(ctx: Context, h: Hit) -> bool:
    """A territory verb right after a relative pronoun (with كان/كانت between) and no day named in its
    clause: the clause describes the place (who took or holds it), it tells no new event."""
    prev = ctx.text[max(0, h.start - 24):h.start].split()[-2:]
    if not prev:
        return False
    if prev[-1] in ("كانت", "كان") and len(prev) == 2:
        prev = prev[:1]
    if prev[-1] not in _RELATIVE:
        return False
    c0, c1 = ctx.clause(h.start, soft=True)
    return not any(w.lstrip("وب") in _WHEN_WORDS for w in ctx.text[h.end:c1].split())


def not_event_reason(ctx: Context, h: Hit) -> str | None:
    if h.is_verb and h.prefix in FUTURE_PREFIXES:
        return "future"
    if "c" in h.flags and not crowd_near(ctx, h):
        return "no crowd"     # تجمع، احتشد، مسيرات، الحجارة: a demonstration only with a crowd around
    for flag, obj in _OBJECT_NEEDED.items():
        if flag in h.flags and not any(obj.match(w) for w in ctx.text[h.end:h.end + 60].split()[:5]):
            return "other object"   # ضبطت + weapons, أنشأت + a base: the verb alone names no event
    if "p" in h.flags and not demonstrators_act(ctx, h):
        return "demonstrators named"   # انتقد المتظاهرين: the people, not a demonstration
    if is_dawn(ctx, h):
        return "dawn"
    if h.label in ("take", "retake", "withdraw") and h.is_verb and _relative_background(ctx, h):
        return "background"   # بلدة عين العرب التي طردت وحدات X التنظيم منها: a place described by its past
    if any(k.label in ("take", "retake", "withdraw") and k.is_verb and k.end <= h.start
           and ctx.token_gap(k.end, h.start) <= 12 and not ctx.breaks_between(k.end, h.start, soft=False)
           and _relative_background(ctx, k) for k in ctx.kind("trigger", max(0, h.start - 120), h.start)):
        return "background"   # … التي طردت منها X التنظيم بعد معارك عنيفة: the fighting of that past
    if h.label in ("take", "retake") and not h.is_verb:
        prev = ctx.text[max(0, h.start - 20):h.start].split()[-1:]
        if prev and prev[0].lstrip("و").startswith(_AIMED):
            return "aim"
    c0, c1 = ctx.clause(h.start)
    sent0, _ = ctx.sents[ctx.sentence_of(h.start)]
    for m in ctx.kind("mod", c0, c1):
        if m.start <= h.start < m.end or h.start <= m.start < h.end:
            if m.label == "control":
                return "control"
            continue
        before = m.end <= h.start
        gap = ctx.token_gap(m.end, h.start) if before else ctx.token_gap(h.end, m.start)
        lab = m.label
        if lab == "negation" and before and gap <= 1:
            return "negated"
        if lab == "negation" and before and gap <= 8 and m.form in ("لم", "لن"):
            nxt = ctx.text[m.end:m.end + 12].split()[:1]
            if nxt and nxt[0].startswith(_ABILITY):
                return "negated"
        if lab == "negation" and before and gap <= 3 and m.form in ("دون", "بدون"):
            return "negated"
        if lab == "negation" and before and gap <= 3 and m.form in ("لم", "لن", "لا") and \
                "اي" in ctx.text[m.end:h.start].split():
            return "negated"      # لم تطلق أي قذيفة: the verb and 'any' stand between
        if lab in {"future", "plan", "threat", "conditional"} and ((before and gap <= 6) or (not before and lab == "future" and gap <= 4)):
            return lab
        if lab == "attempt" and before and gap <= 3 and h.label in ("take", "retake", "advance", "storm"):
            return "attempt"
        if lab == "generic" and before:
            return "generic"
        if lab == "topic" and gap <= 2:
            return "not kinetic"    # هجمات سايبر، حرب إعلامية: not armed violence
        if lab == "describes" and before and gap <= 3:
            return "habitual"       # دوما التي تشهد هجمات: what the place usually sees
        if lab == "habitual" and gap <= 6:
            return "habitual"
        if lab == "background" and gap <= 8:
            return "background"
        if lab == "control" and before and gap <= 1:
            return "control"
    if _dated_long_before(ctx, h, c0, c1):
        return "background"
    if h.label in ("blast", "air") and _accident(ctx, h, sent0):
        return "accident"     # تحطمت الطائرة … بانفجارها: a crash, not a strike
    if _background_lead(ctx, h, sent0):
        return "background"
    for m in ctx.kind("mod", sent0, h.start):
        if m.label == "deny" and not _responsibility_denied(ctx, m.end, h.start):
            return "denied"
        if m.label == "allege" and ctx.token_gap(m.end, h.start) <= 16:
            return "alleged"
    if h.prefix in _PURPOSE_PREFIXES and _pretext_before(ctx, h):
        return "purpose"      # مبررا لقصف المنطقة، ذريعة لشن هجوم: what would be justified, not done
    # a verb entry read with لل (للسيطرة) is the masdar: a purpose too
    if h.prefix in _PURPOSE_PREFIXES and ("v" not in h.flags or "لل" in h.prefix):
        prev = ctx.text[max(c0, h.start - 60):h.start].split()[-8:]
        if not any(w.startswith(_SUBJECTED) or w.lstrip("و").startswith(_SUBJECTED) for w in prev) and \
                not _condemned(prev[-2:]):
            return "purpose"
    return None


_SHOT_DOWN = ("اسقاط", "اسقط", "اسقطت", "صاروخ", "نيران", "استهداف", "استهدف")


def _accident(ctx: Context, h: Hit, sent0: int) -> bool:
    """An explosion told in a sentence, or after the sentence, that reports a crash or a leak, with
    nothing shot at it."""
    si = ctx.sentence_of(h.start)
    lo = ctx.sents[si - 1][0] if si > 0 else sent0
    hi = ctx.sents[si][1]
    if not any(m.label == "accident" for m in ctx.kind("mod", lo, hi)):
        return False
    return not any(w.lstrip("وب").removeprefix("ال").startswith(_SHOT_DOWN) for w in ctx.text[lo:hi].split())


def _responsibility_denied(ctx: Context, a: int, b: int) -> bool:
    """نفى مسؤولية قواته عن القصف: the denial is of who did it, the shelling itself happened."""
    return any(w.lstrip("و").removeprefix("ال").startswith(("مسوولي", "مسيولي", "مسؤولي")) for w in ctx.text[a:b].split())


# Sentence openers that tell earlier history (وكانت X قد …، يذكر أن، يشار إلى أن).
_LEAD_BACKGROUND = regex.compile(r"^\W*(?:(?:و|ف)?(?:يذكر|يشار|يجدر)\b|وكان(?:ت)?\b(?:\s+\S+){0,4}\s+قد\b)")


def _background_lead(ctx: Context, h: Hit, sent0: int) -> bool:
    """A sentence opened by a background marker (يذكر أن، وكانت X قد اتهمت) recalls an earlier
    event unless it names the day (أمس، صباح الخميس): ACLED codes the event where it is reported."""
    head = ctx.text[sent0:min(h.start, sent0 + 80)]
    if not _LEAD_BACKGROUND.match(head):
        return False
    s1 = ctx.sents[ctx.sentence_of(h.start)][1]
    words = ctx.text[sent0:s1].split()
    return not any(w.lstrip("وبل").removeprefix("ال").strip("،.") in _DAY_WORDS for w in words)


_DAY_WORDS = frozenset({"امس", "يوم", "ليله", "صباح", "مساء", "فجر", "ظهر", "سبت", "احد", "اثنين", "ثلاثاء",
                        "اربعاء", "خميس", "جمعه", "اليوم"})


# استنكار/إدانة لـ X: the ل names what is condemned (an event that happened), not a purpose.
_CONDEMN = ("استنكار", "ادان", "تنديد", "شجب", "منددا", "منددين", "مندده", "مستنكر", "رفض")


def _condemned(prev: list[str]) -> bool:
    return any(w.lstrip("وب").removeprefix("ال").startswith(_CONDEMN) for w in prev)


_BACKGROUND_DAYS = 20


def _dated_long_before(ctx: Context, h: Hit, c0: int, c1: int) -> bool:
    """A date of the trigger's clause weeks before publication (في نهاية يونيو، في شباط): background."""
    pub = ctx.doc.article.published
    if pub is None:
        return False
    for m in Context.within(ctx.dates, c0, c1):
        v = getattr(m.obj, "value", None)
        if v is not None and (pub - v).days > _BACKGROUND_DAYS and abs(m.start - h.start) < 80:
            return True
    return False


def is_dawn(ctx: Context, h: Hit) -> bool:
    """فجر أمس / صباح فجر الخميس: the dawn, not the verb 'detonated'."""
    if h.form != "فجر" or h.end - h.cue_start != 3 or h.prefix not in ("", "و"):
        return False
    nxt = ctx.text[h.end:h.end + 12].split()[:1]
    prev = ctx.text[max(0, h.start - 10):h.start].split()[-1:]
    return bool((nxt and nxt[0] in _DAWN_NEXT) or (prev and prev[0] in _DAWN_PREV))


def is_summary(ctx: Context, h: Hit) -> bool:
    """A figure or wording that totals several events (في مختلف جبهات القتال، تفجيرات كابل الثلاثة،
    حصيلة): the events are told one by one elsewhere."""
    c0, c1 = ctx.clause(h.start)
    for m in ctx.kind("mod", c0, c1):
        if m.label != "summary":
            continue
        gap = ctx.token_gap(m.end, h.start) if m.end <= h.start else ctx.token_gap(h.end, m.start)
        if gap <= 10:
            return True
    nxt = ctx.text[h.end:h.end + 40].split()[:3]
    if any(w in _SUMMARY_NEXT for w in nxt[:2]):
        return True
    # a tally (نفذ الطيران 30 غارة) or a count of districts (سيطرت على ست مديريات، على المديريات الشرقية)
    munition = any(m.start <= h.cue_start < m.end for m in ctx.kind("instr", h.start, h.end + 1))
    for q in Context.within(ctx.quantities, max(c0, h.start - 25), h.start):
        if munition:
            break     # 10 قذائف هاون: a count of shells in one bombardment, not a tally of events
        v = getattr(q.obj, "value", None)
        if v is not None and v >= 10 and ctx.token_gap(q.end, h.start) == 0:
            return True
    for i, w in enumerate(nxt):
        if w.removeprefix("ال") in _DISTRICTS_PLURAL and not _inside_one_town(ctx, h.end, i):
            return True
    return False


_PRETEXT = ("مبرر", "ذريعه", "ذرايع", "حجه", "غطاء", "ضوء اخضر")


def _pretext_before(ctx: Context, h: Hit) -> bool:
    prev = ctx.text[max(0, h.start - 24):h.start].split()[-2:]
    return any(w.lstrip("و").removeprefix("ال").startswith(_PRETEXT) for w in prev[-1:]) or \
        " ".join(prev).removeprefix("ال") == "ضوء اخضر"


def _inside_one_town(ctx: Context, pos: int, i: int) -> bool:
    """'قصف الأحياء السكنية في بلدة X': the districts lie inside one named town, one event."""
    words = list(regex.finditer(r"\S+", ctx.text, pos=pos, endpos=min(len(ctx.text), pos + 100)))[i + 1:i + 4]
    at = next((w.end() for w in words if w.group() == "في"), None)
    if at is None:
        return False
    from .places import place_rank
    towns = [m for m in Context.within(ctx.places, at, at + 30) if place_rank(m.obj) <= 2]
    return bool(towns) and ctx.token_gap(at, towns[0].start) <= 1



def is_anaphoric(ctx: Context, h: Hit) -> bool:
    prev = ctx.text[max(0, h.start - 12):h.start].split()[-1:]
    nxt = ctx.text[h.end:h.end + 8].split()[:1]
    return bool(prev and prev[0] in _ANAPHORIC) or bool(nxt and nxt[0] in {"هذا", "هذه", "ذاته", "نفسه"})
