"""Find place names in the normalised text: Aho-Corasick over names, triggers and demonyms.

The automaton runs over a "marked" copy of `doc.norm.text` in which every non-letter becomes
\\x01 (same length, so offsets are unchanged). Every pattern ends with \\x01, so a hit always ends
at a word end; the word's start is checked in Python: the letters between the word start and the
hit must be a proclitic chain (و ف + ب ل ك [+ ال]), which is how "بحلب"، "والرقة"، "للرقة" match.
Multi-word names are kept longest-first; overlaps are resolved by length, then position.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ahocorasick
import numpy as np
import regex

from ..text.normalize import LETTER, char_classes, codepoints, from_codepoints, normalize_word
from .gazetteer import NEVER, PLAIN, SOFT, TRIGGER_ONLY, Gazetteer
from .layers import PACKAGE_DATA

SEP = "\x01"
NAME, LIL, DEMONYM, TRIGGER = 0, 1, 2, 3

# Trigger noun -> the kind it announces ("admin1" prefers a governorate over a same-named city).
TRIGGERS = {
    "مدينه": "city", "المدينه": "city", "مدن": "city", "بلده": "town", "بلدات": "town", "بلدتي": "town",
    "قريه": "village", "قري": "village", "قريتي": "village", "حي": "neighbourhood", "احياء": "neighbourhood",
    "حيي": "neighbourhood", "ريف": "rural_area", "محافظه": "admin1", "محافظتي": "admin1", "ولايه": "admin1",
    "مقاطعه": "admin1", "اقليم": "admin1", "مخيم": "camp", "مخيمي": "camp", "منطقه": "region", "مناطق": "region",
    "ناحيه": "subdistrict", "قضاء": "district", "مديريه": "district", "مديريات": "district", "مركز": "city",
    "جبل": "mountain", "جبال": "mountain", "سهل": "plain", "وادي": "valley", "مطار": "airport",
    "معبر": "crossing", "سجن": "prison", "مستشفي": "hospital", "قاعده": "base", "سد": "dam",
    "ميناء": "port", "مرفا": "port", "جزيره": "island", "حقل": "oilfield", "شارع": "neighbourhood",
    "ساحه": "neighbourhood", "ضاحيه": "neighbourhood", "جرود": "rural_area", "عاصمه": "city",
    "مديريتي": "district", "مدينتي": "city", "منطقتي": "region", "ناحيتي": "subdistrict", "قضائي": "district",
    "معسكر": "base", "ثكنه": "base", "قلعه": "other", "جسر": "bridge", "بحيره": "lake",
}
# Dual and plural triggers announce two or more coordinated names: "مديريتي X وY"، "بلدات X وY وZ".
MULTI_TRIGGERS = frozenset(
    "مديريتي مدينتي بلدتي قريتي محافظتي منطقتي ناحيتي قضائي حيي مخيمي بلدات قري مدن مناطق احياء مديريات".split()
)
# Triggers strong enough to announce an unknown name as a place (reported unresolved).
STRONG_TRIGGERS = frozenset(
    "مدينه بلده قريه حي مخيم ناحيه قضاء مديريه محافظه ولايه جبل مطار معبر سجن وادي ضاحيه مقاطعه منطقه "
    "ميناء مرفا جرود معسكر ثكنه اقليم".split()
) | MULTI_TRIGGERS
# Triggers that are part of the feature's own name: "وادي X" is a valley, not the town X.
NAME_PART_TRIGGERS = frozenset("وادي جبل سهل سد جسر بحيره".split())
# Feminine trigger nouns: an indefinite feminine adjective/participle after them agrees with them.
_FEMININE_TRIGGERS = frozenset(t for t in TRIGGERS if t.endswith("ه")) | frozenset(("مناطق", "قري", "بلدات", "مدن"))
# Words after a trigger that are never names (adverbs, pronouns, quantifiers).
_STOP_AFTER_TRIGGER = frozenset(normalize_word(w) for w in (
    "هناك هنا هنالك ايضا أيضا حاليا سابقا لاحقا نفسها نفسه ذاتها ذاته بأكملها بأكمله كلها كله برمتها جميعها "
    "اخرى أخرى تابعة تابع واحدة ثانية ثالثة أولى اولى".split()
))
# Adjectives that are part of a name after an unknown first word: "حصيبة الشرقية"، "ظلمة العليا".
NAME_TAILS = frozenset(normalize_word(w) for w in (
    "الشرقية الغربية الشمالية الجنوبية الكبرى الصغرى العليا السفلى الجديدة القديمة الفوقا التحتا".split()
))
# Words that follow a trigger without being a name ("منطقة عسكرية", "مدينة كبيرة").
NOT_NAME = frozenset(normalize_word(w) for w in (
    "في من الى إلى على عن مع التي الذي الذين حيث قرب بين بعد قبل منذ خلال عند لدى نحو ضد او أو ثم قد لم لن "
    "هذه هذا تلك ذلك كل بعض عدة أخرى اخرى آخر نفس واحد واحدة كبيرة كبير صغيرة صغير عسكرية عسكري سكني سكنية "
    "مدني مدنية دولي دولية رئيسي رئيسية قريبة قريب مجاورة مجاور جديدة جديد قديمة قديم أخرى محلية محلي "
    "حدودية حدودي الحدودية الحدودي استراتيجية المحاصرة المحررة الخاضعة الواقعة المجاورة القريبة الكبرى "
    "الصغرى عربية عربي إسلامية اسلامية اهلية العسكرية السكنية الصناعية صناعية الشمالية الجنوبية الشرقية "
    "الغربية وسط شمال جنوب شرق غرب الشمالي الجنوبي الشرقي الغربي وغيرها المذكورة المدينة البلدة القرية "
    "الحي المنطقة يوم اليوم أمس امس الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت بها فيها منها "
    "إن ان أن كان كانت تم يتم وقد حتى لا ما".split()
))
# Heads of two-word names: the word after them belongs to the name (كفر نبل، دير حافر، تل أبيض).
NAME_HEADS = frozenset(normalize_word(w) for w in (
    "كفر دير تل عين بيت بني خان جسر رأس راس أبو ابو أم ام بئر بير سوق مرج قصر عرب جبل وادي حي باب "
    "ساحة شارع برج قلعة دار ذي ذات بلاد جرف سيدي بنت".split()
))

# Nouns heading an organisation's name: "قناة الجزيرة"، "جامعة دمشق"، "نادي الهلال"، "صحيفة الرياض"
# name an organisation, not the place (a place would be "في دمشق"، "مدينة X").
ORG_HEADS = frozenset(normalize_word(w) for w in (
    "قناة قناه صحيفة جريدة مجلة إذاعة اذاعة تلفزيون وكالة نادي فريق منتخب شركة بنك مصرف جامعة "
    "كلية مؤسسة مجموعة حزب حركة اتحاد غرفة أكاديمية اكاديمية مهرجان معرض بطولة دوري كأس كاس "
    "مسلسل فيلم فندق مجمع برنامج".split()
))
# Proclitics an org head may carry ("لقناة الجزيرة"، "وجامعة دمشق"، "بالجامعة").
_HEAD_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل")
# Every written form of an org head (one set look-up per name instead of stripping clitics).
_ORG_FORMS = frozenset(
    [p + h for p in _HEAD_CLITICS for h in ORG_HEADS]
    + [p + "ال" + h for p in _HEAD_CLITICS for h in ORG_HEADS] + [p + "لل" + h for p in ("", "و", "ف") for h in ORG_HEADS]
)
# Given names read by the quotes stage (ANERcorp): a name right after one is a surname (مارجريت تاتشر).
_GIVEN_NAMES_FILE = PACKAGE_DATA / "quotes" / "given_names.txt"
# Plural nouns with a possessive pronoun (حاجاتنا، أوقاتهم) are never names.
_POSSESSIVE_PLURAL = ("اتنا", "اتهم", "اتها", "اتكم", "اتهن", "يننا", "ينهم")

_DIRS = {"شمال": "north", "جنوب": "south", "شرق": "east", "غرب": "west"}
# Relation cue right before a name (or before its trigger). Normalised text; optional clitics.
_REL = regex.compile(
    r"(?:^|[^\p{L}])(?P<cl>[وف]?(?:ب|ل|ال|بال|لل)?)"
    r"(?:(?P<dir>شمال|جنوب|شرق|غرب)(?:ي)?(?:\s+(?P<dir2>شرق|غرب)(?:ي)?)?(?:\s+(?:مدينه|بلده|قريه))?"
    r"|(?P<near>قرب|مقربه من|القرب من|محاذاه|مشارف|اطراف|ضواحي|محيط|حول|تخوم|وسط|مدخل|اطراف مدينه)"
    r"|(?P<between>بين))\s+$"
)
_NEAR_RELATION = {
    "قرب": "near", "مقربه من": "near", "القرب من": "near", "محاذاه": "near", "مدخل": "near",
    "مشارف": "outskirts_of", "اطراف": "outskirts_of", "ضواحي": "outskirts_of", "تخوم": "outskirts_of",
    "اطراف مدينه": "outskirts_of", "محيط": "around", "حول": "around", "وسط": "centre_of",
}
# "ريف حلب الشمالي" / "ريف إدلب الجنوبي الغربي": direction after the name.
_RIF_DIR = regex.compile(r"\s+ال(?P<d1>شمالي|جنوبي|شرقي|غربي)(?:\s+ال(?P<d2>شرقي|غربي))?(?![\p{L}])")
_LOCATIVE = frozenset(normalize_word(w) for w in "في من الى إلى نحو داخل عند باتجاه اتجاه تجاه حتى مدينة".split())

_PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
_PLAIN_PREFIXES = frozenset(_PROCLITICS)
_ARTICLE_PREFIXES = frozenset([p + "ال" for p in _PROCLITICS] + ["لل", "ولل", "فلل"])
_LIL_PREFIXES = frozenset(("", "و", "ف"))


def build_automaton(keys, demonyms=(), triggers=TRIGGERS, levels=None):
    a = ahocorasick.Automaton()
    levels = levels or {}
    for k in keys:
        if k in triggers or levels.get(k, 0) >= NEVER:  # a trigger noun is never a name by itself (مدينة ≠ Medina)
            continue
        pat = k.replace(" ", SEP) + SEP
        a.add_word(pat, (k, NAME))
        if k.startswith("ال") and len(k) > 3:
            lil = "لل" + k[2:].replace(" ", SEP) + SEP
            if lil not in a:
                a.add_word(lil, (k, LIL))
    for d in demonyms:
        pat = d + SEP
        if pat not in a:
            a.add_word(pat, (d, DEMONYM))
    for t in triggers:
        pat = t + SEP
        if pat not in a:
            a.add_word(pat, (t, TRIGGER))
    a.make_automaton()
    return a


def gazetteer_automaton(gaz: Gazetteer):
    if gaz._automaton is None:
        gaz._automaton = build_automaton(gaz.keys, gaz.demonyms, levels=gaz.levels)
    return gaz._automaton


def marked_text(norm_text: str) -> str:
    """Same-length copy of the normalised text with every non-letter replaced by SEP."""
    if not norm_text:
        return SEP
    cps = codepoints(norm_text).copy()
    cps[char_classes(norm_text) != LETTER] = 1
    return from_codepoints(cps) + SEP


@dataclass
class NameMention:
    """A place name found in the normalised text (offsets normalised until mapped)."""

    nstart: int                 # name start (after any proclitic)
    nend: int
    key: str                    # gazetteer key (or the raw words of an unknown name)
    prefix: str = ""            # proclitics attached to the name
    trigger: str | None = None  # trigger noun right before the name
    trigger_start: int | None = None
    relation: str | None = None
    relation_start: int | None = None
    relation_end: int | None = None
    known: bool = True          # False: name announced by a trigger but absent from the gazetteer
    article_prefix: bool = False
    coordinated: bool = False   # second element of "بين X و Y" / "X و Y" after a triggered X
    extra: dict = field(default_factory=dict)


@dataclass
class Recognition:
    names: list[NameMention]
    demonyms: list[tuple[int, int, str]]   # (nstart, nend, ISO-2)
    rejected: list[NameMention] = field(default_factory=list)  # names without enough context (still vote)


def recognize(norm_text: str, gaz: Gazetteer) -> Recognition:
    marked = marked_text(norm_text)
    auto = gazetteer_automaton(gaz)
    hits: list[tuple[int, int, str, str, int]] = []   # (nstart, nend, key, prefix, type)
    triggers: dict[int, tuple[int, str]] = {}          # word end -> (trigger start, trigger)
    demonyms: list[tuple[int, int, str]] = []
    rfind = marked.rfind
    for end, (key, typ) in auto.iter(marked):
        # `end` is the index of the closing SEP; the hit covers [start, end).
        start = end - len(key)  # a LIL pattern (للرقه) is as long as its key (الرقه)
        if start == 0 or marked[start - 1] == SEP:
            prefix = ""
        else:
            ws = rfind(SEP, max(0, start - 5), start) + 1
            if not ws:
                if start > 4:
                    continue  # more letters before the hit than any proclitic chain has
            prefix = marked[ws:start]
        if typ == NAME:
            if prefix in _PLAIN_PREFIXES:
                hits.append((start, end, key, prefix, 0))
            elif prefix in _ARTICLE_PREFIXES and not key.startswith("ال") and len(key) >= 4:
                hits.append((start, end, key, prefix, 1))
        elif typ == LIL:
            if prefix in _LIL_PREFIXES:
                hits.append((start, end, key, prefix, 0))
        elif typ == TRIGGER:
            if prefix in _PLAIN_PREFIXES:
                triggers[end] = (start, key)
        elif typ == DEMONYM and prefix in _PLAIN_PREFIXES:
            demonyms.append((start, end, gaz.demonyms[key]))
    _naming_extensions(norm_text, triggers)
    # Longest first, then leftmost; a kept hit blocks overlapping ones. (bytearray.find: no numpy
    # call per hit, which cost more than the whole test on real news)
    hits.sort(key=lambda h: (h[0] - h[1], h[0]))
    taken = bytearray(len(marked) + 1)
    kept = []
    for h in hits:
        s, e = h[0], h[1]
        if taken.find(1, s, e) >= 0:
            continue
        taken[s:e] = b"\x01" * (e - s)
        kept.append(h)
    kept.sort()
    names: list[NameMention] = []
    level_of = gaz.levels.get
    word_pm = gaz.word_pm.get
    for s, e, key, prefix, art in kept:
        # the trigger sits right before the word, article included ("جرود الفليطة" of the name فليطة)
        head = s - (len(prefix) if prefix == "ال" and art else 0) if prefix in ("", "ال") else -1
        trig = triggers.get(head - 1) if head > 0 else None
        if trig is not None and not (marked[head - 1] == SEP and norm_text[head - 1] == " "):
            trig = None
        level = level_of(key, PLAIN)
        if trig is None and level == TRIGGER_ONLY and not prefix.startswith("و") \
                and key not in gaz.country_keys and not _cue_before(norm_text, s - len(prefix)):
            continue  # can neither be accepted nor vote: skip the per-mention work (most hits on real news)
        if prefix:
            # The whole word is a word of its own more often than the name with a clitic (بلاتر، كامل،
            # وجيزة): not a clitic + name.
            surface = norm_text[s - len(prefix):e]
            if word_pm(surface, 0.0) >= 5.0 and word_pm(surface, 0.0) > word_pm(key, 0.0):
                continue
        elif trig is None:
            prev = _prev_word(norm_text, s)
            if prev:
                if prev in _ORG_FORMS:
                    continue  # "قناة الجزيرة"، "جامعة دمشق": an organisation's name
                if key in gaz.country_keys and key in gaz.demonyms and _adjective_slot(prev, key):
                    demonyms.append((s, e, gaz.demonyms[key]))  # "الحكومة السعودية"، "ليرة سورية"
                    continue
                if prev in given_names() and key not in gaz.country_keys \
                        and gaz.loc_share.get(key, 1.0) < 0.3:
                    continue  # "مارجريت تاتشر"، "الرئيس بشار": a person's name
        if level >= SOFT and _YEAR_AFTER.match(norm_text, e):
            continue  # "سنة 1979"، "عام 2015": a word before a number
        twin = _direction_twin(norm_text, marked, e, key, gaz)
        if twin:
            # "حصيبة الشرقية" is another place than حصيبة (often far away): an unknown name, not X.
            names.append(NameMention(s, twin, norm_text[s:twin], prefix, trig[1] if trig else None,
                                     trig[0] if trig else None, known=False))
            taken[e:twin] = b"\x01" * (twin - e)
            continue
        if trig is not None and trig[1] in NAME_PART_TRIGGERS and not any(
                c.kind == TRIGGERS[trig[1]] for c in gaz.candidates(key)):
            # "وادي X" / "سد X" where X names a town: the feature named after it, not the town
            names.append(NameMention(trig[0], e, norm_text[trig[0]:e], "", trig[1], trig[0], known=False))
            continue
        m = NameMention(s, e, key, prefix, article_prefix=bool(art))
        if trig is not None:
            m.trigger_start, m.trigger = trig
        names.append(m)
    unknown = _unknown_after_triggers(norm_text, marked, triggers, taken, gaz)
    if unknown:
        spans = [(u.nstart, u.nend) for u in unknown]
        names = [m for m in names if not any(a <= m.nstart and m.nend <= b for a, b in spans)]
        names.extend(unknown)
    for m in list(names):
        if m.trigger in MULTI_TRIGGERS:
            names.extend(_coordinated_unknowns(norm_text, marked, m.nend, m.trigger, taken, gaz))
    names.sort(key=lambda m: m.nstart)
    prev: NameMention | None = None
    for m in names:
        _attach_relation(norm_text, m)
        if prev is not None and m.prefix.startswith("و") and (prev.trigger or prev.relation):
            gap = norm_text[prev.nend:m.nstart - len(m.prefix)]
            if not gap.strip():
                m.coordinated = True
        prev = m
    ok = [_accept(m, gaz, norm_text) for m in names]
    return Recognition([m for m, a in zip(names, ok) if a], demonyms, [m for m, a in zip(names, ok) if not a])


_TWIN_TAILS = frozenset(normalize_word(w) for w in "الشرقية الغربية الشمالية الجنوبية العليا السفلى".split())


def _direction_twin(norm_text: str, marked: str, e: int, key: str, gaz: Gazetteer) -> int:
    """End of "X الشرقية" when X is a small place and the two words are no name of the gazetteer
    (a known two-word name was matched whole): the twin village, not X; else 0."""
    if e >= len(norm_text) - 2 or norm_text[e] != " ":
        return 0
    e2 = marked.find(SEP, e + 1)
    if norm_text[e + 1:e2] not in _TWIN_TAILS:
        return 0
    if any(c.population >= 100_000 or c.kind in ("admin1", "country", "region") for c in gaz.candidates(key)):
        return 0  # "حلب الشرقية": the eastern part of the city
    return e2


_YEAR_AFTER = regex.compile(r" ?\d")


def _prev_word(norm_text: str, start: int) -> str:
    """The word right before `start` (separated by one space only), or ''."""
    if start < 2 or norm_text[start - 1] != " ":
        return ""
    return norm_text[max(0, start - 16):start - 1].rpartition(" ")[2]


def _strip_clitics(word: str) -> set[str]:
    """The readings of `word` without proclitics (و ف ب ل ك [+ال]), the word itself included."""
    out = {word}
    for p in _HEAD_CLITICS:
        if p and word.startswith(p) and len(word) - len(p) >= 3:
            out.add(word[len(p):])
        if word.startswith(p + "ال") and len(word) - len(p) >= 5:
            out.add(word[len(p) + 2:])
    if word.startswith(("لل", "ولل", "فلل")):
        out.add(word[word.index("لل") + 2:])
    return out


def _adjective_slot(prev: str, key: str) -> bool:
    """A country name that is also the feminine demonym, in the slot of an adjective: after a definite
    noun for the definite form (القوات السعودية), after a feminine/plural indefinite noun otherwise
    (ليرة سورية، فصائل سورية)."""
    if prev in _LOCATIVE or prev in _RELATION_WORDS:
        return False
    bare = {p for p in _strip_clitics(prev)}
    if key.startswith("ال"):
        return prev.startswith(("ال", "وال", "فال", "بال", "لل", "ولل", "كال"))
    return not prev.startswith("ال") and any(b.endswith(("ه", "ات")) for b in bare) and prev not in TRIGGERS


_RELATION_WORDS = frozenset(normalize_word(w) for w in (
    "شمال جنوب شرق غرب قرب وسط أطراف اطراف بين داخل خارج حدود مع و ضد عبر".split()
))


_GIVEN: frozenset[str] | None = None


def given_names() -> frozenset[str]:
    global _GIVEN
    if _GIVEN is None:
        try:
            lines = _GIVEN_NAMES_FILE.read_text(encoding="utf-8").split("\n")
        except OSError:
            lines = []
        _GIVEN = frozenset(normalize_word(w.strip()) for w in lines if w.strip() and not w.startswith("#"))
    return _GIVEN


def _common_word(gaz: Gazetteer, w: str) -> bool:
    """A frequent corpus word rarely written after a trigger noun (الحادث، المطاعم، الجوازات)."""
    for x in (w, w[1:] if w[:1] in "وف" else None):
        if x and gaz.word_pm.get(x, 0.0) * (1.0 - 5.0 * gaz.trigger_share.get(x, 0.0)) >= 10.0:
            return True
    return False


_VERB_OBJECT = ("ها", "هم", "هما", "هن", "كم", "نا")


def not_a_name_word(w: str, trig: str, gaz: Gazetteer) -> bool:
    """An unknown word after a trigger that is a verb, an adjective agreeing with the trigger, or a
    function word — by morphology, backed by the word's use elsewhere in the corpus (place_word_stats:
    a corpus word that is hardly ever written after a locative is no village name).

    - present-tense verbs (ت/ي/ن + stem: "مدينة تسقط"), verbs with an object pronoun ("تحكمها");
    - past verbs in -ت ("منطقة سيطرت عليها");
    - indefinite adjectives/participles agreeing with the trigger: feminine -ة after a feminine trigger
      (محررة، محاصرة، مختلفة، واقعة), nisba -ية/-ي (افتراضية، إيرانية، شعبي);
    - a small stop-list (هناك، أيضا…).
    """
    if w in _STOP_AFTER_TRIGGER or w in NAME_HEADS:
        return w in _STOP_AFTER_TRIGGER
    pm = gaz.word_pm.get(w, 0.0)
    loc = gaz.loc_share.get(w, 0.0)
    corpus_word = pm >= 2.0
    if w.startswith("ال") or len(w) < 4:
        return False
    if w[0] in "تين" and w.endswith(_VERB_OBJECT) and len(w) >= 5:
        return True  # تحكمها، يسكنها
    if corpus_word and loc < 0.15 and (w[0] in "تين" or w.endswith("ت")):
        return True  # تسقط، سيطرت
    if not corpus_word:
        return False
    if w.endswith("يه") or (w.endswith("ي") and trig not in _FEMININE_TRIGGERS):
        return loc < 0.3  # nisba adjective: افتراضية، إيرانية، (حي) شعبي
    if w.endswith("ه") and trig in _FEMININE_TRIGGERS:
        # participles (مـ…ة) and active participles فاعلة agree with a feminine trigger
        return w[0] == "م" or (len(w) == 5 and w[1] == "ا") or loc < 0.15
    if w[0] == "م" and trig not in _FEMININE_TRIGGERS and loc < 0.15:
        return True  # (مخيم) مؤقت، (حي) مجاور
    return False


# "قرية تسمى X"، "بلدة يطلق عليها X"، "القرية المعروفة باسم X": the name is the word after the phrase.
_NAMING = regex.compile(
    r" (?:[تي](?:سمي|دعي)|المسماه|المسمي|المدعوه|المدعو|(?:ال)?معروفه? باسم|[تي]عرف باسم|اسمها|اسمه"
    r"|[يت]طلق عليها(?: اسم)?|[يت]طلق عليه(?: اسم)?)(?= )")


def _naming_extensions(norm_text: str, triggers: dict) -> None:
    """Register the end of a naming phrase after a trigger as that trigger's end too."""
    for tend, (tstart, trig) in list(triggers.items()):
        m = _NAMING.match(norm_text, tend)
        if m:
            triggers[m.end()] = (tstart, trig)


def _unknown_after_triggers(norm_text: str, marked: str, triggers, taken, gaz: Gazetteer) -> list[NameMention]:
    """Names announced by a strong trigger ("بلدة X") that the gazetteer does not know."""
    out = []
    for tend, (tstart, trig) in triggers.items():
        if trig not in STRONG_TRIGGERS or tend >= len(norm_text) or norm_text[tend] != " " \
                or _NAMING.match(norm_text, tend):
            continue
        s = tend + 1
        if s >= len(norm_text) or taken[s]:
            continue
        e = marked.find(SEP, s)
        if e <= s or taken.find(1, s, e) >= 0:
            continue  # the word holds a known name (بحلب after "أحياء")
        w1 = norm_text[s:e]
        if w1 in NOT_NAME or len(w1) < 2 or w1 in TRIGGERS or w1.endswith(_POSSESSIVE_PLURAL) \
                or not_a_name_word(w1, trig, gaz):
            continue
        if trig in ("منطقه", "مناطق", "منطقتي") and not w1.startswith("ال") and (
                w1.endswith("يه") or (w1.endswith("ه") and w1 in gaz.word_pm)):
            continue  # "منطقة عازلة/صناعية/ممنوعة": an adjective (a corpus word), not a name
        if w1 not in NAME_HEADS and _common_word(gaz, w1):
            continue  # "منطقة الحادث"، "مديرية الجوازات": a common noun, not an unknown place
        before = norm_text[max(0, tstart - 5):tstart]
        if (trig == "ناحيه" and before.endswith("من ")) or (trig == "قضاء" and before[-1:] == "ل"):
            continue  # "من ناحية" (in terms of), "لقضاء" (to spend)
        end = e
        if e < len(norm_text) and norm_text[e] == " ":
            e2 = marked.find(SEP, e + 1)
            w2 = norm_text[e + 1:e2]
            # a name head takes the next word even when it is a known name: "أم الزيتون" is not الزيتون
            if e2 > e + 1 and w2 not in NOT_NAME and (w1 in NAME_HEADS or (
                    w2 in NAME_TAILS and not w1.startswith("ال") and taken.find(1, e + 1, e2) < 0)):
                end = e2
        if trig in NAME_PART_TRIGGERS:
            s = tstart  # "وادي الضيف": the trigger is part of the name
        out.append(NameMention(s, end, norm_text[s:end], "", trig, tstart, known=False))
        taken[s:end] = b"\x01" * (end - s)
    return out


def _coordinated_unknowns(norm_text: str, marked: str, end: int, trig: str, taken,
                          gaz: Gazetteer) -> list[NameMention]:
    """After a dual/plural trigger: the following "وX" / "، X" words are names too (up to 4)."""
    out = []
    pos = end
    for _ in range(4):
        m = _COORD.match(norm_text, pos)
        if not m:
            break
        s, e = m.start("w"), m.end("w")
        if taken.find(1, s, e) >= 0:
            pos = e
            continue
        w = norm_text[s:e]
        if w in NOT_NAME or w in TRIGGERS or len(w) < 2 or _common_word(gaz, w) or w.endswith(_POSSESSIVE_PLURAL) \
                or not_a_name_word(w, trig, gaz):
            break
        out.append(NameMention(s, e, w, "و" if (m.group("conj") or m.group("conj2")) else "", None, None,
                               known=False, coordinated=True, extra={"trigger": trig}))
        taken[s:e] = b"\x01" * (e - s)
        pos = e
    return out


_COORD = regex.compile(r"(?:\s*،\s*(?P<conj>و)?|\s+(?P<conj2>و))(?P<w>\p{L}+)(?=[^\p{L}]|$)")


_CUE_ENDS = ("شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "قرب", "من", "محاذاه", "مشارف",
             "اطراف", "ضواحي", "محيط", "حول", "تخوم", "وسط", "مدخل", "مدينه", "بلده", "قريه", "بين")


def _cue_before(norm_text: str, head: int) -> bool:
    """Cheap test: does the word before `head` end like a relation cue (شمال، قرب، بين…)?"""
    return norm_text[max(0, head - 12):head].rstrip().rpartition(" ")[2].endswith(_CUE_ENDS)


def _attach_relation(norm_text: str, m: NameMention) -> None:
    head = m.trigger_start if m.trigger_start is not None else m.nstart - len(m.prefix)
    if m.trigger not in ("ريف", "جرود") and not _cue_before(norm_text, head):
        return
    if m.trigger == "ريف" or m.trigger == "جرود":
        m.relation = "countryside_of" if m.trigger == "ريف" else "highlands_of"
        m.relation_start = head
        rd = _RIF_DIR.match(norm_text, m.nend)
        if rd:
            d = _DIRS[rd.group("d1")[:-1]] + (_DIRS[rd.group("d2")[:-1]] if rd.group("d2") else "")
            m.relation = f"{d}_{m.relation}"
            m.relation_end = rd.end()
        pre = norm_text[max(0, head - 30):head]
        rel = _REL.search(pre)
        if rel and rel.group("dir"):
            m.relation_start = head - (len(pre) - rel.start("dir")) - len(rel.group("cl") or "")
        return
    if m.prefix and m.prefix not in ("و", "ف"):
        return
    pre = norm_text[max(0, head - 30):head]
    rel = _REL.search(pre)
    if not rel:
        return
    cue_start = head - (len(pre) - rel.start("cl"))
    if rel.group("dir"):
        d = _DIRS[rel.group("dir")] + (_DIRS[rel.group("dir2")] if rel.group("dir2") else "")
        m.relation = f"{d}_of"
    elif rel.group("near"):
        m.relation = _NEAR_RELATION.get(rel.group("near"), "near")
    else:
        m.relation = "between"
    m.relation_start = cue_start


def _locative(m: NameMention, norm_text: str) -> bool:
    """'في X'، 'بX'، 'من X'، 'إلى X': the name sits where a place is expected."""
    if "ب" in m.prefix:
        return True
    if m.prefix and not m.article_prefix:
        return False  # "إلى فعالية"، "من كامل": a preposition is not followed by و/ف/ل/ك + name
    head = m.nstart - len(m.prefix)
    prev = norm_text[max(0, head - 12):head].split()
    return bool(prev) and prev[-1] in _LOCATIVE


def _accept(m: NameMention, gaz: Gazetteer, norm_text: str) -> bool:
    m.extra["locative"] = _locative(m, norm_text)
    if not m.known:
        return True
    level = gaz.level(m.key)
    if m.article_prefix:
        level = max(level, SOFT)
    if level == PLAIN:
        return True
    if m.trigger or (m.coordinated and level == TRIGGER_ONLY):
        return True
    if level == SOFT:
        return bool(m.relation or m.coordinated or m.extra["locative"])
    return False


__all__ = ["recognize", "Recognition", "NameMention", "TRIGGERS", "build_automaton", "marked_text",
           "PLAIN", "SOFT", "TRIGGER_ONLY"]
