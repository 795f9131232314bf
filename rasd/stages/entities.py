"""Entities stage: CRF named-entity tags over each sentence -> PER / ORG / LOC / FAC / MISC spans.

After tagging:
- a leading clitic (و/ف + ب/ك/ل) is cut off an entity when its stem is the more plausible word
  (وبغداد -> بغداد; بيروت and لبنان stay whole), so surface forms compare with dictionaries;
- a place-type head noun in construct right before a LOC (حي، ريف، جبل، وادي…) joins the place;
- a facility head noun (مستشفى، مطار، سجن، معبر، قاعدة…) before a named entity makes a FAC of
  head + name (+ a following adjective such as العسكري / الدولي, or a number); an inner place
  name is kept as a LOC too (مطار دمشق → دمشق), other inner names are dropped;
- known organisations (resources/data/ner_organisations.txt) and force phrases with a national
  adjective (الجيش العراقي) are ORG; a rare word after an administrative head (قرية X) is a LOC.
Offsets are into the original text (doc.text[start:end] == text).
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from itertools import compress
from pathlib import Path

import numpy as np

from ..doc import Doc
from ..model import Entity, Span
from ..ner.corpus import chunks, runtime_pieces
from ..ner.features import DATA, word_key
from ..ner.crf import CrfTagger, default_crf_tagger
from ..resources.actor_kb import load_kb, scan
from ..text.normalize import normalize_word

# Heads that belong to a place name when they stand right before it without the article
# (حي الميدان، جبل X، وادي X); administrative heads (مدينة، قرية) and ريف stay outside the name.
LOC_JOIN_HEADS = frozenset(normalize_word(w) for w in (
    "حي", "جبل", "جبال", "وادي", "نهر", "مخيم", "بحيرة", "سهل", "تلة", "تل", "شارع", "ساحة", "جرود",
))
# Heads after which an untagged rare word is a place name (قرية X، مديرية X، حي X).
LOC_CONTEXT_HEADS = frozenset(normalize_word(w) for w in (
    "مدينة", "بلدة", "قرية", "مديرية", "محافظة", "منطقة", "ناحية", "قضاء", "مخيم", "حي", "بلدتي", "قريتي",
    "مدينتي", "ولاية", "إقليم",
))
# First words of multi-word place names (بيت X، كفر X، دير X…): the name takes one more word.
TOPONYM_PREFIXES = frozenset(normalize_word(w) for w in (
    "بيت", "بني", "عين", "تل", "دير", "كفر", "خان", "جسر", "باب", "أبو", "أم", "رأس", "بئر", "جبل", "وادي",
    "سوق", "قصر", "مرج", "حزم", "بير", "تلة", "دار",
))
# Definite heads of forces / authorities that make an organisation with a national adjective or one
# of a few others (الجيش العراقي، النظام السوري، الجيش الوطني, الشرطة الاتحادية).
ORG_FORCE_HEADS = frozenset(normalize_word(w) for w in (
    "الجيش", "النظام", "المعارضة", "الشرطة", "الحكومة", "الحرس", "البحرية", "القوة", "المقاومة",
    "الاستخبارات", "المخابرات",
))
ORG_EXTRA_ADJECTIVES = frozenset(normalize_word(w) for w in (
    "الحر", "الوطني", "الوطنية", "الاتحادية", "الشعبي", "الشعبية", "الثوري", "الجوية",
))
# Words that are never the name after a head (dates, quantifiers, pronoun-like words).
STOP_NAMES = frozenset(normalize_word(w) for w in (
    "التي", "الذي", "الذين", "اليوم", "الأمس", "الآن", "الان", "كل", "بعض", "الكبيرة", "الكبير", "أخرى",
    "اخري", "واحدة", "مجاورة", "المجاورة", "قريبة", "القريبة", "عدة", "أخرى", "نفسها", "ذاتها", "الحدودية",
))
# Adjectives that continue a facility name (مطار X الدولي، قاعدة X الجوية).
FAC_ADJECTIVES = frozenset(normalize_word(w) for w in (
    "العسكري", "العسكرية", "الدولي", "الجوي", "الجوية", "البحري", "البحرية", "المركزي", "المركزية",
    "الحدودي", "الوطني", "العام", "الكبير", "الجامعي", "التخصصي", "الميداني",
))
# Leading trigger nouns that are not part of a resolved place's name (مدينة حلب -> حلب); heads such as
# حي، جبل، وادي، ريف stay (they are part of the name as the press writes it).
PLACE_STRIP_HEADS = frozenset(normalize_word(w) for w in (
    "مدينة", "المدينة", "بلدة", "قرية", "محافظة", "منطقة", "ناحية", "قضاء", "مديرية", "العاصمة", "عاصمة",
    "مدينتي", "بلدتي", "قريتي", "محافظتي", "مديريتي", "مناطق", "مدن", "بلدات", "قرى", "مركز", "المركز",
))
# Place kinds that are facilities (FAC), not places (LOC).
FAC_KINDS = frozenset(("airport", "prison", "hospital", "base", "crossing", "port", "dam", "facility"))
# Actor-KB kinds that are no organisation's name (generic groups of people).
KB_NON_ORG_KINDS = frozenset(("person", "civilians", "protesters", "rioters"))
# Generic words that lead some actor-KB keys (تنظيم داعش، مليشيات الحوثي): the name is what follows.
KB_GENERIC_HEADS = frozenset(normalize_word(w) for w in (
    "تنظيم", "جماعة", "جماعات", "قوات", "عناصر", "مسلحي", "مسلحو", "المسلحين", "مسلحين", "مقاتلي", "مقاتلو",
    "ميليشيا", "ميليشيات", "مليشيا", "مليشيات", "ميلشيا", "رجال", "فصائل", "طائرات", "طيران", "الموالين",
))
# Generic government words that are a KB name only through the article's country (المملكة، الشرعية).
KB_GENERIC_KINDS = frozenset(("government", "state_forces"))
MIN_PLACE_CONFIDENCE = 0.5
# Title triggers that begin names themselves (أبو بكر، ابن سلمان): never cut off a person's name.
NAME_PARTICLES = frozenset(normalize_word(w) for w in ("أبو", "ابو", "ابن", "بن", "أم", "ام"))
# Descriptors the model sometimes takes into a person's name; cut from its start like titles.
PER_DESCRIPTORS = frozenset(normalize_word(w) for w in (
    "المخلوع", "الشاهد", "الكولونيل", "الراحل", "الشهيد", "القيادي", "الناشط", "الصحفي", "المتحدث",
    "الناطق", "المواطن", "الطفل", "الشاب", "الجندي", "الضابط", "الملازم", "الرقيب", "المدعو", "الإعلامي",
))
RARE_RANK = 3000
CLITIC_RARITY = 8  # a clitic-bearing form must be this many times rarer (by rank) than its stem  # words rarer than this in the unlabelled news are name candidates after a head


FLAG_CACHE = 100_000
MAX_ORG_WORDS = 6
ORG_START, FORCE_HEAD, LOC_HEAD, FAC_HEAD = 1, 2, 4, 8  # per-word rule trigger flags
ORGANISATIONS = DATA / "ner_organisations.txt"


_set = object.__setattr__
_SPAN_FIELDS = frozenset(("start", "end", "text"))
_ENTITY_FIELDS = frozenset(("text", "type", "start", "end", "evidence"))


def _entity(text: str, typ: str, start: int, end: int) -> Entity:
    """Entity(text=…, type=typ, start, end, evidence=[its Span]) without pydantic validation: every
    field is built here (int offsets into `text`, a type of the Literal), and validating was ~10% of
    the stage's time. Same fields set as the validated constructor, so dumps are identical."""
    start, end = int(start), int(end)
    surface = text[start:end]
    sp = Span.__new__(Span)
    _set(sp, "__dict__", {"start": start, "end": end, "text": surface})
    _set(sp, "__pydantic_fields_set__", set(_SPAN_FIELDS))
    _set(sp, "__pydantic_extra__", None)
    _set(sp, "__pydantic_private__", None)
    e = Entity.__new__(Entity)
    _set(e, "__dict__", {"text": surface, "type": typ, "start": start, "end": end, "confidence": None,
                         "evidence": [sp]})
    _set(e, "__pydantic_fields_set__", set(_ENTITY_FIELDS))
    _set(e, "__pydantic_extra__", None)
    _set(e, "__pydantic_private__", None)
    return e


def load_organisations(path: Path = ORGANISATIONS) -> frozenset[tuple[str, ...]]:
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.add(tuple(word_key(p) for piece in line.split() for p in runtime_pieces(piece)))
    return frozenset(out)


class EntitiesStage:
    name = "entities"
    requires: tuple[str, ...] = ()
    assigns = ("entities",)

    def __init__(self, tagger: CrfTagger | None = None):
        self.tagger = tagger or default_crf_tagger()
        fz = self.tagger.featurizer
        self.fz = fz
        self.fac_heads = frozenset(w for w, c in fz.triggers.items() if "fac_head" in c.split("|"))
        self._head = lru_cache(maxsize=50_000)(self._head_uncached)
        self.flags = lru_cache(maxsize=50_000)(self._flags)
        self._flag_cache: dict[str, int] = {}
        self._is_org_adjective = lru_cache(maxsize=20_000)(self._is_org_adjective_uncached)
        self.orgs = load_organisations()
        self.org_first = {k[0] for k in self.orgs}
        self.kb = load_kb()
        self.titles = frozenset(w for w, c in fz.triggers.items() if "per_title" in c.split("|")
                                and w not in NAME_PARTICLES) | PER_DESCRIPTORS

    def __call__(self, doc: Doc) -> Doc:
        tok = doc.tok
        n = len(tok)
        if n == 0:
            return doc
        ntext = doc.norm.text
        words = [ntext[a:b] for a, b in zip(tok.nstart.tolist(), tok.nend.tolist())]
        bounds = np.searchsorted(tok.start, doc.sent_starts, "left").tolist() + [n]
        ranges = [(a, b) for a, b in zip(bounds[:-1], bounds[1:]) if b > a]
        all_tags = self.tagger.tag_sentences([words[a:b] for a, b in ranges])
        spans: list[tuple[int, int, str]] = []
        for (a, _), tags in zip(ranges, all_tags):
            if tags.count("O") < len(tags):
                spans.extend((a + s, a + e, t) for s, e, t in chunks(tags))
        # Rule triggers are found with one cached lookup per token; the rules visit only those.
        cands = self._candidates(words)
        ends = [b for _, b in ranges]
        sent_end = {k: ends[bisect_right(ends, k)] for k, _ in cands}
        spans = self._with_rules(words, spans, cands, sent_end)
        ents = self._entities(doc, words, spans, cands, sent_end)
        ents = self._with_known_names(doc, ents)
        doc.entities = self._with_places(doc, ents)
        return doc

    # -- curated resources: actor KB names, resolved places ----------------------------------------
    def _kb_names(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start, end, ORG|PER) of actor-KB names in the text, original offsets; a person's leading
        titles (الرئيس السوري، العميد) are cut off so the span is the name itself."""
        ntext = doc.norm.text
        actors = self.kb.actors
        out = []
        for m in scan(self.kb, ntext):
            ids = [h.target for h in m.hits if h.kind == "name"]
            if not ids:
                continue
            kind = actors[ids[0]].kind
            if kind in KB_NON_ORG_KINDS and kind != "person" or m.prefix.endswith("لل"):
                continue  # generic groups; للحوثيين has no substring that is the name
            typ = "PER" if kind == "person" else "ORG"
            ns, ne = m.nstart, m.nend
            if " و" in ntext[ns:ne]:
                continue  # two actors joined (الحوثيين وقوات صالح)
            skip = self.titles if typ == "PER" else KB_GENERIC_HEADS
            while True:
                sp = ntext.find(" ", ns, ne)
                if sp < 0:
                    break
                first = ntext[ns:sp]
                if first in skip or self._head(first) in skip or (typ == "PER" and self._is_org_adjective(first)):
                    ns = sp + 1  # الرئيس السوري بشار الأسد -> بشار الأسد; تنظيم داعش -> داعش
                else:
                    break
            if kind in KB_GENERIC_KINDS and " " not in ntext[ns:ne]:
                continue
            a, b = doc.norm.to_original(ns, ne)
            if b > a:
                out.append((a, b, typ))
        return out

    def _with_known_names(self, doc: Doc, ents: list[Entity]) -> list[Entity]:
        """Add actor-KB organisation / person names: a KB name replaces the model's entities strictly
        inside it (a place inside stays: شرطة قندز keeps قندز), and yields to one containing it."""
        names = self._kb_names(doc)
        if not names:
            return ents
        for a, b, typ in names:
            over = [e for e in ents if e.start < b and a < e.end]
            if any(e.start <= a and b <= e.end for e in over):
                continue  # the model found the same or a longer name: keep it
            if any(not (a <= e.start and e.end <= b) for e in over):
                continue  # a crossing boundary: trust neither over the model
            drop = {id(e) for e in over if e.type != "LOC"}
            ents = [e for e in ents if id(e) not in drop]
            ents.append(_entity(doc.text, typ, a, b))
        ents.sort(key=lambda e: (e.start, e.end))
        return ents

    def _with_places(self, doc: Doc, ents: list[Entity]) -> list[Entity]:
        """Add resolved place mentions of the places stage (which runs before) that the model missed:
        LOC, or FAC for facility kinds; relative descriptions and unresolved names are left out."""
        mentions = doc.user.get("place_mentions")
        if not mentions:
            return ents
        kinds = {p.id: p for p in doc.places}
        ntext = doc.norm.text
        added = []
        for a, b, pid in mentions:
            p = kinds.get(pid)
            if p is None or not p.resolved or p.relation or ":" not in pid or pid.startswith(
                    ("rel:", "unresolved:", "anchored:")) or p.confidence < MIN_PLACE_CONFIDENCE:
                continue
            ns, ne = doc.norm.to_normalized(a, b)
            while True:
                sp = ntext.find(" ", ns, ne)
                if sp < 0 or ntext[ns:sp] not in PLACE_STRIP_HEADS:
                    break
                ns = sp + 1
            a, b = doc.norm.to_original(ns, ne)
            if b <= a or any(e.start < b and a < e.end for e in ents) or any(
                    x.start < b and a < x.end for x in added):
                continue
            added.append(_entity(doc.text, "FAC" if p.kind in FAC_KINDS else "LOC", a, b))
        if added:
            ents = sorted(ents + added, key=lambda e: (e.start, e.end))
        return ents

    def _candidates(self, words: list[str]) -> list[tuple[int, int]]:
        """(token index, flags) of the tokens with rule flags: one C-level dict lookup per token
        (the flag cache is a plain dict, cleared when it reaches FLAG_CACHE words)."""
        cache = self._flag_cache
        flags = list(map(cache.get, words))
        if None in flags:
            if len(cache) > FLAG_CACHE:
                cache.clear()
            for k in [k for k, f in enumerate(flags) if f is None]:
                f = cache.get(words[k])
                if f is None:
                    f = cache[words[k]] = self._flags(words[k])
                flags[k] = f
        return [(k, flags[k]) for k in compress(range(len(words)), flags)]

    def _flags(self, w: str) -> int:
        head = self._head(w)
        f = 0
        if w in self.org_first or head in self.org_first:
            f |= ORG_START
        if head in ORG_FORCE_HEADS:
            f |= FORCE_HEAD
        if head in LOC_CONTEXT_HEADS:
            f |= LOC_HEAD
        if head in self.fac_heads:
            f |= FAC_HEAD
        return f

    # -- rules -------------------------------------------------------------------------------------
    def _org_rules(self, words: list[str], cands, sent_end) -> list[tuple[int, int, str]]:
        """Known organisations (lexicon) and security-force phrases starting at candidate tokens."""
        out = []
        nxt = 0
        for i, f in cands:
            if i < nxt or not f & (ORG_START | FORCE_HEAD):
                continue
            b = sent_end[i]
            w = words[i]
            head = self._head(w)
            found = 0
            if f & ORG_START:
                for k in range(min(MAX_ORG_WORDS, b - i), 0, -1):
                    rest = tuple(words[i + 1:i + k])
                    if (w, *rest) in self.orgs or (head, *rest) in self.orgs:
                        found = k
                        break
            if not found and f & FORCE_HEAD:
                j = i + 1
                while j < b and j < i + 4 and self._is_org_adjective(words[j]):
                    j += 1  # القوة الجوية العراقية
                found = j - i if j > i + 1 else 0
            if found:
                out.append((i, i + found, "ORG"))
                nxt = i + found
        return out

    def _is_org_adjective_uncached(self, word: str) -> bool:
        """A national adjective (السوري، العراقية: its country is a known place) or a force adjective."""
        if word in ORG_EXTRA_ADJECTIVES:
            return True
        if not word.startswith("ال") or len(word) < 5:
            return False
        stem = word[2:-2] if word.endswith("يه") else word[2:-1] if word.endswith("ي") else None
        if not stem:
            return False
        gaz = self.fz.gaz
        return any("LOC" in gaz.get((form,), "") for form in
                   (stem, "ال" + stem, stem + "ا", stem + "يا", "ال" + stem + "ا"))

    def _loc_rule(self, words: list[str], i: int, b: int) -> int:
        """End of a place name after a head noun at i (0: none): one rare or definite word, or a
        toponym prefix + one word (بيت X)."""
        j = i + 1
        if j >= b:
            return 0
        w = words[j]
        if not w.isalpha() or len(w) < 3 or w in STOP_NAMES or w in LOC_CONTEXT_HEADS:
            return 0
        if w in TOPONYM_PREFIXES and j + 1 < b and words[j + 1].isalpha():
            return j + 2
        if self.fz.reading(w) is not None:  # a clitic-bearing word (بالقرب) is not a name here
            return 0
        # a place name is unknown to the news vocabulary, rare, or tagged a place elsewhere
        rank = self.fz.rank.get(w)
        if rank is None or rank > RARE_RANK or any(p.startswith("LOC") for p in self.fz.auto.get(w, ())):
            return j + 1
        return 0

    def _fac_rule(self, words: list[str], i: int, b: int) -> int:
        """End of a facility name starting with head noun words[i] followed by a plain word (0: none)."""
        j = i + 1
        if j >= b:
            return 0
        nxt = words[j]
        rank = self.fz.rank.get(nxt, 10**9)
        if not nxt.isalpha() or len(nxt) < 3 or nxt in STOP_NAMES:
            return 0
        if self.fz.reading(nxt) is not None or not (nxt.startswith("ال") or rank > RARE_RANK):
            return 0
        j += 1
        while j < b and (words[j] in FAC_ADJECTIVES or words[j].isdigit()):
            j += 1
        return j

    def _with_rules(self, words, spans, cands, sent_end):
        rule_spans = self._org_rules(words, cands, sent_end)
        kept = []
        for s in spans:
            # a rule span replaces model spans it overlaps, unless a model span strictly contains it
            if not any(r[0] < s[1] and s[0] < r[1] and not (s[0] <= r[0] and r[1] <= s[1] and s != r)
                       for r in rule_spans):
                kept.append(s)
        for r in rule_spans:
            if not any(s[0] <= r[0] and r[1] <= s[1] for s in kept):
                kept.append(r)
        covered = set()
        for i, j, _ in kept:
            covered.update(range(i, j))
        for k, f in cands:
            if f & LOC_HEAD and k + 1 not in covered:
                end = self._loc_rule(words, k, sent_end[k])
                if end and not covered.intersection(range(k + 1, end)):
                    kept.append((k + 1, end, "LOC"))
                    covered.update(range(k + 1, end))
        return sorted(set(kept))

    # -- post-processing ----------------------------------------------------------------------------
    def _clitic_cut(self, word: str, typ: str | None = None) -> int:
        """Normalised chars of leading clitics to drop from an entity's first word (0: none).

        Names that merely start with a clitic letter stay whole (كابل is not ك + ابل, وادي not
        و + ادي): the clitic-bearing form must be far rarer than its stem, or the stem must be a
        known name of the entity's type and somewhat more frequent.
        """
        fz = self.fz
        r = fz.reading(word)
        if r is None or "ال" in r.prefixes or word[r.offset:] != r.stem or len(r.stem) < 3:
            return 0
        ratio = fz.rank.get(word, 10**9) / (fz.rank[r.stem] + 1)
        if ratio >= CLITIC_RARITY:
            return r.offset
        if typ is not None and ratio >= 2 and (
                typ in fz.gaz.get((r.stem,), "").split("|")
                or f"{typ}:h" in fz.auto.get(r.stem, ()) or f"{typ}:m" in fz.auto.get(r.stem, ())):
            return r.offset
        return 0

    def _head_uncached(self, word: str) -> str:
        """The word without و/ف + ب/ك/ل clitics (for head-noun lists)."""
        cut = self._clitic_cut(word)
        return word[cut:]

    def _make(self, doc: Doc, words: list[str], i: int, j: int, typ: str) -> Entity | None:
        tok = doc.tok
        nstart = int(tok.nstart[i]) + self._clitic_cut(words[i], typ)
        start, _ = doc.norm.to_original(nstart, nstart + 1)
        end = int(tok.end[j - 1])
        if end <= start:
            return None
        return _entity(doc.text, typ, start, end)

    def _entities(self, doc: Doc, words: list[str], spans: list[tuple[int, int, str]], cands,
                  sent_end) -> list[Entity]:
        out: list[Entity] = []
        n = len(words)
        inside = set()
        for i, j, _ in spans:
            inside.update(range(i, j))
        for k, f in cands:
            if f & FAC_HEAD and k + 1 < n and k not in inside and k + 1 not in inside:
                end = self._fac_rule(words, k, sent_end[k])
                if end:
                    fac = self._make(doc, words, k, end, "FAC")
                    if fac is not None:
                        out.append(fac)
        for i, j, typ in spans:
            if typ == "PER":  # الرئيس الأمريكي باراك أوباما -> باراك أوباما
                while j - i > 1 and (self._head(words[i]) in self.titles or self._is_org_adjective(words[i])):
                    i += 1
            if i > 0 and typ == "LOC" and self._head(words[i - 1]) in LOC_JOIN_HEADS:
                i -= 1
            e = self._make(doc, words, i, j, typ)
            if i > 0 and typ != "FAC" and self._head(words[i - 1]) in self.fac_heads:
                k = j
                while k < n and (words[k] in FAC_ADJECTIVES or words[k].isdigit()):
                    k += 1
                fac = self._make(doc, words, i - 1, k, "FAC")
                if fac is not None:
                    out.append(fac)
                    if typ != "LOC":  # a facility's place name is a place too; other inner names are not
                        e = None
            if e is not None:
                out.append(e)
        out.sort(key=lambda e: (e.start, e.end))
        return out
