"""Demonstrations (ACLED Protests and Riots): is a crowd there, how did the authorities respond, did
the crowd turn violent, and who takes part (actor1 the demonstrators, actor2 the intervening force).

Cues are read over the trigger's sentence and the next one: a report often tells the march first and
the tear gas in the following sentence ("خرج الآلاف في مسيرات … / وأطلقت الشرطة الغاز المسيل للدموع").
"""

from __future__ import annotations

import regex

from ..model import Actor
from .context import Context
from .lexicon import Hit
from .roles import Roles

PROTESTERS = Actor(id="protesters", name="Protesters", name_ar="متظاهرون", kind="protesters", inter=6)
RIOTERS = Actor(id="rioters", name="Rioters", name_ar="مثيرو شغب", kind="rioters", inter=5)

DEMONSTRATION_FAMILIES = frozenset({"protest", "riot"})
_CROWD_INTER = (5, 6)

# Normalised stems (matched at a word start after optional و/ف/ب/ل/ال): people gathered in numbers,
# what a crowd does (chants, banners, demands).
_CROWD = regex.compile(
    r"(?<!\p{L})(?:[وفبل]|وال|بال|فال|لل|ال)?(?:متظاهر|محتج|معتصم|مضرب|اضرب|الاف|ا?لاف|مئات|عشرات|حشود|حشد|جموع|جماهير|"
    r"انصار|طلاب|طلبه|مواطن|اهالي|سكان|عمال|نشطاء|ناشط|شبان|هتف|يهتفون|هاتفين|هتافات|مرددين|رددوا|شعارات|"
    r"لافتات|رافعين|احتجاج|منددين|تنديد|مطالبين|للمطالبه|غاضب|نقابات|موظف)"
)
_DRONE_BEFORE = ("طاير", "الطاير", "بطاير", "وطاير")   # normalised طائرة

# Authorities breaking up a demonstration.
_INTERVENTION = regex.compile(
    r"تفريق|لتفريق|فرقت|فرق(?:ت)?\s+(?:الشرطه|قوات)|فضت|فض\s|قمع|الغاز\s+المسيل|مسيل\s+للدموع|قنابل\s+الغاز|"
    r"خراطيم\s+المياه|خراطيم|الرصاص\s+المطاطي|الهراوات|بالهراوات|اعتقال\s+(?:عدد\s+من\s+)?(?:ال)?(?:متظاهر|محتج)|"
    r"اعتقلت|اعتقل\s|اوقفت\s+(?:الشرطه|قوات)"
)
# Lethal or live fire on demonstrators.
_EXCESSIVE = regex.compile(
    r"الرصاص\s+الحي|بالرصاص\s+الحي|اطلاق\s+النار\s+علي\s+(?:ال)?(?:متظاهر|محتج)|اطلق(?:ت)?\s+النار\s+علي|"
    r"(?:مقتل|قتل|استشهاد)\s+(?:\S+\s+)?(?:ال)?(?:متظاهر|محتج)|بالرصاص"
)
# The crowd itself violent: stones, fire, smashing, fighting the police.
_VIOLENT = regex.compile(
    r"اعمال\s+شغب|شغب|رشق|رشقوا|بالحجاره|الحجاره|زجاجات\s+حارقه|مولوتوف|احرقوا|احرق\s+(?:ال)?(?:متظاهر|محتج)|"
    r"اضرموا|اضرم\s+(?:ال)?(?:متظاهر|محتج)|الاطارات|اطارات|حطموا|تحطيم|خربوا|اصطدموا|اشتبكوا|"
    r"اعتدوا|هاجموا|اقتحموا|اقتحم\s+(?:ال)?(?:متظاهر|محتج)"
)


# What demonstrators do (normalised stems at a word start, و/ف allowed): a word for the demonstrators
# makes an event only next to one of these (هتف المتظاهرون، أغلق محتجون الطريق), not when they are
# merely named (انتقد المتظاهرين، كان بين المتظاهرين).
_ACTS = regex.compile(
    r"(?<!\p{L})[وف]?(?:هتف|يهتف|ردد|يردد|رفع|يرفع|خرج|يخرج|نزل|ينزل|سار|يسير|تجمع|يتجمع|احتشد|يحتشد|اغلق|يغلق|"
    r"قطع|يقطع|احرق|يحرق|اضرم|رشق|يرشق|اعتصم|يعتصم|تظاهر|يتظاهر|طالب|يطالب|ندد|يندد|توجه|يتوجه|تدفق|اقتحم|"
    r"يقتحم|حاصر|يحاصر|سد|جاب|جلس|نصب|اشعل|قذف|رمي|اصطدم|اشتبك|حمل|يحمل|نظم|شارك|يشارك|انطلق|زحف|تحدي|"
    r"احتج|يحتج|اعتدي|هاجم|حطم|سيطر|دخل|اقام|اضرب|يضرب|تمكن|نجح|واصل|يواصل|بدا|تجمهر|الاف|مئات|عشرات|حشود|"
    r"نحو|اكثر|قرابه|حوالي|ا?لاف)"
)


def demonstrators_act(ctx: Context, h: Hit) -> bool:
    """A word for the demonstrators (المتظاهرون، محتجين) names a demonstration when they act in the
    words around it, are counted (آلاف المتظاهرين), or are dispersed, shot or fight in its sentence."""
    s0, s1 = ctx.sents[ctx.sentence_of(h.start)]
    before = ctx.text[max(s0, h.start - 40):h.start].split()[-3:]
    after = ctx.text[h.end:min(s1, h.end + 30)].split()[:2]
    if any(_ACTS.match(w) for w in before + after):
        return True
    if any(q.end <= h.start and ctx.token_gap(q.end, h.start) <= 1 for q in Context.within(ctx.quantities, max(s0, h.start - 30), h.start)):
        return True
    s = ctx.text[s0:s1]
    return bool(_INTERVENTION.search(s) or _EXCESSIVE.search(s) or _VIOLENT.search(s))


def crowd_near(ctx: Context, h: Hit, window: int = 8) -> bool:
    """A crowd word within a few tokens of a cue that needs one (تجمع، احتشد، مسيرات، الحجارة)."""
    prev = ctx.text[max(0, h.start - 12):h.start].split()[-1:]
    if prev and prev[0].startswith(_DRONE_BEFORE):
        return False          # طائرة مسيرة: a drone, not a march
    s0, s1 = ctx.sents[ctx.sentence_of(h.start)]
    for m in _CROWD.finditer(ctx.text, s0, s1):
        if h.cue_start <= m.start() < h.end:
            continue
        a, b = (m.end(), h.start) if m.end() <= h.start else (h.end, m.start())
        if ctx.token_gap(a, b) <= window:
            return True
    return False


def protest_cues(ctx: Context, si: int) -> set[str]:
    """intervention / excessive / violent, read over sentence si and the next one."""
    s0 = ctx.sents[si][0]
    s1 = ctx.sents[min(si + 1, len(ctx.sents) - 1)][1]
    s = ctx.text[s0:s1]
    cues = set()
    if _INTERVENTION.search(s):
        cues.add("intervention")
    if _EXCESSIVE.search(s):
        cues.add("excessive")
    if _VIOLENT.search(s):
        cues.add("violent")
    return cues


def demonstration(ctx: Context, h: Hit, family: str, sub: str, roles: Roles, si: int) -> tuple[str, Roles]:
    """Sub-event type and roles of a demonstration, or of a clash/attack whose side is a crowd
    (مواجهات بين محتجين والشرطة → Violent demonstration; هاجم حشد غاضب … → Mob violence)."""
    crowd = _crowd_actor(ctx, h, si)
    if family in DEMONSTRATION_FAMILIES:
        if sub == "Violent demonstration" or family == "riot":
            sub = "Violent demonstration"
        roles.actor1 = crowd or (RIOTERS if sub == "Violent demonstration" else PROTESTERS)
        roles.assoc1 = None
        roles.civilian_target = False
        roles.armed_target = False
        if sub != "Peaceful protest":
            roles.actor2 = _state_force(ctx, si)
        else:
            roles.actor2 = None
        roles.assoc2 = None
        return sub, roles
    sides = [a for a in (roles.actor1, roles.actor2) if a is not None]
    crowd_side = next((a for a in sides if a.inter in _CROWD_INTER), None)
    if crowd_side is None:
        return sub, roles
    other = next((a for a in sides if a is not crowd_side), None)
    if family in ("clash", "storm", "attack") and (other is None or other.inter in (1, None)) \
            and not roles.civilian_target:
        # a crowd fighting, storming or attacking the police/army (stones, sticks): a riot, not a battle
        roles.actor1, roles.actor2 = crowd_side, other
        return "Violent demonstration", roles
    if roles.actor1 is crowd_side and family in ("attack", "kill", "shoot", "assassinate", "execute") \
            and (other is None or other.inter == 7 or roles.civilian_target):
        return "Mob violence", roles
    return sub, roles


def _crowd_actor(ctx: Context, h: Hit, si: int) -> Actor | None:
    """The demonstrators' actor mention nearest the trigger in its sentence (the trigger word itself
    when it names them: المتظاهرون)."""
    s0, s1 = ctx.sents[si]
    best, dist = None, 1 << 30
    for m in Context.within(ctx.actors, s0, s1):
        if m.obj.inter not in _CROWD_INTER:
            continue
        d = 0 if (m.start < h.end and h.start < m.end) else min(abs(m.start - h.end), abs(h.start - m.end))
        if d < dist:
            best, dist = m.obj, d
    return best


def _state_force(ctx: Context, si: int) -> Actor | None:
    """The state force (police, security forces, army) named in the sentence or the next one."""
    s0 = ctx.sents[si][0]
    s1 = ctx.sents[min(si + 1, len(ctx.sents) - 1)][1]
    for m in Context.within(ctx.role_actors, s0, s1):
        if m.obj.inter == 1:
            return m.obj
    return None
