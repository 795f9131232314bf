"""Quotes stage: who said what.

Finds reporting cues (verbs in any person/tense/number with و/ف clitics, participles such as
مضيفًا, impersonal forms, and nominal cues such as بحسب / وفقًا لـ / نقلًا عن) on the normalised
token stream, then reads the clause around each cue:

    CUE [time] SPEAKER [، ROLE ،] [في حديث لـ VENUE] [time] إن/أن/: STATEMENT
    SPEAKER … CUE إن …              (subject first: "وكان X قال", "الجيش يقول إن")
    CUE [إلى/عن…] أن …              (no subject: the previous speaker goes on — a continuation)
    CUE SPEAKER OBJECT-NP           (أعلن الجيش مقتل …, أفادت مصادر بمقتل …)
    نقلت X عن Y أن …                (source chain [X, Y], speaker Y)
    …، بحسب X.  /  وبحسب X، …       (the clause the cue modifies is attributed to X)

Statements run to the end of their sentence, to the closing quote mark of a direct quote (which
may be paragraphs later), and never into the next statement: spans never overlap.
Every quote also becomes a SourceAttribution in doc.user["sources"].
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import numpy as np
import regex

from ..doc import Doc
from ..mentions import SourceAttribution
from ..model import Quote, Span
from ..resources.quote_lexicon import QuoteLexicon, VerbCue, lexicon
from ..text.normalize import LETTER, normalize_word
from .speakers import SpeakerResolver

OPEN_MARKS = "«“„‹"
CLOSE_FOR = {"«": "»", "“": "”", "„": "”", "‹": "›", '"': '"'}
COMMAS = {"،", ",", "؛", ";"}
SENT_END = {".", "!", "?", "؟", "…"}
PREPS = {normalize_word(w) for w in ("في", "من", "عن", "على", "إلى", "مع", "ب", "ل", "حول", "بشأن", "خلال", "عبر", "منذ", "بين", "ضد", "لدى")}
IN, DURING, VIA = normalize_word("في"), normalize_word("خلال"), normalize_word("عبر")
WITH = normalize_word("مع")
BISM = normalize_word("باسم")
ILA = normalize_word("إلى")
MA = normalize_word("ما")
MAYBE = normalize_word("قد")
RESPONSIBILITY = (normalize_word("مسؤولية"), normalize_word("المسؤولية"))
AN = normalize_word("عن")
CLAUSE_OPENERS = {normalize_word(w) for w in ("لكن", "ولكن", "بينما", "فيما", "حيث", "كما", "إذ", "غير", "إلا")}
# a verb right after these opens a new clause, also inside someone's statement (لكنه أكد، ثم أعلن، في حين قال)
NEW_CLAUSE = {normalize_word(w) for w in ("لكنه", "لكنها", "لكنهم", "ولكنه", "ولكنها", "ولكنهم", "ثم", "حين",
                                          "عندما", "بينما", "فيما", "لكن", "ولكن", "وحين", "وعندما")}
KANA = {normalize_word(w) for w in ("كان", "وكان", "كانت", "وكانت", "كانوا", "وكانوا", "فكان")}
AS_PREFIX = {normalize_word(w) for w in ("كما", "حسبما", "مثلما", "وكما")}
AS_PAIRS = {(normalize_word(a), normalize_word(b)) for a, b in (("بحسب", "ما"), ("وبحسب", "ما"), ("وفق", "ما"), ("وفقا", "لما"), ("حسب", "ما"))}
# Statement-opening verbal nouns are unknown in general; a noun phrase of ال-words ends at the first
# bare word (أعلن الجيش النيجيري | شن …), except names and genitive ل-phrases.
NAME_PARTICLES = {normalize_word(w) for w in ("بن", "ابن", "أبو", "أبي", "عبد", "آل", "بنت", "أم")}
# في/ل/عن/من + pronoun (قال فيها، قال له): no speaker in it
PRONOUN_PP = regex.compile(r"^(?:[وف])?(?:في|ل|عن|من|ب|مع|الي|علي|لدي|امام)(?:ه|ها|هم|هما|هن|ي|نا|كم)$")
OUTLET_NOUNS = {normalize_word(w) for w in ("صحيفة", "وكالة", "قناة", "موقع", "مجلة", "إذاعة", "شبكة", "تلفزيون")}
TIME_PREPS = {normalize_word(w) for w in ("خلال", "منذ", "قبل", "بعد", "طوال", "في")}
TIME_NOUNS = {normalize_word(w) for w in ("الأشهر", "أشهر", "الأسابيع", "أسابيع", "الأيام", "أيام", "الساعات", "ساعات",
                                          "الشهر", "شهر", "الأسبوع", "أسبوع", "اليوم", "يوم", "السنوات", "سنوات", "العام",
                                          "عام", "الفترة", "فترة", "وقت", "الوقت", "الليلة", "ليلة", "صباح", "مساء")}
BELIEF_VERBS = {"اعتقد", "رجح", "رجّح"}
NEGATORS = {normalize_word(w) for w in ("لم", "ولم", "فلم", "لن", "ولن", "لا", "ولا")}
THAT_WORDS = {normalize_word(w) for w in ("أن", "إن", "لأن")}
THAT_PRONOUNS = {normalize_word(w) for w in ("أنه", "أنها", "أنهم", "أنهما", "لأنه", "لأنها", "لأنهم")}
CONTENT_BUT = {normalize_word(w) for w in ("بل", "وانما", "إنما")}
CONTENT_WITH = ("اكتفي", "مكتفي", "يكتفي", "تكتفي")
NEGATED_STILL_SAY = {"استبعد", "نفى"}
RESUMPTIVES = {normalize_word(w) for w in ("به", "بها", "بهم", "عنه", "عنها", "عنهم", "فيه", "فيها", "عليه", "عليها")}
ISSUED = ("صادر", "الصادر", "صادره", "الصادره")
SELF_WORDS = {normalize_word(w) for w in ("نفسه", "نفسها", "ذاته", "ذاتها")}
# a relative clause after the speaker (X الذي أصيب …) describes it: the speaker phrase ends there
RELATIVES = {normalize_word(w) for w in ("الذي", "التي", "الذين", "اللذين", "اللذان", "اللتين", "اللتان", "اللواتي", "اللاتي", "ممن")}
# an anonymity clause after a described source (مسؤول طلب عدم نشر اسمه): not part of the speaker
ANONYMITY = {normalize_word(w) for w in ("طلب", "طلبت", "رفض", "رفضت", "فضل", "فضلت", "شريطة", "مشترطا", "مفضلا", "رافضا")}
SELF_NAMING = {normalize_word(w) for w in ("أطلقت", "أطلق", "تطلق", "يطلق", "أطلقوا", "سمت", "سمى", "تسمي", "يسمي",
                                          "تسمى", "يسمى", "تدعى", "يدعى")}
MAX_SEGMENT = 22          # tokens between cue and إن/أن: speaker + role + venue + time
MAX_OBJ_SPEAKER = 6


_PLAIN_CUE = VerbCue(lemma="", form="past")


@dataclass
class Candidate:
    cue_tok: int
    cue: str
    cue_start: int
    cue_end: int
    start: int                      # statement (original offsets)
    end: int
    direct: bool
    speaker_toks: tuple[int, int] | None = None   # token range [a, b)
    venue: str | None = None
    chain: list[str] = field(default_factory=list)
    chain_toks: list[tuple[int, int]] = field(default_factory=list)
    continuation: bool = False
    impersonal: bool = False
    fixed_end: bool = False         # a direct quote's end (closing mark) is not trimmed to the sentence
    nominal: bool = False
    lemma: str | None = None
    bare_cue: bool = False          # no conjunction, not a participle: may be speech embedded in a statement
    document_tok: int | None = None  # وأضاف البيان / وأشار التقرير: the document noun (its issuer speaks)
    nested: bool = False            # reported speech inside another speaker's quoted words
    negated: bool = False           # لم يؤكد X …: no quote, but X is the subject of what follows


class QuotesStage:
    name = "quotes"
    requires: tuple[str, ...] = ()
    assigns = ("quotes",)

    def __init__(self, lex: QuoteLexicon | None = None):
        self.lex = lex or lexicon()

    def __call__(self, doc: Doc) -> Doc:
        reader = _Reader.of(doc, self.lex)
        cands = reader.candidates()
        cands = _resolve_overlaps(cands, doc, reader.mark_pairs)
        resolver = SpeakerResolver(doc, self.lex)
        quotes: list[Quote] = []
        sources: list[SourceAttribution] = list(doc.user.get("sources", []))
        prev: Quote | None = None
        dropped_at = -1       # cue offset of the last "quote" whose subject is an information noun
        for c in cands:
            if c.speaker_toks is not None and not c.chain_toks and reader.info_noun(c.speaker_toks[0]):
                dropped_at = c.cue_start      # وتشير المعلومات إلى أن …: the writer's account, no speaker
                continue
            if dropped_at >= 0 and c.continuation and c.speaker_toks is None and c.document_tok is None \
                    and "\n" not in doc.text[dropped_at:c.cue_start]:
                continue                      # …، موضحة أن …: goes on with the same account
            dropped_at = -1
            if c.continuation and c.speaker_toks is None and c.document_tok is None and not c.chain_toks:
                subj = _tracked_subject(reader, c, prev)
                if subj is not None:
                    c.speaker_toks, c.continuation = subj, False
            if c.negated:
                info = resolver.resolve(reader, c, prev)
                if info is not None and info.name:
                    prev = Quote(id="negated", speaker=info.name, speaker_id=info.actor_id,
                                 speaker_role=info.role, speaker_affiliation=info.affiliation,
                                 speaker_span=info.span, cue=c.cue, text="", start=c.cue_end, end=c.cue_end,
                                 source_chain=info.chain)
                continue
            q = _make_quote(doc, reader, resolver, c, prev, len(quotes))
            if q is None:
                continue
            quotes.append(q)
            if not c.nested:
                prev = q      # the quote's own speaker goes on after a quote within it
            sp = q.speaker_span
            sources.append(SourceAttribution(
                start=q.start, end=q.end, source=q.speaker or (doc.article.outlet or "article"),
                source_start=sp.start if sp else q.cue_span.start if q.cue_span else q.start,
                source_end=sp.end if sp else q.cue_span.end if q.cue_span else q.start, cue=q.cue))
        doc.quotes = quotes
        doc.user["sources"] = sources
        return doc


# ---------------------------------------------------------------------------------------------
class _Reader:
    """Token-level view of one document and the cue readers."""

    def __init__(self, doc: Doc, lex: QuoteLexicon):
        self.doc, self.lex = doc, lex
        t = doc.tok
        ntext = doc.norm.text
        self.ostart: list[int] = t.start.tolist()
        self.oend: list[int] = t.end.tolist()
        self.words: list[str] = [ntext[a:b] for a, b in zip(t.nstart.tolist(), t.nend.tolist())]
        self.is_word: list[bool] = (t.klass == LETTER).tolist()
        self.n = len(self.words)
        if self.n:
            self.tok_sent = (np.searchsorted(doc.sent_starts, t.start, "right") - 1).tolist()
            self.sent_first = np.searchsorted(t.start, doc.sent_starts, "left").tolist()
            self.sent_last = (np.searchsorted(t.end, doc.sent_ends, "right") - 1).tolist()
        else:
            self.tok_sent, self.sent_first, self.sent_last = [], [], []
        self.mark_pairs = _pair_quote_marks(doc.text)
        self._uniq: frozenset[str] | None = None

    @classmethod
    def of(cls, doc: Doc, lex: QuoteLexicon) -> "_Reader":
        """The reader of this document, built once and shared by the quotes and claims stages."""
        r = doc.user.get("_quote_reader")
        if r is None or r.doc is not doc or r.lex is not lex or r.n != len(doc.tok.start):
            r = cls(doc, lex)
            doc.user["_quote_reader"] = r
        return r

    def positions(self, keys: frozenset[str]) -> list[int]:
        """Token indices whose word is in `keys` (keys list the و/ف-prefixed forms too: with_conj)."""
        if self._uniq is None:
            self._uniq = frozenset(self.words)
        hit = self._uniq & keys
        if not hit:
            return []
        return [i for i, w in enumerate(self.words) if w in hit]

    # -- helpers -------------------------------------------------------------------------------
    def verb_at(self, i: int) -> VerbCue | None:
        if not self.is_word[i]:
            return None
        w = self.words[i]
        cue = self.lex.verbs.get(w)
        if cue is None and len(w) > 3 and w[0] in "وف":
            cue = self.lex.verbs.get(w[1:])
        if cue is None or (cue.form == "participle" and not self._participle_ok(i)):
            return None
        if cue.needs and cue.needs not in self.words[i + 1:i + 16]:
            return None
        return cue

    def _participle_ok(self, i: int) -> bool:
        # مضيفًا / مشيرة are adverbial after a comma or right before إن/أن/إلى; elsewhere adjectives.
        if i > 0 and self.words[i - 1] in COMMAS:
            return True
        nxt = self.words[i + 1] if i + 1 < self.n else ""
        return nxt in self.lex.complementizers or nxt == ":"

    def sent_bounds(self, i: int) -> tuple[int, int]:
        s = self.tok_sent[i]
        return self.sent_first[s], self.sent_last[s]

    def closing_of(self, tok: int) -> int | None:
        """Original offset of the mark closing the quote mark token `tok`, if paired."""
        return self.mark_pairs.get(self.ostart[tok])

    def tok_after(self, char: int) -> int:
        return bisect_left(self.ostart, char)

    def strip_conj_start(self, i: int) -> int:
        """Original start of token i without a leading conjunction و/ف before ال (والجيش → الجيش)."""
        w = self.words[i]
        if len(w) > 3 and w[0] in "وف" and w[1:3] == "ال":
            return self.ostart[i] + 1
        return self.ostart[i]

    # -- candidates ----------------------------------------------------------------------------
    def candidates(self) -> list[Candidate]:
        out: list[Candidate] = []
        nominal_first = self.lex.nominal_first
        keys = self.lex.cue_keys
        for i in self.positions(keys):
            if self.is_word[i]:
                w = self.words[i]
                cue = self.verb_at(i)
                if cue is not None:
                    c = self.read_verb(i, cue)
                    if c is not None:
                        out.append(c)
                elif w in nominal_first or (w[:1] in "وف" and w[1:] in nominal_first):
                    c = self.read_nominal(i)
                    if c is not None:
                        out.append(c)
        return out

    def _is_as_clause(self, i: int) -> bool:
        """كما قال X / حسبما أفادت X / بحسب ما ذكرت X: the statement is the clause before."""
        if i >= 1 and self.words[i - 1] in AS_PREFIX:
            return True
        return i >= 2 and (self.words[i - 2], self.words[i - 1]) in AS_PAIRS

    def _as_reading(self, i: int, last: int) -> bool:
        """كما قال X (as X said) closes a clause; كما أعلن X مقتل … (X also announced) opens one."""
        if self.words[i - 1] not in AS_PREFIX or self.words[i - 1] not in (normalize_word("كما"), normalize_word("وكما")):
            return True
        k = i + 1
        if k <= last and self.event_noun(k):
            return False      # كما أكد سقوط قتلى: "also"
        while k <= last and self.words[k] not in COMMAS and self.words[k] not in SENT_END:
            if self.words[k] in self.lex.complementizers:
                return False
            k += 1
        return k - i <= 5

    def read_verb(self, i: int, cue: VerbCue) -> Candidate | None:
        words, lex = self.words, self.lex
        first, last = self.sent_bounds(i)
        # الصيغة التي وصفت بها …، عاصفة الحزم التي أعلن عنها …: a relative clause with a resumptive
        # pronoun reports nothing; بيانا قال فيه إن … and وفق ما كشف عنه X do
        if i + 1 < self.n and words[i + 1] in RESUMPTIVES and not self._is_as_clause(i) and not any(
                w in lex.complementizers or w == ":" for w in words[i + 2:i + 5]):
            return None
        c = self._read_verb(i, cue, first, last)
        # لم تعلن أي جهة …، لم يؤكد الجيش …: a negated report says nothing (لا يستبعد is a statement),
        # but its subject goes on (ولم يؤكد الجيش …، بل اكتفى بالإشارة إلى …)
        if c is not None and i > 0 and words[i - 1] in NEGATORS and cue.lemma not in NEGATED_STILL_SAY:
            if self._only_said(c, i, last, cue):
                return c
            c.negated = True
            c.end = c.start
            c.fixed_end = True
        return c

    def _only_said(self, c: Candidate, i: int, last: int, cue: VerbCue) -> bool:
        """ولم يؤكد X …، مكتفيا بالقول إن … / بل اكتفى بالإشارة إلى …: X said only what follows the
        verbal noun; the candidate's statement and cue move there."""
        words = self.words
        for k in range(i + 1, min(last, i + 30)):
            w = words[k]
            if w[:1] in "وف":
                w = w[1:]
            if not w.startswith(CONTENT_WITH) or k + 1 > last or not words[k + 1].startswith("بال"):
                continue
            j = k + 2
            while j <= last and (words[j] == ILA or words[j] in self.lex.complementizers):
                j += 1
            if j > last:
                return False
            kind = "quote" if words[j] in OPEN_MARKS or words[j] == '"' else "that"
            start, end, direct, fixed = self._statement_after(j if kind == "quote" else j - 1, kind, last)
            if start is None or end <= start:
                return False
            c.start, c.end, c.direct, c.fixed_end = start, end, direct, fixed
            seg_b = next((m for m in range(i + 1, k) if words[m] in COMMAS or words[m] in CONTENT_BUT
                          or (m > i + 1 and self.event_noun(m))), k)
            c.speaker_toks = None
            self._read_segment(c, cue, i + 1, seg_b)
            c.cue, c.cue_start, c.cue_end = (self.doc.text[self.ostart[k + 1]:self.oend[k + 1]],
                                             self.ostart[k + 1], self.oend[k + 1])
            return True
        return False

    def _read_verb(self, i: int, cue: VerbCue, first: int, last: int) -> Candidate | None:
        words, lex = self.words, self.lex
        if self._is_as_clause(i) and self._as_reading(i, last):
            c = self._as_clause(i, cue, first, last)
            if c is not None or words[i - 1] not in AS_PREFIX:
                return c
            # كما at the start of a sentence is "also": كما أعلن الجيش …
        if cue.needs and cue.needs not in words[i + 1:min(last + 1, i + 16)]:
            return None
        if cue.strict and i > 0 and words[i - 1] in AS_PREFIX:
            return None       # كما تبيّن أن …: "it turned out", not a speaker's words
        comp, kind = None, None
        limit = min(last, i + MAX_SEGMENT)
        j = i + 1
        while j <= limit:
            w = words[j]
            if w in lex.complementizers and (j > i + 1 or not cue.strict or True):
                comp, kind = j, "that"
                break
            if w == ":":
                comp, kind = j, "colon"
                break
            if w in OPEN_MARKS or w == '"':
                close = self.closing_of(j)
                if close is not None:
                    inner = self.doc.text[self.oend[j]:close]
                    # A quoted name (مصادر «عكاظ») is part of the speaker; a quoted clause is a statement.
                    if len(inner.split()) >= 4:
                        comp, kind = j, "quote"
                        break
                    j = self.tok_after(close) + 1
                    continue
            if w in SENT_END:
                break
            if j > i + 1 and self.verb_at(j) is not None and not (cue.chain and w == AN):
                break
            j += 1
        if comp is None and kind is None and j > limit and last > limit:
            pass
        if cue.strict and (comp is None or (comp > i + 1 and (words[i][:1] not in "وف" or comp > i + 8))
                           or (words[i + 1].startswith("ل") and kind == "that")):
            return None
        if comp is not None:
            return self._with_complement(i, cue, comp, kind)
        if cue.obj or cue.form == "passive":
            return self._with_object(i, cue, last)
        return self._after_venue(i, cue, last)

    def _bare_cue(self, i: int, cue: VerbCue) -> bool:
        """No conjunction, not a participle, no clause opener before: maybe a verb inside a statement."""
        w = self.words[i]
        if w[:1] in "وف" or cue.form == "participle":
            return False
        p = self.words[i - 1] if i > 0 else ""
        return p not in AS_PREFIX and p not in NEW_CLAUSE

    def _after_venue(self, i: int, cue: VerbCue, last: int) -> Candidate | None:
        """وقال X لـ«Y» الوضع صعب …: no إن/أن, but the venue closes the speaker phrase."""
        words = self.words
        for k in range(i + 2, min(last, i + MAX_SEGMENT)):
            w = words[k]
            if w in SENT_END or w in self.lex.complementizers:
                return None
            if w in ("ل", "لـ") and k + 1 <= last and (words[k + 1] in OPEN_MARKS or words[k + 1] in ('"', "(")):
                close = self.closing_of(k + 1) if words[k + 1] != "(" else self._paren_close(k + 1)
                if close is None or close - self.oend[k + 1] > 40:
                    return None
                j = self.tok_after(close) + 1
                while j <= last and not self.is_word[j] and words[j] not in OPEN_MARKS:
                    j += 1
                if last - j < 3 or words[j] in COMMAS:
                    return None
                c = Candidate(cue_tok=i, cue=self.doc.text[self.ostart[i]:self.oend[i]], cue_start=self.ostart[i],
                              cue_end=self.oend[i], start=self.ostart[j], end=int(self.doc.sent_ends[self.tok_sent[j]]),
                              direct=False, lemma=cue.lemma)
                self._read_segment(c, cue, i + 1, j)
                if c.speaker_toks is None:
                    return None
                return c
        return None

    # -- verb + إن/أن/: ------------------------------------------------------------------------
    def _with_complement(self, i: int, cue: VerbCue, comp: int, kind: str) -> Candidate | None:
        words, doc = self.words, self.doc
        first, last = self.sent_bounds(i)
        seg_a, seg_b = i + 1, comp
        # Leading prepositions of the verb (أشار إلى أن، لفت إلى أن) carry no speaker.
        while seg_a < seg_b and (words[seg_a] in cue.preps or words[seg_a] == ILA):
            seg_a += 1
        # …and so does the one after the subject (وأشار الحلبي إلى أن)
        while seg_b > seg_a and (words[seg_b - 1] in cue.preps or words[seg_b - 1] == ILA):
            seg_b -= 1
        start, end, direct, fixed = self._statement_after(comp, kind, last)
        if start is None or end <= start:
            return None
        c = Candidate(cue_tok=i, cue=doc.text[self.ostart[i]:self.oend[i]], cue_start=self.ostart[i],
                      cue_end=self.oend[i], start=start, end=end, direct=direct, fixed_end=fixed,
                      lemma=cue.lemma)
        if cue.form == "passive":
            c.impersonal = True
            return c
        self._read_segment(c, cue, seg_a, seg_b)
        if c.speaker_toks is not None:
            a, b = c.speaker_toks
            if self.document_noun(a, b):
                c.speaker_toks = None     # وأضاف البيان: the issuer of the statement speaks
                c.document_tok = a
        c.bare_cue = self._bare_cue(i, cue)
        if c.speaker_toks is None and not c.chain:
            subj = self._subject_before(i, cue, first)
            if subj is not None:
                c.speaker_toks = subj
            elif cue.form == "present" and cue.lemma in BELIEF_VERBS:
                c.impersonal = True       # ويُعتقد أن …، ويُرجَّح أن …: "it is believed", nobody's words
            else:
                c.continuation = True
        if cue.form == "participle":
            c.continuation = True
            c.speaker_toks = None
        return c

    def _statement_after(self, comp: int, kind: str, last: int) -> tuple[int | None, int, bool, bool]:
        """Statement span after the opening token `comp` (إن/أن, ':' or a quote mark)."""
        doc, words = self.doc, self.words
        j = comp + 1 if kind != "quote" else comp
        # نقل عن X قوله: «…»
        if kind == "that" and j < self.n and words[j] == ":":
            j += 1
        if j >= self.n:
            return None, 0, False, False
        sent_end = int(doc.sent_ends[self.tok_sent[min(last, self.n - 1)]])
        if words[j] in OPEN_MARKS or words[j] == '"':
            close = self.closing_of(j)
            if close is not None:
                after = doc.text[close + 1:max(sent_end, close + 1)].lstrip(" »”\"'")
                if kind in ("colon", "quote") or not after.strip(" .!؟?") or after[:1] in "،,؛;.":
                    return self.oend[j], close, True, True
                # «…» opens the statement but the clause goes on: a reported statement.
                return self.ostart[j], max(sent_end, close + 1), False, False
            if kind in ("colon", "quote"):
                # Unclosed mark: the quote runs to the end of the paragraph.
                para_end = doc.text.find("\n", self.oend[j])
                return self.oend[j], (len(doc.text) if para_end < 0 else para_end), True, False
        if kind == "colon":
            # "قال: …" without marks: the rest of the sentence (or the next paragraph) verbatim.
            s = self.tok_sent[j]
            return self.ostart[j], int(doc.sent_ends[s]), True, False
        s = self.tok_sent[j]
        if s != self.tok_sent[comp]:
            return None, 0, False, False
        return self.ostart[j], int(doc.sent_ends[s]), False, False

    # -- the segment between cue and statement: speaker, role, venue, source chain ---------------
    def _read_segment(self, c: Candidate, cue: VerbCue, a: int, b: int) -> None:
        words, lex = self.words, self.lex
        # Drop trailing commas / marks
        while b > a and not self.is_word[b - 1] and words[b - 1] not in ("»", "”", '"', ")"):
            b -= 1
        if b <= a:
            return
        # Source chain: نقلت X عن Y
        if cue.chain:
            k = next((k for k in range(a, b) if words[k] == AN), None)
            if k is not None and k > a:
                x = self._trim_np(a, k)
                if x:
                    c.chain_toks.append(x)
                a = k + 1
        # Venue / medium: في حديث لـX، في تصريح لـX، لوكالة X، لـ«X»
        v, venue = self._find_venue(a, b)
        if v is not None:
            c.venue = venue
            b = v
        elif a < b and (words[a] == "ل" or (self.is_word[a] and words[a].startswith("ل") and
                                            (words[a][1:] in lex.outlets or _stem(words[a][1:]) in lex.outlets))):
            # وأكدت لـ«X» مصادر …: the venue comes first
            k = a + 1 if words[a] == "ل" else a
            e = k + 1
            if k < b and words[k] in OPEN_MARKS or (k < b and words[k] == '"'):
                close = self.closing_of(k)
                if close is not None:
                    e = self.tok_after(close) + 1
            c.venue = self._venue_text(k, min(e, b), 0 if words[a] == "ل" else 1)
            a = e
        sp = self._trim_np(a, b)
        if sp:
            c.speaker_toks = sp
            if c.chain_toks:
                c.chain_toks.append(sp)

    def _find_venue(self, a: int, b: int) -> tuple[int | None, str | None]:
        words, lex, text = self.words, self.lex, self.doc.text
        for k in range(a, b):
            w = words[k]
            if w in (IN, DURING, VIA) and k + 1 < b and _stem(words[k + 1]) in lex.media:
                # the addressee: the first ل-word or مع after the medium noun
                for m in range(k + 2, b):
                    wm = words[m]
                    if wm == WITH and m + 1 < b:
                        return k, self._venue_text(m + 1, b, 0)
                    if self.is_word[m] and wm.startswith("ل") and len(wm) > 1:
                        return k, self._venue_text(m, b, 1)
                    if wm == "ل":
                        return k, self._venue_text(m + 1, b, 0)
                return k, None
            if k > a and self.is_word[k] and w.startswith("ل") and not w.startswith("لل") and len(w) > 2:
                rest = w[1:]
                if rest in lex.outlets or _stem(rest) in lex.outlets:
                    return k, self._venue_text(k, b, 1)
            if k > a and w in ("ل", "لـ") and k + 1 < b:
                return k, self._venue_text(k + 1, b, 0)
            if k > a and self.is_word[k] and w.startswith("لل") and (w[2:] in lex.outlets or "ال" + w[2:] in lex.outlets):
                return k, self._venue_text(k, b, 1)
        return None, None

    def _venue_text(self, k: int, b: int, skip_chars: int) -> str | None:
        """Venue name from token k (skipping its ل) to the end of the segment, marks stripped."""
        text = self.doc.text
        # the venue ends at a comma or a time word
        e = k
        while e < b and self.words[e] not in COMMAS and not (e > k and self.words[e] in self.lex.time_words):
            e += 1
        if e <= k:
            return None
        s = self.ostart[k] + skip_chars
        out = text[s:self.oend[e - 1]]
        out = out.lstrip("ـ ").strip(" «»\"“”()")
        return out or None

    def _time_at(self, k: int, b: int) -> int:
        """Length in tokens of a time word / phrase at token k (0 when none)."""
        words, lex = self.words, self.lex
        if words[k] in lex.time_words:
            return 1
        for L in (3, 2):
            if k + L <= b and tuple(words[k:k + L]) in lex.time_phrases:
                return L
        return 0

    def _trim_np(self, a: int, b: int) -> tuple[int, int] | None:
        """Speaker tokens of a segment: stops at a time word or a discourse marker; commas end it
        unless an apposition (X، المتحدث باسم Y) follows."""
        words, lex = self.words, self.lex
        while a < b:
            if words[a] in TIME_PREPS and a + 1 < b and words[a + 1] in TIME_NOUNS:
                indefinite = not words[a + 1].startswith("ال")
                a += 2        # خلال الأشهر الأخيرة، منذ أيام، في وقت لاحق، في وقت سابق من الشهر الجاري
                if indefinite and a < b and self.is_word[a] and not words[a].startswith("ال") \
                        and words[a] not in PREPS and not self._looks_like_name(a):
                    a += 1
                if a + 1 < b and words[a] == normalize_word("من") and words[a + 1].startswith("ال"):
                    a += 1
                while a < b and words[a].startswith("ال") and not self._looks_like_name(a):
                    a += 1
                continue
            t = self._time_at(a, b)
            if t:
                a += t
            elif words[a] in COMMAS or PRONOUN_PP.match(words[a]):
                a += 1
            else:
                break
        e = a
        while e < b:
            w = words[e]
            if e > a and (w in RELATIVES or w in ANONYMITY or w in SELF_NAMING):
                break
            if e > a and (self._time_at(e, b) or (_circumstantial(w) and words[e - 1] not in NAME_PARTICLES
                                                   and w not in lex.given_names)):
                break
            e += 1
        while e > a and (not self.is_word[e - 1] and words[e - 1] not in ("»", "”", '"', ")") or words[e - 1] == MAYBE):
            e -= 1        # … وكانت X قد ذكرت: the particle is not part of the subject
        if e <= a:
            return None
        return a, e

    def _subject_before(self, i: int, cue: VerbCue, first: int) -> tuple[int, int] | None:
        """A subject before the verb: "وكان X قال …", "الجيش يقول إن …"."""
        words = self.words
        if cue.form == "participle" or self.words[i][:1] in "وف" and self.lex.verbs.get(words[i]) is None:
            return None
        lo = max(first, i - 20)
        for k in range(i - 1, lo - 1, -1):
            if words[k] in CLAUSE_OPENERS:
                break         # … كانت الحرائق أوقعت ضحايا لكن X أكد: the subject is after the opener
            if words[k] in KANA:
                a = k + 1
                seg = self._trim_np(a, i)
                return seg
        if i == first:
            return None
        if cue.form != "present":
            # لكن مصادر مطلعة أكدت أن …: a subject after a clause-opening conjunction
            k = i - 1
            while k > first and i - k <= 8 and words[k] not in CLAUSE_OPENERS and words[k] not in COMMAS \
                    and words[k] not in SENT_END:
                k -= 1
            if words[k] in CLAUSE_OPENERS and k + 1 < i and words[k + 1] not in PREPS \
                    and not any(self.verb_at(x) for x in range(k + 1, i)):
                a = k + 1
                if words[a] in THAT_PRONOUNS:
                    return None       # إلا أنها استطردت …: a pronoun subject, the speaker goes on
                if words[a] in THAT_WORDS:
                    a += 1            # إلا أن اللواء أوضح …: أن is no part of the subject
                return (a, i) if a < i else None
            return None
        seg = list(range(first, i))
        if len(seg) > 6 or any(words[k] in COMMAS or words[k] in PREPS for k in seg):
            return None
        if any(self.verb_at(k) for k in seg):
            return None
        return first, i

    def clause_subject(self, i: int, lo: int, feminine: bool) -> tuple[int, int] | None:
        """Subject of the latest verbal clause before the cue at token i (not before token lo):
        "شكلت رئاسة المحكمة هيئة …، مشيرة إلى" → رئاسة المحكمة; "وهو ما أكده X، إذ أشار" → X.
        A verb here is a bare word at a clause start (or after ما/الذي), followed by a definite noun or a
        name; it agrees in gender with the cue (مشيرة/قالت ← a verb in -ت)."""
        words, lex = self.words, self.lex
        first = max(lo, self.sent_bounds(i)[0])
        for k in range(i - 2, first - 1, -1):
            w = words[k]
            if not self.is_word[k] or w.startswith(("ال", "وال")) or w in PREPS or len(w) < 3 \
                    or w in lex.complementizers or w in CLAUSE_OPENERS or w in NEW_CLAUSE:
                continue
            before = words[k - 1] if k > first else ""
            if not (k == first or before in COMMAS or before in (MA, normalize_word("الذي"), normalize_word("التي"))
                    or before in NEW_CLAUSE):
                continue
            stem = w[1:] if w[:1] in "وف" and len(w) > 3 else w
            for suffix in ("ها", "هم", "ه"):
                if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                    stem = stem[:-len(suffix)]      # صادرته → صادرت، أكده → أكد
                    break
            fem = stem.endswith("ت") or stem[:1] == "ت"
            if fem != feminine:
                continue
            a = k + 1
            if a >= i or not self.is_word[a]:
                continue
            if not (words[a].startswith("ال") or self._looks_like_name(a) or self.ostart[a] in self._entity_starts()
                    or _head_word(words[a]) in lex.org_heads):
                continue
            e = self._np_end(a, i - 1, _PLAIN_CUE)
            if e > a:
                return a, e
        return None

    # -- verb + object (no إن/أن) --------------------------------------------------------------
    def _with_object(self, i: int, cue: VerbCue, last: int) -> Candidate | None:
        words, doc = self.words, self.doc
        a = i + 1
        while a <= last and words[a] in self.lex.time_words:
            a += 1
        if a > last:
            return None
        if words[a] == MA:
            return None       # أكد ما ذكره X: a reference to another statement
        if cue.form == "passive":
            sp = None
            obj = a
        elif self.event_noun(a) or (cue.addr and self._addressee_first(a, last)) or self._possessed_noun(a):
            sp = None         # كما أعلنت مقتل …، وناشدت طرفي النزاع …: the subject is the previous one
            obj = a
        elif words[a] in PREPS or words[a] in cue.preps or (len(words[a]) > 3 and words[a][0] == "ب" and "ب" in cue.preps) \
                or PRONOUN_PP.match(words[a]) or _agreeing_plural(words[i], cue):
            sp = None
            obj = a + 1 if PRONOUN_PP.match(words[a]) else a
        else:
            e = self._np_end(a, last, cue)
            if e <= a:
                return None
            if cue.addr:
                # طالبت الحكومة المجتمع الدولي بـ…: the second noun phrase is the addressee
                e = next((k for k in range(a + 1, e) if self._addressee_after(k)), e)
            sp = (a, e)
            obj = e
            while obj <= last and (words[obj] in self.lex.time_words or words[obj] in COMMAS
                                   or (_circumstantial(words[obj]) and obj + 1 <= last)):
                if words[obj] in COMMAS and obj + 1 <= last and words[obj + 1] in self.lex.roles:
                    # X، سفيرة البلد لدى …، عن …: an apposition after the subject
                    k = obj + 1
                    while k <= last and words[k] not in COMMAS:
                        k += 1
                    if k <= last:
                        obj = k
                obj += 1
        if obj > last:
            return None
        start = self.ostart[obj]
        w = words[obj]
        if w in cue.preps and obj + 1 <= last:
            obj += 1
            start = self.ostart[obj]
            if words[obj] in self.lex.complementizers and obj + 1 <= last:
                obj += 1
                start = self.ostart[obj]
        elif len(w) > 3 and w[0] in "ب" and "ب" in cue.preps:
            start = self.ostart[obj] + 1   # أفاد بمقتل → مقتل
        end = int(doc.sent_ends[self.tok_sent[obj]])
        if end - start < 3:
            return None
        c = Candidate(cue_tok=i, cue=doc.text[self.ostart[i]:self.oend[i]], cue_start=self.ostart[i],
                      cue_end=self.oend[i], start=start, end=end, direct=False, lemma=cue.lemma)
        c.bare_cue = self._bare_cue(i, cue)
        if sp is None:
            if cue.form == "passive":
                c.impersonal = True
            else:
                first = self.sent_bounds(i)[0]
                subj = self._subject_before(i, cue, first) if i > first else None
                if subj is not None:
                    c.speaker_toks = subj     # وكان الحزب دان استمرار …
                else:
                    c.continuation = True
        else:
            v, venue = self._find_venue(sp[0], sp[1])
            if v is not None and v > sp[0]:
                sp = (sp[0], v)
                c.venue = venue
            c.speaker_toks = sp
            if self.document_noun(*sp):
                c.speaker_toks, c.document_tok, c.continuation = None, sp[0], True
        return c

    def _possessed_noun(self, k: int) -> bool:
        """وأبدت استنكارها / أعلن رفضه: a noun with a possessive pronoun is the object, never the subject."""
        w = self.words[k]
        lex = self.lex
        return (len(w) > 5 and w.endswith(("ها", "هم", "هما")) and not w.startswith("ال")
                and w not in lex.given_names and w not in lex.roles and w not in lex.described
                and not self._looks_like_name(k))

    def document_noun(self, a: int, b: int) -> bool:
        """البيان / التقرير / الصحيفة (نفسه): a definite document or medium named before."""
        toks = [w for w in self.words[a:b] if w not in SELF_WORDS]
        if len(toks) != 1:
            return False
        w = toks[0]
        if w[:1] in "وف" and w[1:3] == "ال":
            w = w[1:]
        return w.startswith("ال") and (w in self.lex.documents or w[2:] in OUTLET_NOUNS)

    def info_noun(self, k: int) -> bool:
        """وتشير المعلومات / بحسب النتائج / كشفت نتائج المختبر: no speaker; but an indefinite one with a
        nisba adjective (معلومات أمنية، تقارير استخبارية) is a described source."""
        w = self.words[k]
        if w[:1] in "وف" and w[1:] in self.lex.info_nouns:
            w = w[1:]
        if w not in self.lex.info_nouns:
            return False
        nxt = self.words[k + 1] if k + 1 < self.n else ""
        return w.startswith("ال") or not (nxt.endswith(("ي", "يه")) and not nxt.startswith("ال") and len(nxt) > 3)

    def document_antecedent(self, k0: int) -> tuple[int, int] | None:
        """The issuer of the document named at token k0 (التقرير → "تقرير نشرته صحيفة «X»"; الصحيفة →
        "صحيفة X"): the name after the latest earlier mention of the same noun, as a character span."""
        words, lex = self.words, self.lex
        stem = _stem(words[k0][1:] if words[k0][:1] in "وف" and words[k0][1:3] == "ال" else words[k0])
        for k in range(k0 - 1, max(-1, k0 - 600), -1):
            w = words[k]
            if _stem(w) != stem and not (w[:1] in "وف" and _stem(w[1:]) == stem) and _stem(w[1:]) != stem:
                continue
            if k > 0 and w.startswith(("ال", "وال")) and self.verb_at(k - 1) is not None:
                continue        # وأشار التقرير …: itself a reference back, the issuer is named earlier
            last = self.sent_bounds(k)[1]
            m = k + 1
            while m <= min(last, k + 8):
                wm = words[m]
                if wm in OPEN_MARKS or wm == '"':
                    close = self.closing_of(m)
                    if close is not None and close - self.oend[m] < 60:
                        return self.oend[m], close
                    break
                if m > k and _stem(wm) in OUTLET_NOUNS and m + 1 <= last \
                        and words[m + 1] not in OPEN_MARKS and words[m + 1] != '"' and self.is_word[m + 1]:
                    e = m + 1
                    while e <= last and e < m + 4 and self.is_word[e] and words[e] not in PREPS:
                        e += 1
                    return self.ostart[m + 1], self.oend[e - 1]
                if self.ostart[m] in self._entity_starts() and _stem(wm) not in OUTLET_NOUNS:
                    e = m
                    ent = self._entity_starts()
                    while e <= last and self.ostart[e] in ent:
                        e += 1
                    return self.ostart[m], self.oend[e - 1]
                if wm in COMMAS or wm in SENT_END:
                    break
                # التقرير إلى جنود في الجيش: a preposition opens the content, not the issuer
                # (except الصادر عن X)
                if wm in PREPS and not _stem(words[m - 1]).startswith(ISSUED):
                    break
                m += 1
            if not words[k].startswith(("ال", "وال")):
                return None     # the indefinite first mention names no issuer
        return None

    def event_noun(self, k: int) -> bool:
        """A verbal noun that opens a statement (مقتل، سقوط، شن): never the head of a speaker."""
        w = self.words[k]
        ev = self.lex.event_nouns
        return w in ev or (w[:1] in "وف" and w[1:] in ev)

    def _addressee_first(self, a: int, last: int) -> bool:
        """ناشدت طرفي النزاع / دعت الليبيين / حذر دول المجلس: the phrase after an appeal verb is the
        addressee: an addressee head, a sound masculine plural or dual in the oblique case (a subject
        would be nominative: المحتجون / الطرفان), or a construct plural/dual (طرفي، ممثلي + ال…)."""
        w = self.words[a]
        lex = self.lex
        if w in lex.addressees:
            return True
        if w in lex.given_names or w in lex.roles or w in lex.described or self._looks_like_name(a):
            return False
        bare = w[2:] if w.startswith("ال") else w
        if w.endswith("ين") and len(bare) >= 5 and not bare.endswith("الدين"):
            return True
        nxt = self.words[a + 1] if a + 1 <= last else ""
        return not w.startswith("ال") and w.endswith("ي") and len(w) >= 4 and nxt.startswith("ال")

    def _addressee_after(self, k: int) -> bool:
        w = self.words[k]
        if not w.startswith("ال") and w not in self.lex.addressees_after:
            return False
        if w in self.lex.addressees_after:
            return True
        # a definite oblique plural after the subject (طالب الجيش المدنيين): an object, not an adjective
        return w.endswith("ين") and not w.endswith("يين") and len(w) >= 7

    def _np_end(self, a: int, last: int, cue: VerbCue) -> int:
        """End of the subject noun phrase after a verb with an object: الجيش النيجيري | شن …"""
        words, lex = self.words, self.lex
        seen_al = False
        described = _stem(words[a]) in lex.described or words[a] in lex.described
        name_run = 0
        k = a
        while k <= last and (k - a < MAX_OBJ_SPEAKER or self._looks_like_name(k)):
            w = words[k]
            if not self.is_word[k]:
                if w in OPEN_MARKS or w in ('"', "("):
                    close = self.closing_of(k) if w != "(" else self._paren_close(k)
                    if close is not None and close - self.oend[k] < 40:
                        k = self.tok_after(close) + 1
                        seen_al = True
                        continue
                break
            if k > a:
                if w in lex.time_words or w in cue.preps or self.event_noun(k) or w.startswith("مم"):
                    break
                if self.ostart[k] in self._place_starts() and (words[k - 1].startswith("ال") or name_run
                                                               or self._looks_like_name(k - 1)):
                    break     # دعا X إسرائيل إلى …: a place after a complete phrase is an object
                if _circumstantial(w) and w not in lex.given_names and words[k - 1] not in NAME_PARTICLES:
                    break     # الحكومة مجددًا | …
                if name_run and not w.startswith(("ال", "ل", "ب")) and w not in PREPS and w not in lex.complementizers \
                        and w != BISM and name_run < 4 and self.ostart[k] not in self._place_starts():
                    name_run += 1     # السفيرة X Y: bare words after a role or a name start are the name
                    k += 1
                    continue
                if "ب" in cue.preps and w.startswith("ب") and len(w) > 3:
                    break
                if w == BISM and k + 1 <= last:
                    k += 2
                    seen_al = True
                    continue
                if w in PREPS:
                    if described and w in (IN, normalize_word("من")) and k + 1 <= last:
                        k += 2
                        continue
                    break
                if w in lex.complementizers or w.startswith(RESPONSIBILITY):
                    break
                if _head_word(words[k - 1]) in lex.org_heads and not w.startswith("ال") \
                        and not words[k - 1].startswith(("ال", "وال", "فال")):
                    # حركة حماس، تنظيم داعش: a bare head's name; الجيش | شن: a definite head has none
                    k += 1
                    seen_al = True
                    continue
                if w.startswith("وال") and seen_al:
                    k += 1
                    continue
                if not w.startswith("ال"):
                    nisba = w.endswith(("ي", "يه", "يون", "يين"))
                    genitive_l = w.startswith("لل") or (w.startswith("ل") and seen_al)
                    if seen_al and not genitive_l and not self._looks_like_name(k):
                        break
                    if not seen_al and not nisba and k > a and not self._looks_like_name(k):
                        # two bare words: a construct head (وزارة الداخلية) continues only into ال
                        if not words[k - 1].startswith("ال"):
                            break
                else:
                    if words[k - 1].endswith(("ون", "ين")) and not words[k - 1].startswith("ال") and len(words[k - 1]) > 4:
                        break     # ناشطون | القوات: a sound plural in -ون cannot head a construct
                    seen_al = True
            else:
                seen_al = w.startswith("ال")
            if not name_run and w.startswith(("ال", "وال")) and _role_word(w, lex.roles):
                name_run = 1
            k += 1
        return k

    def _looks_like_name(self, k: int) -> bool:
        """A person name token: an entity (when NER ran), a given name, or the words after one."""
        if self.ostart[k] in self._entity_starts():
            return True
        w = self.words[k]
        if w in self.lex.given_names or (w[:1] == "و" and w[1:] in self.lex.given_names):
            return True
        # inside a name: the previous word is a given name or a name particle
        p = self.words[k - 1] if k > 0 else ""
        return p in self.lex.given_names or p in NAME_PARTICLES

    def person_starts(self) -> set[int]:
        """Original start offsets of the tokens inside PER entities."""
        if not hasattr(self, "_per_starts"):
            s: set[int] = set()
            for e in self.doc.entities:
                if e.type == "PER":
                    for k in self.doc.token_range(e.start, e.end):
                        s.add(int(self.doc.tok.start[k]))
            self._per_starts = s
        return self._per_starts

    def _place_starts(self) -> set[int]:
        if not hasattr(self, "_loc_starts"):
            self._loc_starts = {int(e.start) for e in self.doc.entities if e.type in ("LOC", "FAC")}
        return self._loc_starts

    def _entity_starts(self) -> set[int]:
        if not hasattr(self, "_ent_starts"):
            s: set[int] = set()
            for e in self.doc.entities:
                if e.type in ("PER", "ORG"):
                    for k in self.doc.token_range(e.start, e.end):
                        s.add(int(self.doc.tok.start[k]))
            self._ent_starts = s
        return self._ent_starts

    def _paren_close(self, k: int) -> int | None:
        c = self.doc.text.find(")", self.oend[k], self.oend[k] + 60)
        return c if c >= 0 else None

    # -- كما قال X: the clause before ------------------------------------------------------------
    def _as_clause(self, i: int, cue: VerbCue, first: int, last: int) -> Candidate | None:
        words, doc = self.words, self.doc
        cue_first = i - 1 if words[i - 1] in AS_PREFIX else i - 2
        e = cue_first
        while e > first and not self.is_word[e - 1]:
            e -= 1
        if e <= first:
            return None
        a = i + 1
        b = a
        while b <= last and words[b] not in COMMAS and words[b] not in SENT_END:
            b += 1
        c = Candidate(cue_tok=i, cue=doc.text[self.ostart[cue_first]:self.oend[i]], cue_start=self.ostart[cue_first],
                      cue_end=self.oend[i], start=self.clause_start(first, e), end=self.oend[e - 1],
                      direct=False, nominal=True, lemma=cue.lemma)
        seg = self._trim_np(a, b)
        if seg:
            v, venue = self._find_venue(*seg)
            if v is not None and v > seg[0]:
                seg = (seg[0], v)
                c.venue = venue
            c.speaker_toks = seg
        else:
            c.continuation = True
        return c

    def clause_start(self, first: int, e: int) -> int:
        """Start of the clause ending at token e: after the last reporting cue's clause, else the sentence."""
        return self.ostart[first]

    # -- nominal cues: بحسب X، وفقًا لـX، نقلًا عن X ------------------------------------------------
    def read_nominal(self, i: int) -> Candidate | None:
        words, lex, doc = self.words, self.lex, self.doc
        first, last = self.sent_bounds(i)
        w0 = words[i]
        kind, length, lead = None, 0, 0
        for strip in (0, 1):
            if strip and not (w0[:1] in "وف" and len(w0) > 2):
                continue
            head = w0[strip:]
            for L in range(lex.max_nominal, 0, -1):
                seq = [head] + [words[k] for k in range(i + 1, min(i + L, self.n))]
                if len(seq) < L:
                    continue
                key = tuple(seq)
                k2 = lex.nominal.get(key)
                if k2 is None and L >= 2 and key[-1] != "ل" and key[-1].startswith("ل"):
                    # وفقا لمصادر: the ل is written on the next word
                    k2 = lex.nominal.get(key[:-1] + ("ل",))
                    if k2 is not None:
                        kind, length, lead = k2, L - 1, 1
                        break
                if k2 is not None:
                    kind, length, lead = k2, L, 0
                    break
            if kind:
                break
        if kind is None or kind == "according_verb":
            return None
        if (i + 1 < self.n and words[i + 1] == normalize_word("ما")):
            return None   # بحسب ما أفاد: handled by the verb
        cue_end_tok = i + length - 1
        cue_text_end = self.oend[cue_end_tok]
        if kind == "as_said":
            # …, على حد قوله: the previous speaker; the clause before
            e = i
            while e > first and not self.is_word[e - 1]:
                e -= 1
            if e <= first:
                return None
            return Candidate(cue_tok=i, cue=doc.text[self.ostart[i]:cue_text_end], cue_start=self.ostart[i],
                             cue_end=cue_text_end, start=self.ostart[first], end=self.oend[e - 1], direct=False,
                             continuation=True, nominal=True)
        a = cue_end_tok + 1
        if a > last:
            return None
        # the source: up to a comma, a sentence end, or the end of a noun phrase
        b = a
        while b <= last and words[b] not in COMMAS and words[b] not in SENT_END and words[b] not in lex.complementizers:
            if words[b] in OPEN_MARKS or words[b] == '"':
                close = self.closing_of(b)
                if close is not None:
                    b = self.tok_after(close) + 1
                    continue
            b += 1
        src_end = b
        if lead:
            pass
        seg = self._trim_np(a, src_end)
        if seg is None:
            return None
        # before or after? the cue opens the sentence (وبحسب X، …) or closes a clause (…، بحسب X)
        before_words = sum(1 for k in range(first, i) if self.is_word[k])
        c = Candidate(cue_tok=i, cue=doc.text[self.ostart[i]:cue_text_end], cue_start=self.ostart[i],
                      cue_end=cue_text_end, start=0, end=0, direct=False, nominal=True)
        if before_words <= 2:
            k = src_end
            while k <= last and (words[k] in COMMAS or words[k] in lex.complementizers):
                k += 1
            if k > last:
                return None
            c.start, c.end = self.ostart[k], int(doc.sent_ends[self.tok_sent[k]])
        else:
            e = i
            while e > first and not self.is_word[e - 1]:
                e -= 1
            c.start, c.end = self.ostart[first], self.oend[e - 1]
        if lead and seg[0] == a:
            # the source's first token carries the ل of وفقًا لـ: the speaker starts after it
            c.speaker_toks = seg
            c.venue = None
            c.lemma = "lead"
        else:
            c.speaker_toks = seg
        if kind == "via":
            c.chain_toks = [seg]
        if self.document_noun(*seg):
            c.speaker_toks, c.document_tok, c.continuation = None, seg[0], True
        return c


TEMPORAL_OPENERS = {normalize_word(w) for w in ("حين", "عندما", "إذ", "حيث", "وحين", "وعندما")}


def _tracked_subject(r: _Reader, c: Candidate, prev: Quote | None) -> tuple[int, int] | None:
    """A cue without a subject continues the previous speaker, unless a non-speech clause of its own
    sentence names a newer subject: when the previous quote's cue is in an earlier sentence, or the cue
    follows حين/إذ (… صادرته السلطات، حين قالت إن …)."""
    i = c.cue_tok
    first, _ = r.sent_bounds(i)
    lo = first
    if prev is not None and prev.cue_span is not None and prev.cue_span.start >= r.ostart[first]:
        if not (i > 0 and r.words[i - 1] in TEMPORAL_OPENERS):
            return None
        lo = bisect_left(r.ostart, prev.cue_span.end)
    w = r.words[i]
    cue = r.verb_at(i)
    if cue is None:
        return None
    if cue.form == "participle":
        feminine = w.endswith(("ه", "تين"))
    elif cue.form == "present":
        feminine = (w[1:] if w[:1] in "وف" else w)[:1] == "ت"
    else:
        feminine = w.endswith("ت")
    return r.clause_subject(i, lo, feminine)


def _agreeing_plural(w: str, cue: VerbCue) -> bool:
    """أكدوا / أكدتا / يؤكدون: a verb before its subject is singular, so a plural or dual form
    has its subject already (a pronoun): what follows is the object, not a speaker."""
    if cue.form == "past":
        return w.endswith(("وا", "تا"))
    if cue.form == "present":
        return w.endswith(("ون", "ان")) and len(w) > 4
    return False


def _role_word(w: str, roles: frozenset[str]) -> bool:
    if w[:1] in "وف" and w[1:3] == "ال":
        w = w[1:]
    return w in roles or (w.startswith("ال") and w[2:] in roles)


def _circumstantial(w: str) -> bool:
    """An accusative participle (مبديًا، معربًا، مشددًا) after the subject opens a حال clause."""
    return len(w) >= 5 and w[0] == "م" and w[-1] == "ا" and not w.endswith(("وا", "ها", "نا"))


def _head_word(w: str) -> str:
    if w[:1] in "وف" and len(w) > 3 and (w[1:3] == "ال" or w[1:] in lexicon().org_heads):
        w = w[1:]
    return w[2:] if w.startswith("ال") and len(w) > 3 else w


def _stem(w: str) -> str:
    return w[2:] if w.startswith("ال") and len(w) > 3 else w


def _pair_quote_marks(text: str) -> dict[int, int]:
    """Opening mark offset -> closing mark offset.

    News text mixes marks ("…» and «…"), so any opener pairs with the next closer. A straight
    double quote opens after a space or an opening punctuation and closes otherwise."""
    pairs: dict[int, int] = {}
    if not any(m in text for m in '«“"„‹'):
        return pairs
    n = len(text)
    open_pos: int | None = None
    for m in _MARK.finditer(text):
        pos, ch = m.start(), m.group()
        if ch == '"':
            before = text[pos - 1] if pos else " "
            after = text[pos + 1] if pos + 1 < n else " "
            opening = (before.isspace() or before in "(:[،,«-/") and not after.isspace()
        else:
            opening = ch in OPEN_MARKS
        if opening:
            if open_pos is None or ch != '"':
                open_pos = pos
            # a straight quote right after another unclosed opener closes nothing: keep the first
        elif open_pos is not None:
            if pos - open_pos < 4000:
                pairs[open_pos] = pos
            open_pos = None
    return pairs


_MARK = regex.compile(r'[«»“”„‹›"]')


def _resolve_overlaps(cands: list[Candidate], doc: Doc, pairs: dict[int, int] | None = None) -> list[Candidate]:
    """Sort by statement start; drop cues inside an earlier direct quote; trim a statement before the
    next cue's clause so that no two statements overlap."""
    cands = sorted(cands, key=lambda c: (c.start, c.cue_start))
    # cues that lie inside a direct quote of another candidate are part of that quote; one with its own
    # named speaker is reported speech within the quote (… بينما أكد X أن …»): kept, nested inside it
    directs = [c for c in cands if c.direct]
    kept: list[Candidate] = []
    nested: list[tuple[Candidate, Candidate]] = []
    for c in cands:
        outer = next((d for d in directs if d is not c and d.start <= c.cue_start < d.end
                      and not (d.start == c.start and d.end == c.end)), None)
        if outer is not None:
            if _nestable(c, outer):
                nested.append((c, outer))
            elif outer.fixed_end or c.speaker_toks is None or c.bare_cue:
                continue
            else:
                kept.append(c)       # قال: … وأعلنت X …: a colon quote without marks ends at the next cue
            continue
        kept.append(c)
    # a cue inside quoted words that belong to another statement is part of those words
    if pairs:
        spans = sorted(pairs.items())
        opens = [o for o, _ in spans]
        stm = [(c.start, c.end) for c in kept]
        def inside_quoted(c: Candidate) -> bool:
            k = bisect_right(opens, c.cue_start) - 1
            lo = bisect_left(opens, c.cue_start - 4000)
            while k >= 0 and k >= lo:
                o, cl = spans[k]
                if o < c.cue_start < cl:
                    return any(s - 2 <= o < e and not (s == c.start and e == c.end) for s, e in stm)
                k -= 1
            return False
        still = []
        for c in kept:
            if not inside_quoted(c):
                still.append(c)
            elif c.speaker_toks is not None and not c.bare_cue:
                nested.append((c, None))
        kept = still
    kept.sort(key=lambda c: (c.start, -c.end))
    out: list[Candidate] = []
    text = doc.text
    for c in kept:
        # the next candidate's cue (or statement) inside this statement ends this statement
        if out:
            p = out[-1]
            if c.start < p.end:
                if p.direct and p.fixed_end and c.start >= p.start and c.end <= p.end:
                    continue
                if c.continuation and c.bare_cue and p.start <= c.cue_start < p.end and not c.direct:
                    continue      # "… الأنباء تشير إلى أن …" inside a statement: part of it
                if c.bare_cue and not c.nominal and not c.direct and p.start <= c.cue_start < p.end \
                        and _mid_clause(text, c.cue_start):
                    continue      # "… قد تحدث عن …": a verb inside the statement, not a new one
                cut = min(c.cue_start, c.start)
                if c.speaker_toks is not None or c.nominal:
                    pass
                if cut <= p.start:
                    # c starts inside p before p's own statement: keep the longer of the two
                    if c.end - c.start > p.end - p.start and not p.direct:
                        out[-1] = c
                    continue
                p.end = _back_off(text, p.start, cut)
                if p.end <= p.start:
                    out.pop()
        out.append(c)
    # a cue of a later quote may also sit inside an earlier statement that does not overlap its own
    # statement (وقال X إن … وأضاف أن …): trim before the cue.
    cue_starts = sorted(c.cue_start for c in out)
    for c in out:
        k = bisect_right(cue_starts, c.start)
        if k < len(cue_starts) and cue_starts[k] < c.end and not c.fixed_end:
            c.end = _back_off(text, c.start, cue_starts[k])
    out = [c for c in out if c.end - c.start >= 2]
    if nested:
        out = sorted(out + _place_nested(nested, out), key=lambda c: (c.start, -c.end))
    return out


def _nestable(c: Candidate, outer: Candidate | None) -> bool:
    """A cue inside someone's quoted words is a quote of its own when it names its speaker and opens
    a clause (و/لكن/بينما + verb), and its statement stays inside the quote."""
    if c.speaker_toks is None or c.document_tok is not None or c.nominal or c.bare_cue:
        return False
    return outer is None or (outer.fixed_end and c.start < outer.end)


def _place_nested(nested: list[tuple[Candidate, Candidate | None]], out: list[Candidate]) -> list[Candidate]:
    """Clip each nested statement to the statement that holds its cue; drop it when it would cross any
    statement (spans may nest, never cross)."""
    placed: list[Candidate] = []
    for c, _outer in nested:
        holder = next((p for p in out if p.start <= c.cue_start < p.end), None)
        if holder is None:
            continue
        c.end = min(c.end, holder.end)
        if c.end - c.start < 2 or c.start < holder.start:
            continue
        spans = out + placed
        if any(_cross(c.start, c.end, p.start, p.end) for p in spans):
            continue
        c.nested = True
        placed.append(c)
    return placed


def _cross(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1 and not (a0 <= b0 and b1 <= a1) and not (b0 <= a0 and a1 <= b1)


def _mid_clause(text: str, pos: int) -> bool:
    """True when the word at `pos` continues a clause (no punctuation or clause opener before it)."""
    k = pos
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    if k == 0 or text[k - 1] in "،,.:؛;\n!?؟»\"”(":
        return False
    prev = text[max(0, k - 8):k].split()[-1:] or [""]
    pw = normalize_word(prev[0])
    return pw not in CLAUSE_OPENERS and pw not in NEW_CLAUSE


_TRAIL = " \t\n،,؛;:-–—\"'«“(و"


def _back_off(text: str, start: int, cut: int) -> int:
    """End a statement before offset `cut`, dropping trailing commas, spaces and a lone و."""
    e = cut
    while e > start:
        ch = text[e - 1]
        if ch in " \t\n،,؛;:-–—«“(":
            e -= 1
            continue
        # a bare conjunction word before the next cue (… و قال)
        if ch in "وف" and (e - 1 == start or text[e - 2] in " \t\n"):
            e -= 1
            continue
        break
    for marker in ("كما", "فيما", "بينما", "في حين"):
        if text[start:e].endswith(marker):
            e -= len(marker)
            while e > start and text[e - 1] in " ،,":
                e -= 1
    return e


def _make_quote(doc: Doc, reader: _Reader, resolver: "SpeakerResolver", c: Candidate, prev: Quote | None,
                n: int) -> Quote | None:
    text = doc.text
    start, end = c.start, c.end
    # trim spaces and closing punctuation from the statement
    while end > start and text[end - 1] in " \t\n.،,؛":
        end -= 1
    while start < end and text[start] in " \t\n":
        start += 1
    if end - start < 2:
        return None
    info = resolver.resolve(reader, c, prev)
    if info is None:
        return None
    si = doc.sentence_index(start)
    ei = doc.sentence_index(max(start, end - 1))
    evidence = []
    if si is not None:
        ei = si if ei is None else ei
        evidence = [doc.span(int(doc.sent_starts[si]), int(doc.sent_ends[ei]))]
    return Quote(
        id=f"q{n + 1}", speaker=info.name, speaker_id=info.actor_id, speaker_role=info.role,
        speaker_affiliation=info.affiliation, speaker_span=info.span, cue=c.cue,
        cue_span=Span(start=c.cue_start, end=c.cue_end, text=text[c.cue_start:c.cue_end]),
        text=text[start:end], start=start, end=end, direct=c.direct, venue=c.venue,
        source_chain=info.chain, continuation=c.continuation, evidence=evidence,
    )
