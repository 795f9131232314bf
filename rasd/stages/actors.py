"""Actors stage: names, descriptors, anaphora and persons linked to canonical actors.

1. `scan` finds every KB key in the normalised text (clitic-aware, longest match first).
2. The article's country is voted (rasd/context.py); descriptors resolve in it (الجيش -> its army).
3. Mentions are linked in text order: names to their KB actor, descriptors through the country,
   anaphoric heads (التنظيم، الجماعة…) to the latest actor mentioned that the head fits (dropped
   when none was mentioned before), country names as actors unless used as a place (في سوريا).
4. Persons: KB persons, NER PER entities, and names after a title (العميد، الشيخ) or after
   "role + organisation" (المتحدث باسم التحالف …); later surname-only mentions join them; a role and
   affiliation are read from apposition (يوسف حمدان، القيادي في جيش الأبابيل) or a preceding role.
5. NER ORG entities not in the KB are kept as actors of unknown kind.

Output: doc.actors (one Actor per canonical actor, all mention spans) and
doc.user["actor_mentions"] (ActorMention records sorted by start, see rasd/mentions.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

import numpy as np

from ..context import country_spans, country_votes, pick_country
from ..doc import Doc
from ..mentions import ActorMention
from ..model import Actor, Span
from ..resources.actor_kb import KBActor, Match, load_kb, scan
from ..text.normalize import normalize_word

# Words before a country name that make it a place, not an actor (في سوريا، شمال العراق).
_LOCATIVE = frozenset(normalize_word(w) for w in (
    "في", "الى", "إلى", "من", "داخل", "خارج", "عن", "نحو", "شمال", "جنوب", "شرق", "غرب", "شمالي",
    "جنوبي", "شرقي", "غربي", "وسط", "حدود", "أراضي", "اراضي", "عبر", "أنحاء", "مناطق", "حول", "قرب",
    "بين", "و", "سفير", "سفارة", "عاصمة", "جنوبي", "لاجئي", "مدن", "محافظات", "ارض", "أرض", "اتجاه",
))

_ROLE_WORDS = {
    "القيادي": "leader", "قيادي": "leader", "القائد": "commander", "قائد": "commander",
    "الناطق": "spokesperson", "ناطق": "spokesperson", "المتحدث": "spokesperson", "متحدث": "spokesperson",
    "عضو": "member", "رئيس": "head", "وزير": "minister", "امير": "emir", "زعيم": "leader",
    "مسؤول": "official", "المسؤول": "official", "مؤسس": "founder", "مدير": "director", "الامين": "secretary-general",
    "امين": "secretary-general", "ممثل": "representative", "مبعوث": "envoy", "المبعوث": "envoy",
    "سفير": "ambassador", "مستشار": "adviser", "نائب": "deputy", "محافظ": "governor", "المفتي": "mufti",
    "العضو": "member", "الرئيس": "head", "الوزير": "minister", "الزعيم": "leader", "الامير": "emir",
}
_ROLE_ALT = "|".join(sorted(_ROLE_WORDS, key=len, reverse=True))
_LINK = r"(?:\s+(?:العسكري|الرسمي|الاعلامي|السياسي|العام|الميداني|البارز|السابق|الاول))?(?:\s+(?:في|باسم|عن|لدي|ب|ل))?\s*[بل]?"
# after a person: "، القيادي في" / "القائد العسكري لـ"
_APPOS_AFTER = re.compile(r"\s*[،,]?\s*(?:و)?(" + _ROLE_ALT + r")" + _LINK + r"$|\s*[،,]?\s*(?:و)?(" + _ROLE_ALT + r")" + _LINK)
# before an organisation: "المتحدث باسم" / "قائد" / "القيادي في"
_ROLE_BEFORE = re.compile(r"(?:^|\s)[وف]?(" + _ROLE_ALT + r")" + _LINK + r"$")

_TITLES = frozenset(normalize_word(w) for w in (
    "العميد", "اللواء", "العقيد", "المقدم", "الرائد", "النقيب", "الملازم", "الدكتور", "الجنرال",
    "المشير", "الفريق", "العماد", "السيد", "المهندس", "الاستاذ", "القاضي", "الحاج", "الامير", "الملا",
))
_NAME_STOP = frozenset(normalize_word(w) for w in (
    "إن", "أن", "ان", "في", "على", "من", "إلى", "الى", "عن", "مع", "قوله", "بأن", "خلال", "اليوم", "أمس",
    "الذي", "التي", "قال", "وقال", "أكد", "وأكد", "أوضح", "وأوضح", "أشار", "وأشار", "أضاف", "وأضاف", "ذكر",
    "صرح", "أعلن", "وأعلن", "لـ", "إنه", "انه", "أنه", "بعد", "قبل", "حيث", "كما", "هو", "هي", "وهو",
    "لوكالة", "لقناة", "لصحيفة", "لموقع", "يوم", "مساء", "صباح", "فجر", "ليل", "ضد", "بين", "حول",
    "الرئيس", "وزير", "رئيس", "قائد", "عبر", "وفق", "بحسب", "حسب", "وفقا", "لكن", "ولكن", "بينما", "و", "ثم",
    "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الماضي", "الجاري", "المقبل",
    "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "شمالا", "جنوبا", "شرقا", "غربا", "وسط",
    "شمالًا", "جنوبًا", "شرقًا", "غربًا", "ريف", "مدينة", "بلدة", "قرية", "محافظة", "منطقة", "حي",
    "الحالي", "نفسه", "ذاته", "أيضا", "ايضا", "اليوم", "الليلة", "امس", "غدا", "إنها", "انها", "أنها",
))
_NAME_JOIN = frozenset(normalize_word(w) for w in ("عبد", "أبو", "ابو", "بن", "ابن", "أم", "ام", "آل", "ال", "بو"))
_SPEECH = frozenset(normalize_word(w) for w in ("قال", "اكد", "اعلن", "نفى", "دعا", "طالب", "حذر", "هدد", "شن", "قصف", "وقال", "واكد", "واعلن", "ونفى", "ودعا"))
_WORD = re.compile(r"[^\W\d_]+")
# Head nouns that start the name of an armed group; the name is the 1-3 words after the head.
# No lookbehind: a pattern that starts with the alternation lets `re` skip fast to candidate
# letters; the word boundary before it (or one clitic و/ف/ب/ل) is checked in Python.
_GROUP_HEAD = re.compile(r"(" + "|".join(normalize_word(w) for w in (
    "سرايا", "كتائب", "ألوية", "لواء", "كتيبة", "فيلق", "جيش", "جبهة", "تجمع", "حركة", "تنظيم", "جماعة")) + r")(?!\w)")
# Words after a head that make it a common noun phrase, not a name (جيش جرار، حركة النزوح).
_GROUP_STOP = frozenset(normalize_word(w) for w in (
    "مسلحة", "المسلحة", "مسلح", "إرهابية", "الإرهابية", "إرهابي", "متطرفة", "المتطرفة", "جديدة", "جديد",
    "النزوح", "نزوح", "السير", "المرور", "الملاحة", "التجارة", "الأسواق", "واسعة", "احتجاجية", "عسكرية",
    "كبير", "كبيرة", "صغيرة", "محلية", "أخرى", "آخر", "اخري", "موالية", "معارضة", "تابعة", "التابعة",
    "الموالية", "المعارضة", "المدعومة", "مدعومة", "متشددة", "المتشددة", "مقاتلة", "تكفيرية", "التكفيرية",
    "الاحتلال", "النظام", "الدولة", "العدو", "نظامي", "النظامي", "الحكومة", "الحكومي", "الوطني", "الجيش",
    "الهجوم", "هجوم", "الهجمات", "التفجير", "تفجير", "العملية", "عملية", "المسؤولية", "مسؤولية", "الاعتداء",
    "القصف", "الاشتباكات", "المعارك", "الحرب", "قصف", "مقتل", "اغتيال", "خطف", "قتل",
    "ال", "دون", "نحو", "أكثر", "اكثر", "بلا", "غير", "منظمة", "منشقة", "المنشقة", "سياسية", "السياسية",
))


# Kinds that never take part in an event as actor1/actor2 (they may still speak: quotes stage).
NON_EVENT_KINDS = frozenset({"media", "person", "unknown", "organisation"})


def is_event_actor(actor) -> bool:
    """Can this Actor (doc.actors) be an event's actor1/actor2? Outlets, agencies, platforms
    (kind "media"), persons, NGOs/UN bodies and unresolved names (kind "unknown") cannot; an
    organisation with an ACLED inter code (e.g. a ministry coded as state forces) can."""
    if actor.kind in NON_EVENT_KINDS:
        return actor.kind == "organisation" and actor.inter is not None
    return True


@dataclass
class _Linked:
    nstart: int
    nend: int
    actor_id: str
    via: str


@dataclass
class _ActorBuild:
    actor_id: str
    name: str
    name_ar: str | None
    kind: str | None
    inter: int | None
    country: str | None
    affiliation: str | None = None
    role: str | None = None
    wikidata: str | None = None
    heads: tuple[str, ...] = ()
    surname: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)


class ActorsStage:
    name = "actors"
    requires: tuple[str, ...] = ()
    assigns = ("actors",)

    def __init__(self, kb=None):
        self.kb = kb or load_kb()

    # ------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        kb = self.kb
        ntext = doc.norm.text
        matches = scan(kb, ntext)
        theatre = doc.user.get("article_country")
        if theatre is None:
            theatre = pick_country(country_votes(doc, kb, matches))
            doc.user["article_country"] = theatre
        spans = country_spans(doc, kb, matches, theatre)
        doc.user["country_spans"] = spans
        # the same overrides in normalised offsets, for the mentions below
        nspans = [(a, b, c) for (a, b), (_, _, c) in zip(to_normalized_many(doc, [(s, e) for s, e, _ in spans]), spans)]
        nspan_starts = [x[0] for x in nspans]

        def local(ns: int) -> str | None:
            if nspans:
                i = bisect_right(nspan_starts, ns) - 1
                if i >= 0 and ns < nspans[i][1]:
                    return nspans[i][2]
            return theatre

        when = doc.article.published
        builds: dict[str, _ActorBuild] = {}
        linked: list[_Linked] = []
        taken = bytearray(len(ntext) + 1)

        def add(actor_id: str, ns: int, ne: int, via: str) -> None:
            linked.append(_Linked(ns, ne, actor_id, via))
            taken[ns:ne] = b"\x01" * (ne - ns)

        def ensure(a: KBActor, country: str | None = theatre) -> str:
            # an actor named differently per theatre (Islamic State (Iraq)) in an overridden paragraph
            key = a.id if country == theatre or country not in a.by_country else f"{a.id}@{country}"
            if key not in builds:
                name, parent = a.resolved(when, country)
                parent_name = None
                if parent and parent in kb.actors:
                    parent_name = kb.actors[parent].resolved(when, country)[0]
                inter = a.inter
                if a.kind == "state_forces" and a.country and theatre and a.country != theatre \
                        and a.country != country:
                    inter = 8  # foreign state forces are External/Other forces in ACLED
                builds[key] = _ActorBuild(
                    key, name, a.name_ar, a.kind, inter, a.country, parent_name, a.role, a.wikidata, a.heads,
                    _surname(a.name_ar) if a.kind == "person" else None,
                )
            return key

        for m in matches:
            hits = m.hits
            kind0 = hits[0].kind if len(hits) == 1 else None
            here = local(m.nstart) if nspans else theatre
            if kind0 == "name" or (kind0 is None and any(h.kind == "name" for h in hits)):
                ids = [h.target for h in hits if h.kind == "name"]
                actor = next((kb.actors[i] for i in ids if kb.actors[i].country == here), kb.actors[ids[0]])
                add(ensure(actor, here), m.nstart, m.nend, "name")
            elif kind0 == "descriptor" or (kind0 is None and any(h.kind == "descriptor" for h in hits)):
                d = kb.descriptors[int(next(h.target for h in hits if h.kind == "descriptor"))]
                actor = kb.resolve_descriptor(d, here)
                if actor is not None:
                    add(ensure(actor, here), m.nstart, m.nend, "descriptor")
            elif kind0 == "country" or (kind0 is None and any(h.kind == "country" for h in hits)):
                code = next(h.target for h in hits if h.kind == "country")
                prev = _prev_word(ntext, m.nstart - len(m.prefix))
                # a country acting (اتهمت إيران): not the theatre itself, not a place (في سوريا),
                # not the second term of a construct (كردستان العراق، حكومة إيران)
                if code != here and code != theatre and not m.prefix.endswith(("ب", "ل", "ك")) \
                        and prev not in _LOCATIVE and not (prev and not prev.startswith("ال") and not _is_verbish(prev)):
                    actor = kb.role_actor(code, "government")
                    if actor is not None:
                        add(ensure(actor, here), m.nstart, m.nend, "country")
            elif kind0 == "anaphor" or (kind0 is None and any(h.kind == "anaphor" for h in hits)):
                head = next(h.target for h in hits if h.kind == "anaphor")
                target = self._antecedent(head, here, linked, builds)
                if target is not None:
                    add(target, m.nstart, m.nend, "anaphor")
                else:
                    default = kb.anaphor_defaults.get((here, head))
                    if default in kb.actors:
                        add(ensure(kb.actors[default], here), m.nstart, m.nend, "anaphor")

        _affiliated(ntext, linked, builds, taken, add)
        places = _PlaceNames(doc)
        self._persons(doc, ntext, linked, builds, taken, add, places)
        self._entities(doc, linked, builds, taken, add, places)
        self._group_names(doc, ntext, builds, taken, add, places)
        return self._finish(doc, linked, builds)

    # -- anaphora ---------------------------------------------------------------------------------
    def _antecedent(self, head: str, here: str | None, linked: list[_Linked], builds) -> str | None:
        """The actor a generic head (النظام، التنظيم) refers back to: the latest one with that head
        from the paragraph's country (or with no country: IS, al-Qaeda); else the theatre's default
        for the head (the caller: النظام in Syria is the Syrian regime even after Iran was named);
        else the most mentioned one with that head (the latest on ties)."""
        seen: dict[str, int] = {}
        for prev in reversed(linked):
            b = builds[prev.actor_id]
            if head not in b.heads:
                continue
            if b.country is None or b.country == here:  # international groups fit any theatre
                return prev.actor_id
            seen[prev.actor_id] = seen.get(prev.actor_id, 0) + 1
        if not seen or (here, head) in self.kb.anaphor_defaults:
            return None
        return max(seen, key=seen.get)  # dicts keep insertion order: the latest wins ties

    # -- persons ----------------------------------------------------------------------------------
    def _persons(self, doc, ntext, linked, builds, taken, add, places) -> None:
        # NER persons first, then names after titles / role + organisation (when NER missed them).
        for ent in doc.entities:
            if ent.type != "PER":
                continue
            ns, ne = places.norm_of(ent)
            if ne <= ns or taken.find(1, ns, ne) != -1:
                continue
            words = ntext[ns:ne].split()
            if len(words) == 1 and (words[0].endswith("ون") or words[0] in _NAME_STOP):
                continue  # a plural noun (ناشطون، مسؤولون) tagged as a person
            if words[0] in _NOT_NAME_START or places.is_place(ns, ne):
                continue  # "تفجير خان بني سعد", "سعد" of "خان بني سعد": a place, not a person
            self._new_person(ntext, ns, ne, builds, add, "entity")
        # one automaton pass finds titles and role words (a regex alternation per text cost more)
        title_ends, role_spans = _cue_words(ntext)
        for pos in title_ends:
            span = _capture_name(ntext, pos, taken)
            if span:
                self._new_person(ntext, *span, builds, add, "title")
        for rs, _ in role_spans:  # "<name>، القيادي في …"
            p = rs - 1 if rs > 0 and ntext[rs - 1] == "و" else rs
            while p > 0 and ntext[p - 1].isspace():
                p -= 1
            if p > 0 and ntext[p - 1] in "،,":
                p -= 1
                while p > 0 and ntext[p - 1].isspace():
                    p -= 1
                span = _capture_name_before(ntext, p, taken)
                if span:
                    self._new_person(ntext, *span, builds, add, "title")
        # the costly "role + link" test only runs near a role word
        role_ends = [e for _, e in role_spans]
        for lk in sorted(linked, key=lambda x: x.nstart):
            b = builds.get(lk.actor_id)
            if b is None or b.kind == "person" or lk.via == "anaphor":
                continue
            i = bisect_right(role_ends, lk.nstart) - 1
            if i < 0 or lk.nstart - role_ends[i] > 40:
                continue
            if _ROLE_BEFORE.search(ntext[max(0, lk.nstart - 40):lk.nstart]):
                span = _capture_name(ntext, _skip_titles(ntext, lk.nend), taken)
                if span:
                    self._new_person(ntext, *span, builds, add, "title")
        # Role and affiliation: apposition after the person, or "role + org" right before it.
        by_start = sorted(linked, key=lambda x: x.nstart)
        orgs = [lk for lk in by_start if builds[lk.actor_id].kind != "person"]
        orgs_by_end = sorted(orgs, key=lambda x: x.nend)
        org_ends = [o.nend for o in orgs_by_end]
        for lk in by_start:
            b = builds[lk.actor_id]
            if b.kind != "person" or lk.via not in ("name", "entity", "title"):
                continue
            after = _APPOS_AFTER.match(ntext, lk.nend)
            if after:
                org = next((o for o in orgs if after.end() <= o.nstart <= after.end() + 1), None)
                word = after.group(1) or after.group(2)
                if org is not None or b.role is None:
                    b.role = b.role or _ROLE_WORDS.get(word)
                    if org is not None and b.affiliation is None:
                        b.affiliation = builds[org.actor_id].name
                continue
            i = bisect_right(org_ends, lk.nstart) - 1
            org = orgs_by_end[i] if i >= 0 else None
            if org is not None and lk.nstart - org.nend <= 40 and (
                    not ntext[org.nend:lk.nstart].strip(" ،,") or _only_titles(ntext[org.nend:lk.nstart])):
                rm = _ROLE_BEFORE.search(ntext[max(0, org.nstart - 40):org.nstart])
                if rm:
                    b.role = b.role or _ROLE_WORDS.get(rm.group(1))
                    b.affiliation = b.affiliation or builds[org.actor_id].name
        # Surname-only mentions after the full name.
        first_at: dict[str, int] = {}
        for lk in linked:
            if lk.actor_id not in first_at or lk.nstart < first_at[lk.actor_id]:
                first_at[lk.actor_id] = lk.nstart
        for b in list(builds.values()):
            if b.kind != "person" or not b.surname or b.actor_id not in first_at:
                continue
            for s, e in _word_occurrences(ntext, b.surname, first_at[b.actor_id] + 1):
                if taken.find(1, s, e) == -1:
                    add(b.actor_id, s, e, "surname")

    def _new_person(self, ntext, ns, ne, builds, add, via) -> None:
        norm_name = ntext[ns:ne]
        actor_id = "per:" + norm_name
        if actor_id not in builds:
            builds[actor_id] = _ActorBuild(actor_id, norm_name, None, "person", None, None,
                                           surname=_surname(norm_name))
        add(actor_id, ns, ne, via)

    # -- NER organisations ------------------------------------------------------------------------
    def _entities(self, doc, linked, builds, taken, add, places) -> None:
        ntext = doc.norm.text
        for ent in doc.entities:
            if ent.type != "ORG":
                continue
            ns, ne = places.norm_of(ent)
            if ne <= ns or taken.find(1, ns, ne) != -1:
                continue
            key = ntext[ns:ne]
            if not _ARABIC.search(key):
                continue  # GPS, DPA…: Latin acronyms in Arabic news are terms or outlets, not actors
            if places.is_place(ns, ne):
                continue  # "مطار كويرس" -> كويرس, "شرطة قندز" -> قندز: a place name
            kind = "media" if _is_outlet(ntext, ns, ne) else "unknown"
            actor_id = "org:" + key
            if actor_id not in builds:
                builds[actor_id] = _ActorBuild(actor_id, ent.text, ent.text, kind, None, None)
            elif kind == "media":
                builds[actor_id].kind = kind
            add(actor_id, ns, ne, "entity")

    # -- unknown armed groups named by a head noun (سرايا وعد الله) ------------------------------
    def _group_names(self, doc, ntext, builds, taken, add, places) -> None:
        for m in _GROUP_HEAD.finditer(ntext):
            hs, he = m.span(1)
            if not _word_start_ok(ntext, hs, "وفبل") or taken.find(1, hs, he) != -1:
                continue
            words = []
            for w in _WORD.finditer(ntext, he):
                gap = ntext[(words[-1].end() if words else he):w.start()]
                if gap != " " or w.group() in _NAME_STOP or w.group() in _GROUP_STOP \
                        or taken.find(1, w.start(), w.end()) != -1 or len(words) == 2:
                    break
                words.append(w)
            if not words or places.is_place(words[0].start(), words[-1].end()):
                continue  # "جبهة مأرب": a front line at a place, not a group
            ne = words[-1].end()
            key = ntext[hs:ne]
            actor_id = "org:" + key
            if actor_id not in builds:
                s, e = doc.norm.to_original(hs, ne)
                builds[actor_id] = _ActorBuild(actor_id, doc.text[s:e], doc.text[s:e], "unknown", None, None)
            add(actor_id, hs, ne, "entity")

    # -- output -----------------------------------------------------------------------------------
    def _finish(self, doc: Doc, linked: list[_Linked], builds: dict[str, _ActorBuild]) -> Doc:
        linked.sort(key=lambda x: x.nstart)
        mentions: list[ActorMention] = []
        spans: dict[str, list[Span]] = {}
        text = doc.text
        linked = [lk for lk in linked if lk.nend > lk.nstart]
        if linked:
            os_, oe_ = doc.norm.map_many(np.fromiter((lk.nstart for lk in linked), np.int64, len(linked)),
                                         np.fromiter((lk.nend for lk in linked), np.int64, len(linked)))
            offsets = zip(np.asarray(os_).tolist(), np.asarray(oe_).tolist())
        else:
            offsets = iter(())
        for lk, (s, e) in zip(linked, offsets):
            if e <= s:
                continue
            mentions.append(ActorMention(s, e, lk.actor_id, text[s:e], lk.via))
            # offsets come from the aligned view: no need to validate each span
            spans.setdefault(lk.actor_id, []).append(_span(s, e, text[s:e]))
        actors = []
        for actor_id, sp in spans.items():
            b = builds[actor_id]
            name = b.name
            if b.kind == "person" and actor_id.startswith("per:"):
                name = sp[0].text  # the name as written
            # model_construct: every field is built here from checked KB data
            actors.append(Actor.model_construct(
                id=actor_id, name=name, name_ar=b.name_ar or (sp[0].text if b.kind == "person" else None),
                kind=b.kind, inter=b.inter, country=b.country, affiliation=b.affiliation, role=b.role,
                wikidata=b.wikidata, mentions=sp, evidence=sp[:1],
            ))
        doc.actors = actors
        doc.user["actor_mentions"] = mentions
        return doc


# Words that open a place or facility name: a name right after them is the place (مطار كويرس).
_PLACE_TRIGGERS = frozenset(normalize_word(w) for w in (
    "مطار", "مستشفى", "سجن", "معبر", "قاعدة", "جامعة", "مسجد", "مدرسة", "ميناء", "جسر", "بلدة", "قرية",
    "مدينة", "حي", "منطقة", "ناحية", "قضاء", "مديرية", "ولاية", "إقليم", "اقليم", "محافظة", "مخيم", "شارع",
    "ساحة", "جبل", "وادي", "سد", "حقل", "مصفاة", "فندق", "سوق", "شرطة", "ريف", "مركز", "معسكر", "ثكنة",
    "مقاطعة", "بلدات", "قرى", "مدن", "أحياء", "ضاحية", "جزيرة", "خان", "بني", "تل", "تلة", "كفر", "دير",
))
# First words that make an NER "person" an event or a place phrase.
_NOT_NAME_START = _PLACE_TRIGGERS | frozenset(normalize_word(w) for w in (
    "تفجير", "تفجيرات", "هجوم", "هجمات", "حادث", "حادثة", "معركة", "معارك", "مجزرة", "عملية", "قصف",
    "اشتباكات", "انفجار", "اغتيال", "مقتل", "اقتحام", "حصار", "تحرير", "سقوط", "غارة", "غارات",
))
# Words before a name that make it a news outlet (لوكالة، «شبكة حلب نيوز»، قناة، صحيفة).
_OUTLET_TRIGGERS = frozenset(normalize_word(w) for w in (
    "وكالة", "صحيفة", "جريدة", "قناة", "موقع", "شبكة", "إذاعة", "اذاعة", "تلفزيون", "مجلة", "نشرة", "فضائية",
    "مراسل", "مراسلة", "حساب", "صفحة", "منصة", "تطبيق",
))
_OUTLET_ENDINGS = tuple(normalize_word(w) for w in (" نيوز", " برس", " تايمز", " بوست", " تي في", " اف ام", " تودي", " 24"))
_ARABIC = re.compile(r"[\u0600-\u06FF]")


def _is_outlet(ntext: str, ns: int, ne: int) -> bool:
    """An organisation name used as a news source: after an outlet word (وكالة، صحيفة، شبكة…), inside
    quotes after لـ (قال لـ«عكاظ»), or ending like an outlet name (حلب نيوز)."""
    if ntext[ns:ne].endswith(_OUTLET_ENDINGS):
        return True
    before = ntext[max(0, ns - 20):ns]
    stripped = before.rstrip(" «\"'“”")
    m = re.search(r"([^\W\d_]+)$", stripped)
    if m:
        w = m.group(1)
        if w in _OUTLET_TRIGGERS or (w[:1] in "لب" and w[1:] in _OUTLET_TRIGGERS) or (
                w.startswith("ل") and w[1:3] != "ل" and w[1:] in _OUTLET_TRIGGERS):
            return True
    # "لـ «عكاظ»" / "ل"الرياض"": the addressee of a statement in quotes
    return bool(re.search(r"(?:^|\s)ل\s*[«\"“]\s*$", before))


def to_normalized_many(doc: Doc, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """doc.norm.to_normalized for many original ranges at once (one searchsorted, not one per range)."""
    if not ranges:
        return []
    starts = doc.norm.starts
    if starts is None:
        return list(ranges)
    arr = np.asarray(ranges, dtype=np.int64)
    ns = np.searchsorted(starts, arr[:, 0], "left").tolist()
    ne = np.searchsorted(starts, arr[:, 1], "left").tolist()
    return list(zip(ns, ne))


class _PlaceNames:
    """Where the article names places: places-stage mentions, NER LOC/FAC spans and their words.

    A name is a place (not an actor) when it overlaps or continues one of those spans (خان بني + سعد),
    follows a place/facility word (مطار كويرس), or is written elsewhere as a place (إقليم قندز)."""

    def __init__(self, doc: Doc):
        words: set[str] = set()
        ntext = doc.norm.text
        ents = doc.entities
        # every entity's normalised span at once (also used by the persons / organisations passes)
        ent_spans = to_normalized_many(doc, [(e.start, e.end) for e in ents])
        self._ent_norm = {id(e): sp for e, sp in zip(ents, ent_spans)}
        spans = [sp for e, sp in zip(ents, ent_spans) if e.type in ("LOC", "FAC")]
        spans.extend(to_normalized_many(doc, [(s, e) for s, e, _ in doc.user.get("place_mentions") or ()]))
        for ns, ne in spans:
            key = ntext[ns:ne]
            words.add(key)
            first, _, rest = key.partition(" ")
            if rest and first in _PLACE_TRIGGERS:
                words.add(rest)
        spans.sort()
        self.starts = [s for s, _ in spans]
        self.spans = spans
        self.words = words
        self.ntext = ntext

    def norm_of(self, ent) -> tuple[int, int]:
        return self._ent_norm[id(ent)]

    def is_place(self, ns: int, ne: int) -> bool:
        key = self.ntext[ns:ne]
        if key in self.words:
            return True
        i = bisect_right(self.starts, ne) - 1
        while i >= 0 and self.spans[i][0] >= ns - 200:
            s, e = self.spans[i]
            if s < ne and ns < e + 2:  # overlaps, or ends right before the name (one space)
                return True
            i -= 1
        prev = _prev_word(self.ntext, ns)
        return prev in _PLACE_TRIGGERS or (prev[:1] in "بلو" and prev[1:] in _PLACE_TRIGGERS)


# "<fighters> تابعين لـ X / الموالية لـ X / المدعومة من X": the fighters are X's (or its associates).
_AFFIL_NOUNS = "|".join(sorted({normalize_word(w) for w in (
    "مقاتلين", "مقاتلي", "مقاتلو", "مقاتلون", "عناصر", "مسلحين", "مسلحي", "مسلحو", "مسلحون", "قوات", "قوة",
    "ميليشيات", "ميليشيا", "مليشيات", "مليشيا", "فصائل", "فصيل", "كتائب", "كتيبة", "مجموعات", "مجموعة",
    "وحدات", "خلايا", "خلية", "جماعات", "جماعة", "أفراد", "دوريات", "دورية", "سرية", "مرتزقة", "جنود")}, key=len, reverse=True))
_AFFIL_RE = re.compile(
    r"(?:" + _AFFIL_NOUNS + r")"
    r"(?:\s+(?:ال)?(?:مسلح|مقاتل|محلي|اجنبي)(?:ه|ين|ون)?)?"
    r"\s+(?:ال)?(?:تابع|موال|مدعوم|مقرب|مرتبط)\w*()"
    r"(?:\s+(?:من|الي)\s+|\s+[لب]|\s+ل\s*)(?:(ها|هم|هما|ه)(?!\w))?")
_AFFIL_CUES = tuple(normalize_word(w) for w in ("تابع", "موال", "مدعوم", "مقرب", "مرتبط"))
_ARMED_KINDS = frozenset({"state_forces", "government", "rebel_group", "political_militia", "identity_militia",
                          "external"})


def _affiliated(ntext: str, linked: list, builds: dict, taken: bytearray, add) -> None:
    """Fighters named by their allegiance: "مقاتلين تابعين لها" (ها = the armed actor named just
    before), "عناصر تابعة لتنظيم داعش", "الميليشيات المدعومة من إيران". The phrase becomes a mention
    of that actor (via "affiliated"), replacing a generic descriptor inside it (مسلحين)."""
    if not any(c in ntext for c in _AFFIL_CUES):
        return
    for m in _AFFIL_RE.finditer(ntext):
        ps = m.start()
        if ntext.startswith("ال", ps - 2):
            ps -= 2  # the article is part of the span, proclitics before it are not
        if not _word_start_ok(ntext, ps, "وفبل"):
            continue
        # the span: fighters + allegiance word, and the pronoun when there is one (مقاتلين تابعين لها)
        phrase_end = m.end(2) if m.group(2) else m.start(1)
        # a KB name already covers the phrase (القوات الموالية للنظام): keep it
        if any(lk.nstart <= ps and lk.nend > phrase_end - 2 for lk in linked if lk.nend > ps and lk.nstart < phrase_end):
            continue
        target = None
        if m.group(2):  # a pronoun: the latest armed actor in the 250 chars before
            for lk in reversed(linked):
                if lk.nend <= ps and ps - lk.nend <= 250 and builds[lk.actor_id].kind in _ARMED_KINDS:
                    if lk.nstart < ps:
                        target = lk.actor_id
                        break
        else:
            after = m.end()
            target = next((lk.actor_id for lk in linked if after <= lk.nstart <= after + 3
                           and builds[lk.actor_id].kind in _ARMED_KINDS), None)
        if target is None:
            continue
        linked[:] = [lk for lk in linked if not (ps <= lk.nstart and lk.nend <= phrase_end)]
        add(target, ps, phrase_end, "affiliated")


_CUE_AUTOMATON = None


def _cue_words(ntext: str) -> tuple[list[int], list[tuple[int, int]]]:
    """(positions right after "title + spaces", (start, end) of role words) in one automaton pass."""
    global _CUE_AUTOMATON
    if _CUE_AUTOMATON is None:
        import ahocorasick
        auto = ahocorasick.Automaton()
        for w in _TITLES:
            auto.add_word(w, (len(w), True))
        for w in _ROLE_WORDS:
            if w not in _TITLES:
                auto.add_word(w, (len(w), False))
            else:
                auto.add_word(w, (len(w), None))  # both a title and a role word
        auto.make_automaton()
        _CUE_AUTOMATON = auto
    n = len(ntext)
    titles: list[int] = []
    roles: list[tuple[int, int]] = []
    for last, (k, is_title) in _CUE_AUTOMATON.iter(ntext):
        end = last + 1
        if end < n and ntext[end].isalpha():
            continue
        start = end - k
        if start > 0 and ntext[start - 1].isalpha():
            if ntext[start - 1] not in "وف" or (start > 1 and ntext[start - 2].isalpha()):
                continue
        if is_title is not False:
            j = end
            while j < n and ntext[j].isspace():
                j += 1
            if j > end:
                titles.append(j)
        if is_title is not True:
            roles.append((start, end))
    return titles, roles


_SPAN_FIELDS = frozenset(("start", "end", "text"))
_set = object.__setattr__


def _span(start: int, end: int, text: str) -> Span:
    """A Span without validation or model_construct's per-field loop (the stage's hottest allocation)."""
    sp = Span.__new__(Span)
    _set(sp, "__dict__", {"start": start, "end": end, "text": text})
    _set(sp, "__pydantic_fields_set__", set(_SPAN_FIELDS))
    _set(sp, "__pydantic_extra__", None)
    _set(sp, "__pydantic_private__", None)
    return sp


def _word_start_ok(text: str, i: int, clitics: str) -> bool:
    """Does a word start at `i`, alone or after one or two proclitic letters from `clitics`?"""
    j = i
    while j > 0 and i - j < 2 and text[j - 1] in clitics:
        j -= 1
    return j == 0 or not text[j - 1].isalpha()


def _word_occurrences(text: str, word: str, start: int):
    """(start, end) of `word` as a whole word (after an optional و/ف/ب/ل) from `start` on.

    str.find instead of a regex per surname: compiling one pattern per person cost more than the
    whole rest of the stage."""
    n, k = len(text), len(word)
    i = text.find(word, start)
    while i != -1:
        j = i + k
        if (j >= n or not text[j].isalpha()) and (
                i == 0 or not text[i - 1].isalpha()
                or (text[i - 1] in "وفبل" and (i == 1 or not text[i - 2].isalpha()))):
            yield i, j
        i = text.find(word, j)


def _prev_word(text: str, pos: int) -> str:
    """The letters-only word before `pos` (spaces skipped), "" when a digit or punctuation intervenes."""
    i = pos
    while i > 0 and text[i - 1].isspace() and pos - i < 25:
        i -= 1
    j = i
    while j > 0 and text[j - 1].isalpha() and i - j < 25:
        j -= 1
    return text[j:i]


def _surname(name: str | None) -> str | None:
    if not name:
        return None
    words = normalize_word(name).split()
    if len(words) < 2:
        return None
    last = words[-1]
    if len(last) < 3 or last in _NAME_STOP or words[-2] in _NAME_JOIN and len(words) == 2:
        return None
    return last


def _skip_titles(text: str, pos: int) -> int:
    while True:
        m = _WORD.search(text, pos)
        if not m or text[pos:m.start()].strip() or m.group() not in _TITLES:
            return pos
        pos = m.end()


def _only_titles(gap: str) -> bool:
    words = _WORD.findall(gap)
    return bool(words) and all(w in _TITLES for w in words) and not re.search(r"[^\w\s،,]", gap)


def _capture_name(text: str, pos: int, taken: bytearray) -> tuple[int, int] | None:
    """Two name words from `pos` (a third when joined by عبد/أبو/بن or an ال- family name)."""
    words: list[tuple[int, int]] = []
    for m in _WORD.finditer(text, pos):
        gap = text[words[-1][1] if words else pos:m.start()]
        if gap.strip() or (words and len(gap) != 1):
            break
        w = m.group()
        if w in _NAME_STOP or w in _TITLES or len(w) < 2 or taken.find(1, m.start(), m.end()) != -1:
            break
        joined = bool(words) and text[words[-1][0]:words[-1][1]] in _NAME_JOIN
        if len(words) >= 2 and not joined and not (len(words) == 2 and w.startswith("ال")):
            break
        words.append(m.span())
        if len(words) == 4:
            break
    while words and text[words[-1][0]:words[-1][1]] in _NAME_JOIN:
        words.pop()
    if len(words) < 2:
        return None
    return words[0][0], words[-1][1]


def _capture_name_before(text: str, pos: int, taken: bytearray) -> tuple[int, int] | None:
    """Two or three name words ending at `pos` (before an apposition comma)."""
    words: list[tuple[int, int]] = []
    end = pos
    for _ in range(3):
        m = re.search(r"([^\W\d_]+)( ?)$", text[max(0, end - 30):end])
        if not m or (words and m.group(2) != " ") or (not words and m.group(2)):
            break
        s = end - len(m.group(0))
        w = m.group(1)
        if w in _NAME_STOP or w in _TITLES or len(w) < 2 or taken.find(1, s, s + len(w)) != -1:
            break
        words.insert(0, (s, s + len(w)))
        end = s
        if len(words) == 2 and text[words[0][0]:words[0][1]] not in _NAME_JOIN and not w.startswith("ال"):
            # a third word only if the second one is a joined kunya (أبو محمد الجولاني)
            break
    while words and text[words[0][0]:words[0][1]] in _NAME_JOIN and len(words) > 2:
        words.pop(0)
    if len(words) < 2:
        return None
    return words[0][0], words[-1][1]


_VERB_PREFIXES = ("ا", "ت", "ي", "ن")


def _is_verbish(word: str) -> bool:
    """A rough test for a verb before a country name (اتهمت، قالت، يشن، أعلنت)."""
    return word.endswith(("ت", "وا")) or word.startswith(_VERB_PREFIXES) and len(word) <= 6 or word in _SPEECH
