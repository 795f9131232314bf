"""Who did what to whom around one trigger: actor1 (initiator) and actor2 (target/opponent), with
associated actors joined by و. Works on the actor mentions of the trigger's clause and the words
between them and the trigger:

  active verb, subject after it (VSO) or before it (SVO)   قصفت طائرات النظام … / النظام قصف …
  noun trigger + genitive or لـ                              غارات التحالف / قصف لطائرات النظام
  target after على / ضد / مواقع / نقاط …                     شن X غارات على Y / استهدف X مواقع Y
  passive or exposure                                       تعرض Y لهجوم من X / من قبل X
  symmetric                                                  اشتباكات بين X و Y
Civilians become actor2 when civilian words follow the trigger and no armed target is named.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..model import Actor
from .context import Context, Mention
from .lexicon import Hit

CIVILIANS = Actor(id="civilians", name="Civilians", name_ar="مدنيون", kind="civilians", inter=7)

_AGENT_WORDS = ("من قبل", "من طرف", "شنه", "شنها", "نفذه", "نفذها", "شنتها", "شنته", "نفذته", "نفذتها", "يد",
                "برصاص", "بنيران", "بواسطه")
_TARGET_PREPS = frozenset({"علي", "ضد", "استهدف", "استهدفت", "تستهدف", "يستهدف", "باتجاه", "نحو"})
_EXPOSED = ("تعرض", "تتعرض", "يتعرض", "تعرضت")
# verbs that carry a noun trigger (شن X غارات، نفذ X هجوما): a subject before them is the agent
_LIGHT_VERBS = ("شن", "نفذ", "ارتكب", "بدا", "واصل", "تواصل", "صعد", "جدد", "يشن", "تشن", "خاض", "تخوض", "يخوض",
                "اطلق", "القي", "القت", "اسقط", "فجر", "زرع", "قام", "تمكن", "نجح", "تمكنت", "نجحت",
                "القاء", "اطلاق", "تنفيذ", "قيام")


# A reporting participle after the trigger opens the speaker's own account: names after it take no role.
_REPORTING_AFTER = regex.compile(r"(?<!\p{L})و?(?:موضحا|مضيفا|مشيرا|قائلا|مؤكدا|موكدا|لافتا|متابعا)(?!\p{L})")


@dataclass
class Roles:
    actor1: Actor | None = None
    assoc1: Actor | None = None
    actor2: Actor | None = None
    assoc2: Actor | None = None
    civilian_target: bool = False
    armed_target: bool = False


def assign_roles(ctx: Context, h: Hit, family: str, seg: tuple[int, int]) -> Roles:
    c0, c1 = ctx.clause(h.start)
    s0, s1 = seg
    lo, hi = min(c0, s0), max(c1, s1)
    mentions = Context.within(ctx.role_actors, lo, hi)
    agents: list[Mention] = []
    targets: list[Mention] = []
    r = Roles()
    text = ctx.text
    # ل + masdar (تعرضت القرى لقصف، صورا لقصف) reads like a verb entry but names the event as a noun
    verb = h.is_verb and not h.prefix.startswith("ل")

    between = _between_pair(ctx, h, mentions)
    if between:
        a, b = between
        agents, targets = [a], [b]
    else:
        for m in mentions:
            if m.end <= h.start:  # before the trigger
                if m.start < s0 - 0 and ctx.breaks_between(m.end, h.start, soft=False):
                    continue
                gap_words = text[m.end:h.start].split()
                if _agent_of_description(text, m.start):
                    continue    # المحاصر من قبل X لقصف: X is the agent of the participle, not of the trigger
                if m.obj.inter not in (None, 7) and _victim_before(ctx, h, m):
                    targets.append(m)   # قتل ثلاثة جنود … بانفجار عبوة: the killed, not the bombers
                elif any(w.lstrip("و").startswith(_EXPOSED) for w in gap_words) or _is_exposed_subject(ctx, m, h):
                    targets.append(m)
                elif (len(gap_words) <= 6 and not ctx.breaks_between(m.end, h.start, soft=True)
                      and (verb or any(w.lstrip("و").startswith(_LIGHT_VERBS) for w in gap_words))):
                    agents.append(m)
                elif _prev_word(text, m.start).lstrip("و").startswith(_LIGHT_VERBS) and len(gap_words) <= 4:
                    agents.append(m)   # شن X غارات / نفذ X هجوما
                elif (not verb and len(gap_words) <= 14 and _light_verb_before(text, m.start)
                      and not ctx.breaks_between(m.end, h.start, soft=False)
                      and not any(m.end <= o.start < h.start for o in mentions)):
                    agents.append(m)   # وشنت قوة X المؤلفة من …، الأسبوع الماضي هجوما: a described subject
                elif _prev_word(text, m.start) in _TARGET_PREPS:
                    targets.append(m)
                elif (h.prefix.startswith("ب") and len(gap_words) <= 12 and _clause_subject(ctx, m)
                      and not ctx.breaks_between(m.end, h.start, soft=False)):
                    agents.append(m)   # أمطرت الفصائل … البلدات بالقذائف: the verb's subject fires the weapon
                continue
            if m.start >= s1:
                continue
            if _REPORTING_AFTER.search(text, h.end, m.start):
                continue      # '…، موضحا لوكالة … ان المهاجمين': the witness's own account, not a role
            prev_w = _prev_word(text, m.start)
            prefix = _attached_prefix(text, m.start) + text[m.start:m.start + 2]
            left = text[h.end:m.start]
            gap = ctx.token_gap(h.end, m.start)
            if _victim(ctx, h, m):
                targets.append(m)  # أسفر عن مقتل ضابط وثلاثة جنود: the killed are the target, never the agent
            elif any(w in left[-14:] for w in _AGENT_WORDS) and not _has_target_word(ctx, h.end, m.start):
                agents.append(m)
            elif h.is_verb and gap == 0 and not agents and m.obj.inter not in (None, 7) and \
                    not _attached_prefix(text, m.start):
                agents.append(m)   # VSO: استهدفت طائرات التحالف مواقع …: the subject right after the verb
            elif _instrument_actor(ctx, m) and not agents:
                agents.append(m)   # بالبراميل المتفجرة: a weapon only one side has names the perpetrator
            elif _has_target_word(ctx, max(h.end, m.start - 30), m.start) or prev_w in _TARGET_PREPS:
                targets.append(m)
            elif prev_w in ("من", "لصالح") and not agents and family not in ("take", "retake", "advance"):
                agents.append(m)
            elif gap <= 3 and (prefix.startswith("ل") or prev_w in ("ل", "لـ")) and not agents:
                agents.append(m)
            elif gap <= 3 and not agents:
                agents.append(m)
            else:
                targets.append(m)

    # civilians are never the initiator of violence: a civilian 'agent' is a victim
    targets = [m for m in agents if m.obj.inter == 7 and family not in ("protest", "riot")] + targets
    agents = [m for m in agents if not (m.obj.inter == 7 and family not in ("protest", "riot"))]
    agents = _unique(agents)
    targets = [t for t in _unique(targets) if all(t.obj.id != a.obj.id for a in agents)]
    if agents:
        r.actor1 = agents[0].obj
        if len(agents) > 1 and _coordinated(ctx, agents[0], agents[1]):
            r.assoc1 = agents[1].obj
    if targets:
        r.actor2 = targets[0].obj
        if len(targets) > 1 and _coordinated(ctx, targets[0], targets[1]):
            r.assoc2 = targets[1].obj
    if r.actor1 is None and len(targets) >= 2 and family == "clash":
        r.actor1, r.actor2 = targets[0].obj, targets[1].obj
    if family == "clash" and h.form in _REPEL:
        attacker = _attacker_repelled(ctx, h, mentions)
        if attacker is not None and (r.actor1 is None or attacker.obj.id != r.actor1.id):
            # تصد X هجوم Y / صدت X هجوما لـ Y: ACLED's initiator is the side that attacked
            r.actor1, r.assoc1, r.actor2, r.assoc2 = attacker.obj, None, r.actor1 or r.actor2, r.assoc1
    if r.actor2 is None and family not in ("protest", "riot", "arrest", "agreement", "change", "base"):
        victims = counted_forces(ctx, h, lo, hi)
        if victims is not None and (r.actor1 is None or victims.id != r.actor1.id):
            r.actor2 = victims
    r.armed_target = r.actor2 is not None and r.actor2.inter not in (None, 7)
    civ_after = [c for c in ctx.kind("civ", h.start, hi)]
    civ_before = [c for c in ctx.kind("civ", c0, h.start) if ctx.token_gap(c.end, h.start) <= 8]
    if r.actor2 is not None and r.actor2.inter == 7:
        r.civilian_target = True
    elif (civ_after or civ_before) and not r.armed_target:
        r.civilian_target = True
        if r.actor2 is None:
            r.actor2 = CIVILIANS
    return r


_REPEL = frozenset({"صد", "صدت", "تصدي", "تصدت"})
_ATTACK_NOUNS = ("هجوم", "هجوما", "هجمات", "هجمه", "تقدم", "محاوله تقدم", "محاوله تسلل", "تسلل")


def _attacker_repelled(ctx: Context, h: Hit, mentions: list[Mention]) -> Mention | None:
    """The actor named right after the attack noun that a repel verb governs (هجوم داعش، هجوما لمسلحي داعش)."""
    after = ctx.text[h.end:h.end + 30].split()
    i = next((k for k, w in enumerate(after[:3]) if w.lstrip("لو").startswith(_ATTACK_NOUNS)), None)
    if i is None:
        return None
    for m in mentions:
        if m.start > h.end and ctx.token_gap(h.end, m.start) <= i + 3 and m.obj.inter not in (None, 7):
            return m
    return None


def _agent_of_description(text: str, pos: int) -> bool:
    """'المحاصر من قبل X' / 'الخاضعة لسيطرة X' told before the trigger: X is the agent of that
    description of a place, not of the event after it."""
    ws = text[max(0, pos - 24):pos].split()[-2:]
    return ws in (["من", "قبل"], ["من", "طرف"]) or bool(ws and ws[-1].lstrip("و").startswith(("لسيطره", "سيطره")))


def _light_verb_before(text: str, pos: int) -> bool:
    """A light verb (شن، نفذ) one or two words before the mention (شنت قوة X، نفذت قوات X)."""
    ws = text[max(0, pos - 30):pos].split()[-2:]
    return any(w.lstrip("و").startswith(_LIGHT_VERBS) for w in ws) and not _attached_prefix(text, pos)


def _clause_subject(ctx: Context, m: Mention) -> bool:
    """The mention follows its clause's first word (a verb: أمطرت X، قصفت X), unprefixed."""
    c0 = ctx.clause(m.start)[0]
    words = [w.strip("،,") for w in ctx.text[c0:m.start].split()]
    lead = [w for w in words if w not in ("من", "جهه", "اخري", "ناحيه", "جانب", "ذلك", "")]
    return (len(words) <= 4 and len(lead) == 1 and not lead[0].startswith(("ال", "وال", "في", "من"))
            and not _attached_prefix(ctx.text, m.start))


def _victim_before(ctx: Context, h: Hit, m: Mention) -> bool:
    """'قتل ثلاثة جنود …، مقتل ضابط … بانفجار': a mention told after a casualty noun, or after a
    casualty word and a count, before the trigger is a victim."""
    for c in ctx.kind("cas", max(0, m.start - 30), m.start):
        if c.end > m.start or c.start >= h.start or ctx.breaks_between(c.end, m.start, soft=False):
            continue
        between = ctx.text[c.end:m.start].split()
        if not between and not c.is_verb and not ctx.text[c.start:c.end].startswith("قتل"):
            return True
        if len(between) in (1, 2) and Context.within(ctx.quantities, c.end, m.start):
            return True
    return False


# Counted soldiers or policemen named only by a noun (16 جنديا عراقيا، أربعة من رجال الشرطة).
_FORCE_NOUNS = regex.compile(
    r"(?<!\p{L})(?:[وب]?(?:ال)?(?:جندي(?:ا|ين|ان)?|جنود(?:ا)?|عسكري(?:ا|ين|ون)?|ضابط(?:ا|ين)?|ضباط)"
    r"|(?:[وب]?(?:ال)?شرطي(?:ا|ين|ان)?)|(?:رجال|عناصر|افراد|عنصرين|عنصرا|عنصر)\s+(?:من\s+)?(?:ال)?(?:شرطه|امن))(?!\p{L})")


def counted_forces(ctx: Context, h: Hit, lo: int, hi: int) -> Actor | None:
    """The state force whose members were killed or wounded in the clause, named only by a noun:
    the country of the adjective after it (جنود أتراك), else the theatre of the article."""
    from .context import demonym_country, force_of
    for mt in _FORCE_NOUNS.finditer(ctx.text, lo, hi):
        near_cas = ctx.kind("cas", max(lo, mt.start() - 40), mt.start()) or ctx.kind("cas", mt.end(), min(hi, mt.end() + 40))
        counted = Context.within(ctx.quantities, max(lo, mt.start() - 20), mt.start())
        if not (near_cas or counted):
            continue
        nxt = ctx.text[mt.end():mt.end() + 20].split()[:1]
        cc = (demonym_country(nxt[0]) if nxt else None) or ctx.article_country
        if cc is None:
            return None
        role = "police" if ("شرط" in mt.group() or "امن" in mt.group()) else "military"
        return force_of(ctx, cc, role)
    return None


def _victim(ctx: Context, h: Hit, m: Mention) -> bool:
    """A mention right after a casualty word (مقتل، استشهاد، إصابة، جرح) told after the trigger."""
    return any(c.start >= h.end and ctx.token_gap(c.end, m.start) <= 1
               for c in ctx.kind("cas", max(h.end, m.start - 24), m.start))


def _instrument_actor(ctx: Context, m: Mention) -> bool:
    glued = _attached_prefix(ctx.text, m.start) + ctx.text[m.start:m.start + 2]
    return glued.startswith("ب") and bool(ctx.kind("instr", m.start - 4, m.end + 1))


def _between_pair(ctx: Context, h: Hit, mentions: list[Mention]):
    """اشتباكات بين X و Y (also 'بين الطرفين' gives nothing)."""
    i = ctx.text.find("بين", h.end, h.end + 60)
    if i < 0:
        return None
    after = [m for m in mentions if m.start > i]
    if len(after) >= 2 and ctx.text[after[0].end:after[1].start].strip() in ("و", "", "، و") :
        return after[0], after[1]
    if len(after) >= 2 and ctx.token_gap(after[0].end, after[1].start) <= 4 and ctx.text.find(" و", after[0].end, after[1].start + 1) >= 0:
        return after[0], after[1]
    return None


def _is_exposed_subject(ctx: Context, m: Mention, h: Hit) -> bool:
    return h.prefix in ("ل", "لل") and any(w.startswith(_EXPOSED) for w in ctx.text[max(0, m.start - 20):m.start].split()[-2:])


def _has_target_word(ctx: Context, a: int, b: int) -> bool:
    return bool(ctx.kind("tgt", a, b) or ctx.kind("civ", a, b))


def _attached_prefix(text: str, pos: int) -> str:
    """Letters glued before a mention inside the same word (لـ of لطائرات when the mention starts at طائرات)."""
    i = pos
    while i > 0 and text[i - 1].isalpha() and pos - i < 4:
        i -= 1
    return text[i:pos]


def _prev_word(text: str, pos: int) -> str:
    ws = text[max(0, pos - 20):pos].split()
    return ws[-1] if ws else ""


def _coordinated(ctx: Context, a: Mention, b: Mention) -> bool:
    mid = ctx.text[a.end:b.start].strip(" ()«»\"")
    return mid in ("و", "") or (b.start < a.end + 4 and ctx.text[b.start - 1:b.start + 1].startswith("و"))


def _unique(ms: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in ms:
        if m.obj.id not in seen:
            seen.add(m.obj.id)
            out.append(m)
    return out
