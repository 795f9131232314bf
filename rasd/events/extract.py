"""Events of one article: triggers → typed candidates with roles, places, dates and casualty
figures → merged ACLED-style Event records (one type of violence, same actors, one place, one day).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..model import Actor, Event, FatalityClaim, Place, Span
from .context import Context, build_context
from .fatalities import Casualty, attach_casualties, extract_casualties, fatality_totals
from .filters import is_anaphoric, is_dawn, is_summary, not_event_reason
from .lexicon import Hit
from .places import place_rank, places_for, usable_place
from .protests import demonstration, protest_cues
from .roles import CIVILIANS, Roles, assign_roles
from .typing import ABSORBABLE, ABSORBERS, TERRITORY, VIOLENT, event_type_of, sub_event_type

_ABSORB_TOKENS = 7
_INSTR_AFTER_TOKENS = 5
_INSTR_BEFORE_TOKENS = 3
# How sure a family alone makes us that an event happened (before context adjustments).
_FAMILY_CONFIDENCE = {
    "clash": 0.8, "air": 0.85, "bombard": 0.8, "shell": 0.7, "ied": 0.75, "blast": 0.7, "suicide": 0.85,
    "take": 0.6, "retake": 0.7, "advance": 0.45, "attack": 0.6, "storm": 0.55, "target": 0.55, "kill": 0.5,
    "shoot": 0.6, "assassinate": 0.75, "execute": 0.7, "abduct": 0.7, "sexual": 0.7, "protest": 0.7, "riot": 0.6,
    "arrest": 0.65, "agreement": 0.5, "disrupt": 0.55, "loot": 0.45, "withdraw": 0.4, "chem": 0.8, "grenade": 0.7,
    "foil": 0.5,
}
# ACLED's actor for a perpetrator the report does not name.
UNIDENTIFIED = Actor(id="unidentified", name="Unidentified armed group", kind="armed_group", inter=3)
_UNIDENTIFIED_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


@dataclass
class Candidate:
    trigger: Hit
    family: str
    sent: int
    seg: tuple[int, int]
    sub: str
    roles: Roles
    place: Place | None
    instruments: list[str]
    confidence: float
    date: date | None = None
    time_precision: int | None = None
    date_expression: str | None = None
    casualties: list[Casualty] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    anaphoric: bool = False
    place_fallback: bool = False
    definite: bool = False   # a definite noun (التفجير، الهجوم): often the event told before, named again
    summary: bool = False    # a wording that totals several events (في مختلف الجبهات، حصيلة)


def extract_events(doc, sentence_scorer=None) -> list[Event]:
    ctx = build_context(doc)
    triggers = [h for h in ctx.hits if h.kind == "trigger" and not is_dawn(ctx, h)]
    if not triggers:
        return []
    cands = _candidates(ctx, triggers, sentence_scorer)
    casualties = extract_casualties(ctx)
    attach_casualties(ctx, cands, casualties)
    cands = [c for c in cands if not (c.family == "kill" and not _kill_is_event(ctx, c, cands))]
    merged = _merge(ctx, _drop_summaries(cands))
    _carry_agents(ctx, merged)
    _fallback_places(ctx, merged)
    for c in merged:
        _date(ctx, c)
    merged = _dedupe_article(merged)
    _air_force_of_article(merged)
    return [_to_event(ctx, i, c) for i, c in enumerate(merged, 1)]


# -- candidates -----------------------------------------------------------------------------------
def _candidates(ctx: Context, triggers: list[Hit], sentence_scorer) -> list[Candidate]:
    by_sent: dict[int, list[Hit]] = {}
    for h in triggers:
        by_sent.setdefault(ctx.sentence_of(h.start), []).append(h)
    out: list[Candidate] = []
    for si, hs in by_sent.items():
        hs = _drop_overlaps(hs)
        kept, absorbed = _absorb(ctx, hs)
        violent_non_kill = any(h.label in VIOLENT and h.label != "kill" for h in kept)
        score: float | None = None
        scored = sentence_scorer is None   # scored lazily: most trigger sentences give no candidate
        families_seen: set[str] = set()
        sentence_agent: Roles | None = None
        for j, h in enumerate(kept):
            fam = h.label
            if _inside_name(ctx, h):
                continue      # a trigger word that is part of a place or actor name (حي التحرير)
            if _heading(ctx, h, si):
                continue      # 'معارك اللاذقية وفي ريف اللاذقية …': a section title glued to the body
            if fam in families_seen and "ال" in h.prefix:
                continue      # 'في المواجهات' after 'في مواجهات': the same fighting named again
            families_seen.add(fam)
            if fam == "kill" and violent_non_kill:
                continue          # the killing is the toll of the sentence's other event
            if fam == "raid" and not any(k.label == "arrest" for k in kept):
                continue
            if fam == "storm" and any(k.label in _STORM_PURPOSE for k in kept if k is not h):
                storm_roles = assign_roles(ctx, h, fam, ctx.clause(h.start))
                if storm_roles.actor1 is not None:
                    sentence_agent = storm_roles   # اقتحم المسلحون المنزل واختطفوا …: same subject
                continue      # storming a house to arrest, abduct or shoot: the storming is the means
            if fam in ("take", "retake") and _freed_people(ctx, h):
                continue      # حرر الجيش 30 رهينة: people freed, not territory
            if fam == "withdraw" and any(k.label in ("clash", "take", "retake") for k in kept):
                continue
            if fam == "advance" and not h.prefix and j > 0 and _prev_words(ctx, h, 1) == ["مع"]:
                continue      # تتابع القوات قصفها … مع تقدم بطيء: the manner of the told event, no ground taken
            if fam == "loot" and violent_non_kill:
                continue      # damage done by the sentence's strike or attack
            if not_event_reason(ctx, h):
                continue
            nxt = j + 1
            while nxt < len(kept) and _describing_clause(ctx, kept[nxt - 1], kept[nxt]):
                nxt += 1      # القصف الذي استهدف مطار X: the relative clause places the noun's event
            s1 = kept[nxt].start if nxt < len(kept) else ctx.sents[si][1]
            c0, c1 = ctx.clause(h.start)
            seg = (max(c0, kept[j - 1].end if j > 0 else c0), min(s1, c1) if fam != "clash" else min(max(s1, h.end + 1), c1))
            seg = (seg[0], max(seg[1], h.end))
            instruments = _instruments(ctx, h, seg, absorbed.get(id(h), []))
            roles = assign_roles(ctx, h, fam, seg)
            told_where = _where_clause(ctx, h, si) if fam in ("attack", "clash", "storm") else None
            if told_where is not None and told_where[1]:
                # هجمات … حيث قتل 13 شخصا في قرية Y: the killing of people names the attack
                roles.actor2, roles.assoc2, roles.civilian_target, roles.armed_target = CIVILIANS, None, True, False
            if roles.actor1 is None and sentence_agent is not None and _pro_drop(ctx, h, fam):
                # بعد أن سيطرت على … / واختطفوا …: a verb with no subject of its own continues the
                # subject of the sentence's previous event
                roles.actor1, roles.assoc1 = sentence_agent.actor1, sentence_agent.assoc1
                if roles.actor2 is not None and roles.actor2.id == roles.actor1.id:
                    roles.actor2 = None
            if fam == "withdraw" and roles.actor1 is not None and roles.actor2 is not None:
                # انسحب X من البلدة بعد إنذار Y: ACLED's actor1 is the side that gains the ground
                roles.actor1, roles.actor2 = roles.actor2, roles.actor1
                roles.assoc1, roles.assoc2 = roles.assoc2, roles.assoc1
            if roles.actor1 is not None:
                sentence_agent = roles
            inter1 = roles.actor1.inter if roles.actor1 else None
            if roles.assoc1 is not None and roles.assoc1.inter == 1:
                inter1 = 1    # government forces and their allies regain territory together
            sub = sub_event_type(fam, instruments, inter1,
                                 roles.civilian_target, roles.armed_target, protest_cues(ctx, si))
            if sub is None:
                continue
            sub, roles = demonstration(ctx, h, fam, sub, roles, si)   # crowds: who demonstrates / intervenes
            if fam in TERRITORY and sub == "Armed clash" and fam == "advance":
                continue
            conf = _FAMILY_CONFIDENCE.get(fam, 0.5)
            if not scored:
                score, scored = sentence_scorer(ctx.text[slice(*ctx.sents[si])]), True
            if score is not None:
                conf = 0.7 * conf + 0.3 * score
            definite = (not h.is_verb and ("ال" in h.prefix or h.form.startswith("ال"))) or _claimed(ctx, h)
            places = places_for(ctx, h.start, h.end, seg, sentence_rest=not definite,
                                origin_gives_way=fam in _FIRED) or [None]
            if told_where is not None:
                places = [told_where[0]]
            summary = is_summary(ctx, h)
            for p in places:
                out.append(Candidate(h, fam, si, seg, sub, roles, p, instruments, round(conf, 3),
                                     sentences=[si], anaphoric=is_anaphoric(ctx, h), definite=definite,
                                     summary=summary))
    out.sort(key=lambda c: c.trigger.start)
    return out


# Families of fire sent from one place onto another (the origin is not the event place).
_FIRED = frozenset({"air", "shell", "bombard", "target", "attack"})
_RELATIVE_PRONOUNS = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين"})


def _describing_clause(ctx: Context, noun: Hit, verb: Hit) -> bool:
    """A verb trigger right after a relative pronoun that follows a noun trigger describes it."""
    between = ctx.text[noun.end:verb.start].split()
    return not noun.is_verb and verb.is_verb and len(between) == 1 and between[0] in _RELATIVE_PRONOUNS


# Families whose verb, with no subject of its own, continues the previous subject (not قتل: often passive).
_PRO_DROP = frozenset({"take", "retake", "advance", "abduct", "shoot", "storm", "attack", "bombard", "target", "air",
                       "shell", "clash", "execute", "assassinate", "loot", "arrest", "withdraw"})
_HEADING_NEXT = ("وفي", "وعلي", "ومن", "وقال", "واعلن", "وافاد", "وافادت", "واكد", "واكدت", "وذكر", "وذكرت", "واشار",
                 "واشارت", "وقالت", "واعلنت", "وتواصل", "وتواصلت")


def _where_clause(ctx: Context, h: Hit, si: int) -> tuple[Place, bool] | None:
    """A plural event noun spread over a clause, then told precisely in a حيث clause: 'هجمات … في
    ولاية X، حيث قتل 13 شخصا في قرية Y' is one event at Y. Returns (Y, people were killed)."""
    if not ctx.text[h.cue_start:h.end].endswith("ات"):
        return None
    s1 = ctx.sents[si][1]
    i = ctx.text.find("حيث", h.end, s1)
    if i < 0 or ctx.token_gap(h.end, i) > 12 or ctx.kind("trigger", h.end, i):
        return None
    c0, c1 = ctx.clause(i + 4)
    killed = ctx.kind("cas", c0, c1) or any(k.label == "kill" for k in ctx.kind("trigger", c0, c1))
    if not killed:
        return None
    precise = [m for m in Context.within(ctx.places, c0, c1) if usable_place(ctx, m) and place_rank(m.obj) <= 1]
    if not precise:
        return None
    return precise[0].obj, bool(ctx.kind("civ", c0, c1))


def _prev_words(ctx: Context, h: Hit, n: int) -> list[str]:
    return ctx.text[max(0, h.start - 12 * n):h.start].split()[-n:]


def _pro_drop(ctx: Context, h: Hit, fam: str) -> bool:
    return h.is_verb and fam in _PRO_DROP and h.prefix not in ("ي", "ت", "ن")


def _heading(ctx: Context, h: Hit, si: int) -> bool:
    """A news section title glued to the next sentence (no full stop): a noun trigger opening the
    sentence, then one or two words, then و + a preposition or a reporting verb."""
    s0, s1 = ctx.sents[si]
    head = ctx.text[s0:h.start].split()
    if head or h.is_verb or h.prefix:
        return False
    nxt = ctx.text[h.end:min(s1, h.end + 60)].split()[:3]
    return any(w in _HEADING_NEXT for w in nxt[1:3])


_CLAIM_WORDS = ("مسوولي", "مسيولي", "مسولي", "تبني", "تبنت", "يتبني")   # normalised: مسؤوليته، تبنّى


def _claimed(ctx: Context, h: Hit) -> bool:
    """أعلنت X مسؤوليتها عن هجوم Y: the attack told in the report, claimed."""
    prev = ctx.text[max(0, h.start - 30):h.start].split()[-3:]
    return any(w.lstrip("و").startswith(_CLAIM_WORDS) for w in prev)


_STORM_PURPOSE = frozenset({"arrest", "abduct", "shoot", "execute", "assassinate"})
_FREED = ("رهين", "رهائن", "مختطف", "مخطوف", "اسير", "اسري", "اسرى", "سجين", "سجناء", "معتقل", "محتجز", "اطفال",
          "نساء", "امراه", "مدني")


def _freed_people(ctx: Context, h: Hit) -> bool:
    words = ctx.text[h.end:h.end + 70].split()[:6]
    return any(w.lstrip("وبل").startswith(_FREED) or w.lstrip("وبل").startswith("ال" + _FREED[0]) for w in words) or \
        any(w.lstrip("و").removeprefix("ال").startswith(_FREED) for w in words)


def _inside_name(ctx: Context, h: Hit) -> bool:
    for ms in (ctx.places, ctx.actors):
        for m in Context.within(ms, h.start - 40, h.end):
            if getattr(m.obj, "inter", None) in (5, 6):
                continue   # المتظاهرون names the demonstrators and their demonstration
            if m.start <= h.cue_start and h.end <= m.end + 1 and m.end > h.cue_start:
                return True
    return False


def _drop_overlaps(hs: list[Hit]) -> list[Hit]:
    """Overlapping triggers (قصف جوي over قصف): keep the longest."""
    hs = sorted(hs, key=lambda h: (h.start, -(h.end - h.start)))
    out: list[Hit] = []
    for h in hs:
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


def _absorb(ctx: Context, hs: list[Hit]) -> tuple[list[Hit], dict[int, list[str]]]:
    """An explosive-weapon trigger right after a generic one is its instrument (قصف … بقذائف الهاون)."""
    kept: list[Hit] = []
    absorbed: dict[int, list[str]] = {}
    for h in hs:
        if kept and h.label in ABSORBABLE and kept[-1].label in ABSORBERS:
            prev = kept[-1]
            if ctx.token_gap(prev.end, h.start) < _ABSORB_TOKENS and not ctx.breaks_between(prev.end, h.start):
                absorbed.setdefault(id(prev), []).append("ied" if h.label == "blast" else h.label)
                continue
        if kept and h.label in ABSORBERS and kept[-1].label in ABSORBABLE and h.label in ("bombard", "target"):
            prev = kept[-1]
            # سقوط قذائف … استهدفت: the weapon named first, the generic verb after it
            if ctx.token_gap(prev.end, h.start) < 3 and not ctx.breaks_between(prev.end, h.start):
                continue
        kept.append(h)
    return kept, absorbed


def _instruments(ctx: Context, h: Hit, seg: tuple[int, int], absorbed: list[str]) -> list[str]:
    found: list[tuple[int, str]] = [(0, lab) for lab in absorbed]
    c0, c1 = ctx.clause(h.start)
    for m in ctx.kind("instr", max(c0, h.start - 60), min(c1, h.end + 80)):
        if m.start >= h.end:
            d = ctx.token_gap(h.end, m.start)
            if d <= _INSTR_AFTER_TOKENS:
                found.append((d, m.label))
        elif m.end <= h.start:
            d = ctx.token_gap(m.end, h.start)
            if d <= _INSTR_BEFORE_TOKENS:
                found.append((d + 1, m.label))
    found.sort(key=lambda x: x[0])
    return [lab for _, lab in found]


def _kill_is_event(ctx: Context, c: Candidate, cands: list[Candidate]) -> bool:
    """A killing reported alone is an attack on civilians when civilians died and the place is
    named; otherwise it is the toll of the event told just before."""
    if any(o is not c and o.family != "kill" and abs(o.sent - c.sent) <= 1 for o in cands):
        return False
    return c.roles.civilian_target and c.place is not None


# -- merging --------------------------------------------------------------------------------------
def _compatible_actor(a: Actor | None, b: Actor | None) -> bool:
    return a is None or b is None or a.id == b.id


_BATTLE_PRECEDENCE = {"Government regains territory": 0, "Non-state actor overtakes territory": 0, "Armed clash": 1}


def _merge_sentence_battles(cands: list[Candidate]) -> list[Candidate]:
    """Fighting and a territory change told in one sentence at one place are one event; the
    territory change names it (ACLED)."""
    out: list[Candidate] = []
    for c in cands:
        host = None
        if c.sub in _BATTLE_PRECEDENCE:
            for o in out:
                if (o.sent == c.sent and o.sub in _BATTLE_PRECEDENCE and
                        (o.place is None or c.place is None or o.place.id == c.place.id)):
                    host = o
                    break
        if host is None:
            out.append(c)
            continue
        if _BATTLE_PRECEDENCE[c.sub] < _BATTLE_PRECEDENCE[host.sub]:
            host.sub, host.family = c.sub, c.family
            host.roles.actor1, host.roles.assoc1 = c.roles.actor1 or host.roles.actor1, c.roles.assoc1 or host.roles.assoc1
        _absorb_candidate(host, c)
    return out


def _merge(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    cands = _merge_sentence_battles(cands)
    out: list[Candidate] = []
    for c in cands:
        if c.definite:
            told = _told_event(out, c)
            if told is not None:
                if told.sub != c.sub and "Air/drone strike" in (told.sub, c.sub):
                    c.roles.actor1 = c.roles.assoc1 = None   # الغارات التركية after a suicide bombing: not its author
                _absorb_candidate(told, c)
                continue
        if c.place is None:
            # a place-less mention of a kind of event already told is that event told again
            earlier = [o for o in out if event_type_of(o.sub) == event_type_of(c.sub)
                       and _compatible_actor(o.roles.actor1, c.roles.actor1)]
            same_sub = [o for o in earlier if o.sub == c.sub]
            if same_sub or earlier:
                host = (same_sub or earlier)[-1]
                if host.sub != c.sub and "Air/drone strike" in (host.sub, c.sub):
                    c.roles.actor1 = c.roles.assoc1 = None   # an air strike's pilots are not a bomber's
                _absorb_candidate(host, c)
                continue
            if not (c.trigger.is_verb or c.casualties or c.roles.actor1 is not None):
                continue
        target = None
        for o in out:
            if o.sub != c.sub or not _compatible_actor(o.roles.actor1, c.roles.actor1):
                continue
            same_place = (o.place is not None and c.place is not None and o.place.id == c.place.id)
            placeless = c.place is None or o.place is None
            if same_place or (placeless and (c.anaphoric or abs(c.sent - o.sent) <= 3 or c.sent <= 1 or o.sent <= 1)):
                if placeless and not same_place and _other_same_sub(out, o, c):
                    continue
                target = o
                break
        if target is None:
            out.append(c)
            continue
        _absorb_candidate(target, c)
    return out


def _drop_summaries(cands: list[Candidate]) -> list[Candidate]:
    """A summary mention (في مختلف الجبهات، التفجيرات الثلاثة) adds no event when the article tells
    events of its type one by one; its figures total several events and belong to none."""
    detailed = [c for c in cands if not c.summary]

    def told_in_detail(c: Candidate) -> bool:
        same = [d for d in detailed if event_type_of(d.sub) == event_type_of(c.sub)]
        if not same:
            return False
        vague = c.place is None or place_rank(c.place) >= 3 or c.place.latitude is None
        return vague or any(_near(c.place, d.place, _TOLD_NEAR_KM) for d in same)

    return [c for c in cands if not (c.summary and told_in_detail(c))]


# Definite nouns that name whatever violent event was told before (الهجوم، العملية، الاعتداء).
_GENERIC_FAMILIES = frozenset({"attack", "storm", "target", "blast", "bombard"})


def _told_event(out: list[Candidate], c: Candidate) -> Candidate | None:
    """The earlier event a definite re-mention (التفجير، الهجوم، الاشتباكات) names: the latest one
    of the same type (any violent type for the generic nouns) whose place does not contradict it."""
    generic = c.family in _GENERIC_FAMILIES
    for o in reversed(out):
        same_kind = event_type_of(o.sub) == event_type_of(c.sub) or (generic and o.family in VIOLENT)
        if not same_kind or not (c.anaphoric or _compatible_actor(o.roles.actor1, c.roles.actor1)):
            continue      # تلك الغارات: the demonstrative names the told event whoever the roles say
        if (c.place is None or place_rank(c.place) >= 3 or o.place is None or o.place_fallback
                or o.place.id == c.place.id or place_rank(o.place) >= 3):
            return _sharpen(o, c)
        break   # the latest told event is elsewhere: a new event, unless an earlier one was told near there
    for o in reversed(out):
        same_kind = event_type_of(o.sub) == event_type_of(c.sub) or (generic and o.family in VIOLENT)
        if (same_kind and _compatible_actor(o.roles.actor1, c.roles.actor1) and o.place is not None
                and _near(o.place, c.place, _TOLD_NEAR_KM)):
            return _sharpen(o, c)
    return None


_TOLD_NEAR_KM = 30.0
_NAMELESS_WEAPON = frozenset({"attack", "storm", "target"})


def _sharpen(told: Candidate, c: Candidate) -> Candidate:
    """A re-mention naming the weapon (التفجير) types an event first told without one (الحادث الإرهابي)."""
    if (told.family in _NAMELESS_WEAPON and not told.instruments and c.sub != told.sub
            and event_type_of(c.sub) == "Explosions/Remote violence"):
        told.sub, told.family = c.sub, c.family
    return told


def _linked(a: Place, b: Place) -> bool | None:
    """True: one place or one anchors the other; False: two places located by one anchor
    (X جنوب الرمادي، شرق الرمادي) borrow its coordinates, so distance says nothing; None: undecided."""
    if a.id == b.id or a.anchor == b.id or b.anchor == a.id:
        return True
    if a.relation and b.relation:
        return False
    return None


def _near(a: Place | None, b: Place | None, km: float) -> bool:
    if a is None or b is None:
        return False
    linked = _linked(a, b)
    if linked is not None:
        return linked
    if a.latitude is None or b.latitude is None:
        return False
    return _km(a.latitude, a.longitude, b.latitude, b.longitude) <= km


def _carry_agents(ctx: Context, cands: list[Candidate]) -> None:
    """An anaphoric or definite trigger with no agent of its own (وأسفر القصف عن…، هذا الهجوم)
    takes the agent of the event told just before it in the same paragraph."""
    prev: Candidate | None = None
    for c in sorted(cands, key=lambda c: c.trigger.start):
        if (c.roles.actor1 is None and (c.anaphoric or c.definite) and prev is not None
                and prev.roles.actor1 is not None and 0 <= c.sent - prev.sent <= 1
                and _same_story(prev, c)
                and "\n" not in ctx.text[prev.trigger.end:c.trigger.start]):
            c.roles.actor1 = prev.roles.actor1
        prev = c


def _same_story(prev: Candidate, c: Candidate) -> bool:
    """The agent carries only within one kind of violence: the police who arrest suspects are not
    the authors of the bombing the arrest statement names."""
    return event_type_of(prev.sub) == event_type_of(c.sub) or (prev.family in VIOLENT and c.family in VIOLENT)


def _air_force_of_article(cands: list[Candidate]) -> None:
    """'غارات استهدفت …' with no air force named: when every strike of the article whose perpetrator
    is named was flown by one actor, ACLED credits the unattributed strikes to it too."""
    air = [c for c in cands if c.sub == "Air/drone strike"]
    named = {c.roles.actor1.id: c.roles.actor1 for c in air if c.roles.actor1 is not None}
    if len(named) != 1:
        return
    (actor,) = named.values()
    for c in air:
        if c.roles.actor1 is None:
            c.roles.actor1 = actor
            if c.roles.actor2 is not None and c.roles.actor2.id == actor.id:
                c.roles.actor2 = None


# Sub-event types one report may name differently (a car bomb driven by a suicide attacker).
_SAME_EVENT_SUBS = {frozenset({"Suicide bomb", "Remote explosive/landmine/IED"}),
                    frozenset({"Armed clash", "Government regains territory"}),
                    frozenset({"Armed clash", "Non-state actor overtakes territory"}),
                    frozenset({"Government regains territory", "Non-state actor overtakes territory"})}
_SAME_PLACE_KM = 5.0


def _dedupe_article(cands: list[Candidate]) -> list[Candidate]:
    """ACLED: one event = one sub-event type, same actors, one place, one day. Mentions of the same
    event in the headline, the lead and the body (at the same place, a place within a few km, or a
    governorate / the country containing the town) become one event, placed at the most precise
    place; sibling towns split from one trigger stay apart."""
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: c.trigger.start):
        host = next((o for o in out if _same_event(o, c)), None)
        if host is None:
            out.append(c)
            continue
        vaguer = (c.place is not None and host.place is not None and not c.place_fallback
                  and place_rank(c.place) > place_rank(host.place) + 1)
        if frozenset({host.sub, c.sub}) in _SAME_EVENT_SUBS and not vaguer and (
                c.sub == "Suicide bomb" or (host.sub == "Armed clash" and c.sub in _BATTLE_PRECEDENCE)):
            host.sub, host.family = c.sub, c.family
            if c.roles.actor1 is not None:
                host.roles.actor1, host.roles.actor2 = c.roles.actor1, c.roles.actor2 or host.roles.actor2
        precise = c.place is not None and (host.place is None or host.place_fallback and not c.place_fallback
                                           or place_rank(c.place) < place_rank(host.place))
        keep_place, keep_fb = (c.place, c.place_fallback) if precise else (host.place, host.place_fallback)
        _absorb_candidate(host, c)
        host.place, host.place_fallback = keep_place, keep_fb
    return out


def _same_event(o: Candidate, c: Candidate) -> bool:
    if o.trigger is c.trigger:
        return False
    if o.sub != c.sub and frozenset({o.sub, c.sub}) not in _SAME_EVENT_SUBS:
        return False
    if o.date is not None and c.date is not None and o.date != c.date:
        return False
    if not _compatible_actor(o.roles.actor1, c.roles.actor1):
        # fighting has two sides: the same battle told from either side
        if not (event_type_of(o.sub) == "Battles" and _crossed(o.roles, c.roles)):
            return False
    return _same_place(o.place, c.place) or _landmark_in_town(o, c) or _landmark_in_town(c, o)


def _landmark_in_town(town: Candidate, mark: Candidate) -> bool:
    """An unlocated landmark (القصر، الساحة) told within two sentences of a town demonstration of the
    same kind, day and actors is a spot the march reached inside that town, not a second event
    (fighting at an unlocated name is often a village the gazetteer lacks: kept apart)."""
    a, b = town.place, mark.place
    return (event_type_of(town.sub) in ("Protests", "Riots") and a is not None and b is not None and b.latitude is None and a.latitude is not None
            and place_rank(a) <= 2 and abs(town.sent - mark.sent) <= 2)


def _crossed(a: Roles, b: Roles) -> bool:
    return any(x is not None and y is not None and x.id == y.id
               for x, y in ((a.actor1, b.actor2), (a.actor2, b.actor1)))


def _same_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return False
    linked = _linked(a, b)
    if linked is not None:
        return linked
    if a.latitude is not None and b.latitude is not None and place_rank(a) <= 2 and place_rank(b) <= 2:
        return _km(a.latitude, a.longitude, b.latitude, b.longitude) <= _SAME_PLACE_KM
    big, small = (a, b) if place_rank(a) > place_rank(b) else (b, a)
    if place_rank(big) >= 5 or (big.relation and (big.anchor or "").startswith("country:")):
        # شمال سوريا: a part of a country is as vague as the country
        return big.country is not None and big.country == small.country
    if place_rank(big) >= 3:
        names = {n for n in (big.name, big.name_ar) if n}
        if big.kind == "rural_area" and big.admin1 and big.admin1 == small.admin1:
            return True    # ريف إدلب in the headline, a town of that countryside in the body
        return bool(names & {small.admin1, small.admin2})
    return False


def _km(la1: float, lo1: float, la2: float, lo2: float) -> float:
    from math import asin, cos, radians, sin, sqrt
    la1, lo1, la2, lo2 = map(radians, (la1, lo1, la2, lo2))
    h = sin((la2 - la1) / 2) ** 2 + cos(la1) * cos(la2) * sin((lo2 - lo1) / 2) ** 2
    return 12742 * asin(sqrt(h))


def _other_same_sub(out: list[Candidate], o: Candidate, c: Candidate) -> bool:
    """A place-less mention is ambiguous when several placed events of its type exist."""
    if c.place is not None:
        return False
    return sum(1 for x in out if x.sub == c.sub) > 1


def _absorb_candidate(t: Candidate, c: Candidate) -> None:
    if c.place is None and t.place is not None:
        c.casualties = [x for x in c.casualties if not any(_same_figure(x, y) for y in t.casualties)]
    if t.place is None and c.place is not None:
        t.place = c.place
    elif t.place is not None and c.place is not None and place_rank(c.place) < place_rank(t.place):
        t.place = c.place
    r, cr = t.roles, c.roles
    if r.actor1 is None:
        r.actor1 = cr.actor1
    if r.actor2 is None or (r.actor2 is CIVILIANS and cr.actor2 is not None and cr.actor2 is not CIVILIANS):
        r.actor2 = cr.actor2 or r.actor2
    r.assoc1 = r.assoc1 or cr.assoc1
    r.assoc2 = r.assoc2 or cr.assoc2
    r.civilian_target = r.civilian_target or cr.civilian_target
    t.casualties.extend(c.casualties)
    t.sentences = sorted(set(t.sentences) | set(c.sentences))
    t.confidence = round(min(0.99, max(t.confidence, c.confidence) + 0.05), 3)


def _same_figure(a: Casualty, b: Casualty) -> bool:
    return a.claim.kind == b.claim.kind and a.claim.value == b.claim.value


def _fallback_places(ctx: Context, cands: list[Candidate]) -> None:
    """No place in the event's sentence: the previous event's place in the paragraph, else the
    article's dominant place; precision is lowered (geo_precision raised) accordingly."""
    dominant = _dominant_place(ctx)
    last: Candidate | None = None
    for c in sorted(cands, key=lambda c: c.trigger.start):
        if c.place is None:
            prev_sent_places = [m.obj for m in Context.within(ctx.places, *_span_of_sentences(ctx, c.sent - 1, c.sent))
                                if usable_place(ctx, m)]
            if prev_sent_places:
                c.place = min(prev_sent_places, key=place_rank)
            elif last is not None and last.place is not None and c.sent - last.sent <= 2:
                c.place = last.place
            else:
                c.place = dominant
            c.place_fallback = c.place is not None
        last = c


def _span_of_sentences(ctx: Context, a: int, b: int) -> tuple[int, int]:
    a = max(a, 0)
    return ctx.sents[a][0], ctx.sents[min(b, len(ctx.sents) - 1)][0] if b < len(ctx.sents) else ctx.sents[-1][1]


def _dominant_place(ctx: Context) -> Place | None:
    counts: dict[str, int] = {}
    objs: dict[str, Place] = {}
    for m in ctx.places:
        if place_rank(m.obj) >= 5 or not usable_place(ctx, m):
            continue
        counts[m.obj.id] = counts.get(m.obj.id, 0) + 1
        objs[m.obj.id] = m.obj
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], -place_rank(objs[k])))
    return objs[best]


# -- dates ----------------------------------------------------------------------------------------
def _date(ctx: Context, c: Candidate) -> None:
    """Date in the event's sentence (nearest the trigger), else the nearest one before it in the
    article, else the publication date with week precision."""
    pub = ctx.doc.article.published
    s0, s1 = ctx.sents[c.sent]
    same = Context.within(ctx.dates, s0, s1)
    pick = _dates_stage_pick(ctx, c)
    if pick is not None:
        pass
    elif same:
        pick = min(same, key=lambda m: abs(m.start - c.trigger.start))
    else:
        before = Context.within(ctx.dates, 0, s0)
        if before:
            pick = before[-1]
    if pick is not None and pick.obj.value is not None:
        c.date = pick.obj.value
        c.time_precision = pick.obj.precision or 1
        c.date_expression = pick.obj.text
        if pub is not None and pick.obj.value > pub:
            c.date, c.time_precision = pub, 2
        return
    if pick is not None:
        c.date_expression = pick.obj.text
    if pub is not None:
        c.date, c.time_precision = pub, 2


def _dates_stage_pick(ctx: Context, c: Candidate):
    """The dates stage's own choice (`date_for_span`) when that stage is installed."""
    if "dates" not in ctx.doc.user:
        return None
    try:
        from ..stages.dates import date_for_span
    except ImportError:
        return None
    ts, te = ctx.doc.norm.to_original(c.trigger.start, c.trigger.end)
    d = date_for_span(ctx.doc, ts, te)
    if d is None:
        return None
    ns, ne = ctx.doc.norm.to_normalized(d.start, d.end)
    from .context import Mention
    return Mention(ns, ne, d)


# -- output ---------------------------------------------------------------------------------------
def _to_event(ctx: Context, n: int, c: Candidate) -> Event:
    doc = ctx.doc
    r = c.roles
    claims = []
    seen = set()
    for cas in c.casualties:
        key = (cas.claim.span.start, cas.claim.kind)
        if key not in seen:
            seen.add(key)
            claims.append(cas.claim)
    k_low, k_best, k_high = fatality_totals(claims, "killed")
    _, i_best, _ = fatality_totals(claims, "injured")
    if r.actor1 is None and event_type_of(c.sub) in _UNIDENTIFIED_TYPES:
        r.actor1 = UNIDENTIFIED
    if r.actor1 is not None and r.actor2 is not None and r.actor1.name == r.actor2.name:
        r.actor2 = None     # one actor read on both sides: the other side is not named
    inter1 = r.actor1.inter if r.actor1 else None
    inter2 = r.actor2.inter if r.actor2 else None
    evidence = []
    for si in c.sentences:
        s, e = int(doc.sent_starts[si]), int(doc.sent_ends[si])
        evidence.append(Span(start=s, end=e, text=doc.text[s:e]))
    p = _anchor_of(ctx, c.place)
    geo = None
    if p is not None and p is not c.place:
        geo = 2 if place_rank(p) <= 1 else 3    # 'شمال X': ACLED codes X itself, near it
    elif p is not None:
        geo = p.geo_precision or (1 if place_rank(p) <= 1 else 2 if place_rank(p) == 2 else 3)
        if c.place_fallback:
            geo = min(3, max(geo, 2))
    sources = []
    for cl in claims:
        if cl.source and cl.source not in sources:
            sources.append(cl.source)
    trig_src = _trigger_source(ctx, c.trigger.start)
    if trig_src and trig_src not in sources:
        sources.insert(0, trig_src)
    if not sources and doc.article.outlet:
        sources.append(doc.article.outlet)
    actor_ids = [a.id for a in (r.actor1, r.assoc1, r.actor2, r.assoc2)
                 if a is not None and a is not CIVILIANS and a is not UNIDENTIFIED]
    ev = Event(
        id=f"ev{n}", event_date=c.date, time_precision=c.time_precision,
        date_expression=c.date_expression, event_type=event_type_of(c.sub), sub_event_type=c.sub,
        actor1=r.actor1.name if r.actor1 else None, assoc_actor_1=r.assoc1.name if r.assoc1 else None,
        inter1=inter1, actor2=r.actor2.name if r.actor2 else None,
        assoc_actor_2=r.assoc2.name if r.assoc2 else None, inter2=inter2,
        interaction=_interaction(inter1, inter2),
        civilian_targeting="Civilian targeting" if r.civilian_target and event_type_of(c.sub) in (
            "Violence against civilians", "Explosions/Remote violence") else None,
        country=p.country if p else None, admin1=p.admin1 if p else None, admin2=p.admin2 if p else None,
        location=(p.name or p.name_ar) if p else None, latitude=p.latitude if p else None,
        longitude=p.longitude if p else None, geo_precision=geo,
        fatalities=k_best or 0, fatalities_low=k_low, fatalities_high=k_high, injuries=i_best,
        fatality_claims=claims, sources=sources, confidence=c.confidence,
        place_id=p.id if p else None, actor_ids=actor_ids, evidence=evidence,
    )
    ts, te = doc.norm.to_original(c.trigger.start, c.trigger.end)
    ev.trigger = Span(start=ts, end=te, text=doc.text[ts:te])
    ev.notes = _notes(ev)
    return ev


def _anchor_of(ctx: Context, p: Place | None) -> Place | None:
    """A relative description (شمال X، وسط مدينة X، أطراف X) is coded at its named anchor place X."""
    if p is None or not p.anchor or p.kind != "relative":   # a named place located near X keeps its name
        return p
    for q in ctx.doc.places:
        if q.id == p.anchor:
            return q
    return p


def _trigger_source(ctx: Context, pos: int) -> str | None:
    for m in ctx.sources:
        if m.start <= pos < m.end:
            return m.obj.source
    return None


def _interaction(i1: int | None, i2: int | None) -> int | None:
    if i1 is None and i2 is None:
        return None
    if i1 is None or i2 is None:
        return (i1 or i2) * 10
    a, b = sorted((i1, i2))
    return a * 10 + b


def _notes(ev: Event) -> str:
    try:
        from ..io.exports import build_notes  # the exports module's notes, when it exists
        return build_notes(ev)
    except Exception:
        pass
    who = ev.actor1 or "Unidentified actor"
    whom = f" against {ev.actor2}" if ev.actor2 else ""
    where = f" in {ev.location}" if ev.location else ""
    when = f" on {ev.event_date.isoformat()}" if ev.event_date else (f" ({ev.date_expression})" if ev.date_expression else "")
    s = f"{ev.sub_event_type}: {who}{whom}{where}{when}."
    if ev.fatality_claims:
        figs = "; ".join(f"{c.value} {c.kind}" + (f" ({c.side})" if c.side else "") + (f" per {c.source}" if c.source else "")
                         for c in ev.fatality_claims)
        s += f" Reported casualties: {figs}."
    return s
