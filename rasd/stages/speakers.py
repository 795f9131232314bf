"""Speaker resolution for quotes: role / name / affiliation split, full names, actor ids.

A speaker segment is read as
    ROLE [complement…] NAME          الناشط الإعلامي أيهم العمر، المتحدث باسم الجيش العقيد X
    NAME ROLE…                       X الناطق باسم Y
    NAME، ROLE،  /  ROLE، NAME       (apposition between commas)
    DESCRIBED SOURCE                 مصادر محلية، مصدر عسكري، ناشطون (kept as described)
A person named by a surname only (وقال العمر) or a continuation (وأضاف) gets the full name given
earlier. When the actors stage ran, the speaker is linked to its canonical actor (speaker_id).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..doc import Doc
from ..model import Quote, Span
from ..resources.quote_lexicon import QuoteLexicon
from ..text.normalize import normalize_word

if TYPE_CHECKING:
    from .quotes import Candidate, _Reader

TITLES = {normalize_word(w) for w in (
    "العقيد", "اللواء", "العميد", "الكولونيل", "الرائد", "النقيب", "المقدم", "الجنرال", "الشيخ", "شيخ",
    "الدكتور", "د.", "القاضي", "المهندس", "الأستاذ", "السيد", "السيدة", "الملازم", "المشير", "الأدميرال",
    "الحاج", "الإمام", "الأمير", "الملك", "الرئيس", "المفتي")}
AFFIL_PREPS = {normalize_word(w) for w in ("باسم", "في", "ب", "لدى", "عن", "من")}
LEADER_HEADS = {normalize_word(w) for w in (
    "قائد", "زعيم", "رئيس", "أمير", "مدير", "أمين", "وزير", "قائدة", "رئيسة", "مديرة", "وزيرة", "منسق", "ممثل")}
PREPS = {normalize_word(w) for w in ("في", "من", "عن", "على", "إلى", "مع", "ب", "ل", "باسم", "لدى", "حول", "ضد", "منذ")}
COMMAS = {"،", ",", "؛", ";"}
# a kinship noun with a possessive (شقيقه سامر): no construct complement, the name follows
KINSHIP = {normalize_word(w) for w in (
    "ابنه", "ابنها", "ابنته", "ابنتها", "نجله", "نجلها", "شقيقه", "شقيقها", "شقيقته", "شقيقتها", "والده", "والدها",
    "والدته", "والدتها", "زوجته", "زوجها", "أخوه", "أخوها", "أخته", "أختها", "عمه", "خاله", "جاره", "جارها")}
SELF_WORDS = {normalize_word(w) for w in ("نفسه", "نفسها", "ذاته", "ذاتها", "نفسهم", "ذاتهم")}


@dataclass
class SpeakerInfo:
    name: str | None
    span: Span | None = None
    role: str | None = None
    affiliation: str | None = None
    actor_id: str | None = None
    chain: list[str] = field(default_factory=list)


class ActorIndex:
    """Actor mentions of the document (doc.actors[*].mentions and doc.user["actor_mentions"]), by span."""

    def __init__(self, doc: Doc):
        self.items: list[tuple[int, int, str | None, str]] = []
        names = {a.id: (a.name_ar or a.name) for a in doc.actors}
        for a in doc.actors:
            for m in a.mentions:
                self.items.append((m.start, m.end, a.id, a.name_ar or a.name))
        for m in doc.user.get("actor_mentions", []) or []:
            s, e = _get(m, "start"), _get(m, "end")
            aid = _get(m, "actor_id") or _get(m, "actor") or _get(m, "id")
            if s is None or e is None:
                continue
            name = names.get(aid) or _get(m, "name") or _get(m, "text") or doc.text[s:e]
            self.items.append((int(s), int(e), aid, name))
        self.items.sort()
        self.starts = [it[0] for it in self.items]
        self.longest = max((it[1] - it[0] for it in self.items), default=0)

    @classmethod
    def of(cls, doc: Doc) -> "ActorIndex":
        """The index of this document, built once for the quotes and claims stages."""
        key = (id(doc.actors), len(doc.actors), len(doc.user.get("actor_mentions", []) or []))
        cached = doc.user.get("_actor_index")
        if cached is not None and cached[0] == key:
            return cached[1]
        idx = cls(doc)
        doc.user["_actor_index"] = (key, idx)
        return idx

    def __bool__(self) -> bool:
        return bool(self.items)

    def find(self, start: int, end: int) -> tuple[str | None, str] | None:
        """The actor whose mention overlaps [start, end) most."""
        best, best_ov = None, 0
        k = bisect_left(self.starts, start - self.longest)
        for s, e, aid, name in self.items[k:]:
            if s >= end:
                break
            ov = min(e, end) - max(s, start)
            if ov > best_ov:
                best, best_ov = (aid, name), ov
        return best

    def within(self, start: int, end: int) -> list[tuple[int, int, str | None, str]]:
        k = bisect_left(self.starts, start)
        out = []
        for it in self.items[k:]:
            if it[0] >= end:
                break
            if it[1] <= end:
                out.append(it)
        return out


def _get(m: Any, key: str) -> Any:
    if isinstance(m, dict):
        return m.get(key)
    return getattr(m, key, None)


class SpeakerResolver:
    def __init__(self, doc: Doc, lex: QuoteLexicon):
        self.doc, self.lex = doc, lex
        self.actors = ActorIndex.of(doc)
        # known full person names (normalised word tuples -> surface), from PER entities and quotes
        self.persons: list[tuple[tuple[str, ...], str]] = []
        self.history: list[SpeakerInfo] = []     # speakers named so far, in text order
        for e in doc.entities:
            if e.type == "PER" and len(e.text.split()) >= 2:
                self._add_person(e.text)

    def _add_person(self, surface: str) -> None:
        words = tuple(normalize_word(surface).split())
        if len(words) >= 2 and all(w != p for p, _ in self.persons for w in [words]):
            self.persons.append((words, surface))

    def full_name(self, surface: str) -> str | None:
        words = tuple(normalize_word(surface).split())
        if not words:
            return None
        for known, full in reversed(self.persons):
            if len(known) > len(words) and (known[-len(words):] == words or _contains(known, words)):
                return full
        return None

    # -----------------------------------------------------------------------------------------
    def resolve(self, r: "_Reader", c: "Candidate", prev: Quote | None) -> SpeakerInfo | None:
        doc = self.doc
        if c.impersonal:
            return SpeakerInfo(None)
        chain = [self._plain(r, a, b) for a, b in c.chain_toks[:-1]] if c.chain_toks else []
        if c.speaker_toks is None and c.document_tok is not None:
            span = r.document_antecedent(c.document_tok)
            if span is not None:
                s0, s1 = span
                name = doc.text[s0:s1].strip(" «»\"“”()")
                info = SpeakerInfo(name or None, Span(start=s0, end=s1, text=doc.text[s0:s1]), chain=chain)
                if self.actors:
                    hit = self.actors.find(s0, s1)
                    info.actor_id = hit[0] if hit else None
                return info
        if c.speaker_toks is None:
            if prev is None:
                return SpeakerInfo(None, chain=chain)
            return SpeakerInfo(prev.speaker, prev.speaker_span, prev.speaker_role, prev.speaker_affiliation,
                               prev.speaker_id, chain=chain or list(prev.source_chain))
        a, b = c.speaker_toks
        info = self._read(r, a, b)
        self.history.append(info)
        if chain:
            info.chain = chain + [info.name or ""]
        if info.span is not None and self.actors:
            hit = self.actors.find(info.span.start, info.span.end)
            if hit is not None:
                info.actor_id = hit[0]
        return info

    def _plain(self, r: "_Reader", a: int, b: int) -> str:
        return self.doc.text[r.strip_conj_start(a):r.oend[b - 1]].strip(" ،,")

    def _read(self, r: "_Reader", a: int, b: int) -> SpeakerInfo:
        words, lex, text = r.words, self.lex, self.doc.text
        parts = _split_commas(r, a, b)
        p0 = parts[0]
        name_rng, role_rng = None, None
        described = _head(words[p0[0]]) in lex.described or words[p0[0]] in lex.described
        n = self._name_start(r, p0[0], p0[1]) if self._is_role(words[p0[0]]) else None
        if n is not None and not self._plausible_name(r, n, self._name_end(r, n, p0[1])):
            n = None        # مسؤول تركي كبير / مسؤول من قبيلة X: a described source, not role + name
        if n is not None:
            described = False
            ne = self._name_end(r, n, p0[1])
            name_rng, role_rng = (n, ne), (p0[0], n)
            if ne < p0[1] and len(parts) == 1:
                role_rng = (p0[0], p0[1])      # العميد X أحد القيادات …: the role is all but the name
        elif described:
            name_rng = p0
        elif self._is_role(words[p0[0]]):
            if False:
                pass
            elif len(parts) > 1 and self._bare(words[parts[1][0]]) and not self._is_role(words[parts[1][0]]):
                name_rng, role_rng = parts[1], p0
            else:
                name_rng = p0
        else:
            k = next((k for k in range(p0[0] + 1, p0[1]) if self._is_role(words[k]) and words[k] not in TITLES), None)
            if k is not None and self._bare(words[p0[0]]):
                name_rng, role_rng = (p0[0], k), (k, p0[1])
            else:
                name_rng = p0
            if role_rng is None and len(parts) > 1 and self._is_role(words[parts[1][0]]):
                role_rng = parts[1]
        s = r.strip_conj_start(name_rng[0])
        e = r.oend[name_rng[1] - 1]
        name = text[s:e].strip(" ،,")
        if name[:1] in "\"«“" and name[-1:] in "\"»”" and len(name) > 2:
            name = name[1:-1].strip()
        role = affiliation = None
        if role_rng is not None:
            rs, re_ = r.strip_conj_start(role_rng[0]), r.oend[role_rng[1] - 1]
            role = text[rs:re_].strip(" ،,") or None
            affiliation = self._affiliation(r, role_rng)
        if described:
            back = self._described_antecedent(r, name_rng)
            if back is not None:
                name, role, affiliation = back.name, role or back.role, affiliation or back.affiliation
        else:
            full = self.full_name(name)
            back = None if full is not None else self._antecedent(r, name_rng, role_rng)
            if back is None and full is None and role_rng is None:
                back = self._role_antecedent(r, name_rng)
            if back is not None:
                name, role, affiliation = back.name, role or back.role, affiliation or back.affiliation
            elif full is not None:
                name = full
            elif len(name.split()) >= 2 and (role_rng is not None or self._bare(words[name_rng[0]])):
                self._add_person(name)
        return SpeakerInfo(name or None, Span(start=s, end=e, text=text[s:e]), role, affiliation)

    def _described_antecedent(self, r: "_Reader", name_rng) -> SpeakerInfo | None:
        """وذكرت المصادر / وقال المصدر / وتابعت المتحدثة: a definite described source alone refers back
        to the latest source described in full with the same noun (مصادر في المقاومة، مصدر عسكري،
        متحدثة باسم الجيش)."""
        toks = [r.words[k] for k in range(*name_rng) if r.is_word[k] and r.words[k] not in SELF_WORDS]
        if len(toks) != 1:
            return None
        w = toks[0]
        if w[:1] in "وف" and w[1:3] == "ال":
            w = w[1:]
        if not w.startswith("ال") or len(w) < 4:
            return None
        bare = w[2:]
        for prev in reversed(self.history):
            pw = normalize_word(prev.name or "").split()
            if len(pw) >= 2 and pw[0] == bare:
                return prev
        return None

    def _role_antecedent(self, r: "_Reader", name_rng) -> SpeakerInfo | None:
        """A role with no name (وقال رئيس الاستئناف) names the person given earlier with that role."""
        toks = [r.words[k] for k in range(*name_rng) if r.is_word[k]]
        if not toks or len(toks) > 5 or not self._is_role(toks[0]):
            return None
        keys = {_head_key(w) for w in toks}
        for prev in reversed(self.history):
            if not prev.role or not prev.name or len(prev.name.split()) < 2:
                continue
            pkeys = {_head_key(w) for w in normalize_word(prev.role).split()}
            if _head_key(toks[0]) in pkeys and keys <= pkeys:
                return prev
        return None

    def _antecedent(self, r: "_Reader", name_rng, role_rng) -> SpeakerInfo | None:
        """A definite description with no name (الرئيس، الوزارة، الحركتان، المرصد) names a speaker
        given in full earlier: the latest one whose name or role has the same head noun."""
        words = r.words
        a, b = name_rng
        toks = [words[k] for k in range(a, b) if r.is_word[k]]
        if not toks or len(toks) > 3 or role_rng is not None:
            return None
        if not all(w.startswith(("ال", "وال")) for w in toks):
            return None
        head = _head_key(toks[0])
        for prev in reversed(self.history):
            for field_ in (prev.name, prev.role):
                if not field_:
                    continue
                first = normalize_word(field_).split()[0]
                if _head_key(first) == head and len(normalize_word(prev.name or "").split()) > len(toks):
                    return prev
        return None

    def _plausible_name(self, r: "_Reader", n: int, ne: int) -> bool:
        """Whether the words after a role are a person's name: a PER entity or a given name, never a
        place, a nisba adjective or a prepositional phrase left over from the role."""
        words, lex = r.words, self.lex
        pers = r.person_starts()
        if any(r.ostart[k] in pers for k in range(n, ne)):
            return True
        w = words[n]
        if w in lex.given_names or (w[:1] in "وف" and w[1:] in lex.given_names):
            return True
        if w.startswith(("بال", "لل", "ال", "وال")) or r.ostart[n] in r._place_starts() or r.event_noun(n):
            return False
        return ne - n >= 2

    def _is_role(self, w: str) -> bool:
        return w in self.lex.roles or w in TITLES or (w[:1] in "وف" and w[1:] in self.lex.roles)

    @staticmethod
    def _bare(w: str) -> bool:
        return not w.startswith(("ال", "وال", "فال", "لل")) and w not in PREPS

    def _name_start(self, r: "_Reader", a: int, b: int) -> int | None:
        """First token of the personal name after a role phrase, or None when there is none."""
        words = r.words
        k = a
        while k < b:
            w = words[k]
            if not r.is_word[k]:
                if w in ("(", "«", '"', "“"):
                    close = r.closing_of(k) if w != "(" else r._paren_close(k)
                    if close is not None:
                        k = r.tok_after(close) + 1
                        continue
                k += 1
                continue
            if w in TITLES:
                k += 1
                if k < b and r.is_word[k] and (self._bare(words[k]) or words[k] in self.lex.given_names):
                    return k
                continue
            if w in self.lex.given_names and k > a:
                return k
            if self._is_role(w):
                k += 1
                # the role's complement (مدير فريق، رئيس اللجنة) is not a name
                if k < b and r.is_word[k] and words[k] not in PREPS and not words[k] in TITLES \
                        and (words[k].startswith("ال") or not (w in KINSHIP or w.startswith("ال"))):
                    k += 1
                continue
            if w in PREPS or w in AFFIL_PREPS:
                k += 2
                continue
            if self._bare(w):
                return k
            k += 1
        return None

    def _name_end(self, r: "_Reader", n: int, b: int) -> int:
        """A name runs until a role word or a preposition (علي قحطان | أحد القيادات)."""
        k = n + 1
        while k < b:
            w = r.words[k]
            if (self._is_role(w) and w not in TITLES) or (w in PREPS and w not in self.lex.given_names) or w in COMMAS:
                break
            k += 1
        return k

    def _affiliation(self, r: "_Reader", rng: tuple[int, int]) -> str | None:
        words, text = r.words, self.doc.text
        a, b = rng
        for k in range(a, b - 1):
            if words[k] in AFFIL_PREPS and k > a:
                return text[r.ostart[k + 1]:r.oend[b - 1]].strip(" ()«»\"") or None
        if _head(words[a]) in LEADER_HEADS or words[a] in LEADER_HEADS:
            if b - a >= 2:
                return text[r.ostart[a + 1]:r.oend[b - 1]].strip(" ()«»\"") or None
        return None


def _head_key(w: str) -> str:
    """Head noun key: article and conjunction off, the first four letters (الحركتان ~ حركتا)."""
    if w[:1] in "وف" and w[1:3] == "ال":
        w = w[1:]
    if w.startswith("ال") and len(w) > 3:
        w = w[2:]
    return w[:4]


def _head(w: str) -> str:
    return w[2:] if w.startswith("ال") and len(w) > 3 else w


def _contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    n = len(small)
    return any(big[i:i + n] == small for i in range(len(big) - n + 1))


def _split_commas(r: "_Reader", a: int, b: int) -> list[tuple[int, int]]:
    parts, s = [], a
    k = a
    while k < b:
        w = r.words[k]
        if w in ("(", "«", '"', "“"):
            close = r.closing_of(k) if w != "(" else r._paren_close(k)
            if close is not None:
                k = max(k + 1, r.tok_after(close) + 1)
                continue
        if w in COMMAS:
            if k > s:
                parts.append((s, k))
            s = k + 1
        k += 1
    if b > s:
        parts.append((s, b))
    return parts or [(a, b)]
