"""Not-event filters: a trigger that is future, planned, threatened, conditional, negated, denied,
habitual, generic ("كما يحدث في …"), background (past years), a state of control ("مناطق سيطرة")
or a purpose infinitive ("مبررا لقصف …") does not make an event. Returns the reason, or None."""

from __future__ import annotations

from .context import Context
from .lexicon import FUTURE_PREFIXES, Hit

_ANAPHORIC = frozenset({"هذا", "هذه", "ذلك", "تلك", "وهذا", "وهذه", "نفس", "ذات"})
_SUBJECTED = ("تعرض", "يتعرض", "تتعرض", "تعرضت", "تعرضوا", "اثر", "جراء", "نتيجه", "بسبب", "عقب", "خلال")
_PURPOSE_PREFIXES = frozenset({"ل", "لل", "ول", "ولل", "فل", "فلل"})


_AIMED = ("استهدف", "يستهدف", "تستهدف", "استهدفت", "يريد", "تريد", "يحاول", "تحاول")


def not_event_reason(ctx: Context, h: Hit) -> str | None:
    if h.is_verb and h.prefix in FUTURE_PREFIXES:
        return "future"
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
        if lab in {"future", "plan", "threat", "conditional"} and ((before and gap <= 6) or (not before and lab == "future" and gap <= 4)):
            return lab
        if lab == "attempt" and before and gap <= 3 and h.label in ("take", "retake", "advance", "storm"):
            return "attempt"
        if lab == "generic" and before:
            return "generic"
        if lab == "habitual" and gap <= 6:
            return "habitual"
        if lab == "background" and gap <= 8:
            return "background"
        if lab == "control" and before and gap <= 1:
            return "control"
    for m in ctx.kind("mod", sent0, h.start):
        if m.label == "deny":
            return "denied"
    # a verb entry read with لل (للسيطرة) is the masdar: a purpose too
    if h.prefix in _PURPOSE_PREFIXES and ("v" not in h.flags or "لل" in h.prefix):
        prev = ctx.text[max(c0, h.start - 60):h.start].split()[-8:]
        if not any(w.startswith(_SUBJECTED) or w.lstrip("و").startswith(_SUBJECTED) for w in prev):
            return "purpose"
    return None


def is_anaphoric(ctx: Context, h: Hit) -> bool:
    prev = ctx.text[max(0, h.start - 12):h.start].split()[-1:]
    nxt = ctx.text[h.end:h.end + 8].split()[:1]
    return bool(prev and prev[0] in _ANAPHORIC) or bool(nxt and nxt[0] in {"هذا", "هذه", "ذاته", "نفسه"})
