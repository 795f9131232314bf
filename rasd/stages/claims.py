"""Claims stage: attributed assertions between actors that are not events.

Responsibility (تبنى، أعلن مسؤوليته عن), accusation (اتهم X Y بـ…، حمّل X Y المسؤولية), denial (نفى),
coordination / collusion / support / facilitation (بالتنسيق مع، التواطؤ مع، بدعم من، تسهيل), threat
(هدد، توعد), demand (طالب، دعا، ناشد) and control of an area (الواقع تحت سيطرة X). Cues are listed in
resources/data/quotes/claims.tsv.

Who claims it: the speaker of the quote whose statement holds the cue (or whose cue it is), else the
article's outlet. Stance:
  asserted  a source about itself, or a plain fact;
  alleged   one party accusing another (accusation, collusion, a third party's coordination claim);
  denied    under نفى or a negation right before the cue;
  hedged    a hedge in the clause (يُعتقد، يرجّح، ربما، قد + present, أنباء عن، مزاعم، ما وصفه بـ…)
            or a hedging reporting verb (زعم، ادعى، ألمح، رجّح).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..doc import Doc
from ..model import Claim, Quote
from ..resources.quote_lexicon import DATA, VerbCue, _lines, _past_forms, _present_forms, lexicon
from ..text.normalize import normalize_word
from .quotes import COMMAS, SENT_END, _Reader
from .speakers import ActorIndex

NEGATIONS = {normalize_word(w) for w in ("لا", "لم", "لن", "ليس", "ليست", "غير", "عدم", "دون", "بدون", "ينفي", "نفى", "نفت")}
HEDGE_VERBS = {normalize_word(w) for w in ("زعم", "ادعى", "ألمح", "رجح", "اعتقد", "توقع", "لمح")}
ALLEGING_VERBS = {normalize_word(w) for w in ("اتهم", "حمل")}
DENIAL_VERBS = {normalize_word(w) for w in ("نفى",)}
MAYBE = normalize_word("قد")
MIN_SUBJ_PREPS = tuple(normalize_word(w) for w in ("ب", "من", "إلى", "عن", "على"))
THIRD_PARTY_ALLEGED = {"coordination", "collusion", "support", "facilitation"}
# verbs a responsibility phrase hangs on (أعلن X مسؤوليته عن …)
CLAIM_VERBS = {normalize_word(w) for w in ("أعلن", "تبنى", "أكد", "نفى", "حمل", "تحمل")}


@dataclass(frozen=True)
class ClaimCue:
    words: tuple[str, ...]
    relation: str
    reading: str


@lru_cache(maxsize=1)
def claim_cues() -> dict[str, list[ClaimCue]]:
    """First normalised word -> cues starting with it (longest first)."""
    out: dict[str, list[ClaimCue]] = {}
    for line in _lines("claims.tsv"):
        phrase, relation, reading = (c.strip() for c in line.split("\t")[:3])
        head, *rest = phrase.split(" ")
        rest_n = tuple(normalize_word(w) for w in rest)
        heads = [normalize_word(h) for h in head.split("/")]
        if reading == "verb":
            forms = set()
            for h in heads:
                forms.update(_present_forms(h) if h.startswith("ي") else _past_forms(h))
            heads = sorted(forms)
        for h in heads:
            out.setdefault(h, []).append(ClaimCue((h, *rest_n), relation, reading))
    for cues in out.values():
        cues.sort(key=lambda c: -len(c.words))
    return out


class ClaimsStage:
    name = "claims"
    requires = ("quotes",)
    assigns = ("claims",)

    def __init__(self):
        self.lex = lexicon()
        self.cues = claim_cues()
        self._np_cue = VerbCue(lemma="", form="past", preps=MIN_SUBJ_PREPS)

    def __call__(self, doc: Doc) -> Doc:
        r = _Reader(doc, self.lex)
        actors = ActorIndex(doc)
        claims: list[Claim] = []
        seen: set[tuple[int, str]] = set()
        words = r.words
        for i in range(r.n):
            if not r.is_word[i]:
                continue
            w = words[i]
            for variant in (w, w[1:] if len(w) > 3 and w[0] in "وف" else None):
                if variant is None or variant not in self.cues:
                    continue
                cue = next((c for c in self.cues[variant] if tuple(words[i + 1:i + len(c.words)]) == c.words[1:]), None)
                if cue is None:
                    continue
                claim = self._read(doc, r, actors, i, cue, len(claims))
                if claim is not None and (i, claim.relation) not in seen:
                    seen.add((i, claim.relation))
                    claims.append(claim)
                break
        doc.claims = claims
        return doc

    # -----------------------------------------------------------------------------------------
    def _read(self, doc: Doc, r: _Reader, actors: ActorIndex, i: int, cue: ClaimCue, n: int) -> Claim | None:
        words, text = r.words, doc.text
        first, last = r.sent_bounds(i)
        after = i + len(cue.words)
        quote_here = _quote_with_cue(doc.quotes, r.ostart[i])
        quote_around = _quote_around(doc.quotes, r.ostart[i])
        claimant = claimant_id = None
        subject = obj = None
        if cue.reading == "verb":
            if after > last:
                return None
            e = r._np_end(after, last, self._np_cue)
            subject = _span_text(r, after, e)
            if quote_here is not None and quote_here.speaker:
                subject = quote_here.speaker
            claimant = subject
            if cue.relation in ("accusation", "demand"):
                o = e
                while o <= last and (words[o] in COMMAS or words[o] in self.lex.time_words):
                    o += 1
                if o <= last:
                    oe = r._np_end(o, last, self._np_cue)
                    accused = _span_text(r, o, oe)
                    if cue.relation == "accusation":
                        claimant, subject, obj = subject, accused, _span_text(r, oe, min(last + 1, oe + 8))
                    else:
                        obj = accused
            else:
                obj = _span_text(r, e, min(last + 1, e + 8))
        elif cue.reading == "resp":
            v = next((k for k in range(i - 1, max(first, i - 10) - 1, -1) if _lemma(words[k]) in CLAIM_VERBS), None)
            if v is None:
                return None
            q = _quote_with_cue(doc.quotes, r.ostart[v])
            subject = q.speaker if q is not None and q.speaker else _span_text(r, v + 1, i)
            claimant = subject
            obj = _span_text(r, after, _clause_end(r, after, last, 10))
        elif cue.reading == "with":
            obj = _span_text(r, after, r._np_end(after, last, self._np_cue)) if after <= last else None
            subject = self._actor_before(r, actors, i, first, quote_around)
        elif cue.reading == "by":
            subject = _span_text(r, after, r._np_end(after, last, self._np_cue)) if after <= last else None
            obj = self._actor_before(r, actors, i, first, quote_around)
        elif cue.reading == "under":
            subject = _span_text(r, after, r._np_end(after, last, self._np_cue)) if after <= last else None
            k = i - 1
            while k > first and (words[k] in COMMAS or _stem(words[k]) in {normalize_word(x) for x in ("واقع", "واقعة", "خاضع", "خاضعة", "الواقع", "الواقعة")}):
                k -= 1
            b = k
            while b > first and r.is_word[b - 1] and words[b - 1] not in COMMAS and i - b < 5 and words[b] not in MIN_SUBJ_PREPS:
                b -= 1
            obj = _span_text(r, b, k + 1)
        if not subject and not obj:
            return None
        if claimant is None:
            claimant = quote_around.speaker if quote_around is not None else None
        if claimant is None:
            claimant = doc.article.outlet or "article"
        # evidence: the clause (the sentence, clipped to the statement when inside one)
        s0, s1 = int(doc.sent_starts[r.tok_sent[i]]), int(doc.sent_ends[r.tok_sent[i]])
        if quote_around is not None:
            s0, s1 = max(s0, quote_around.start), min(s1, quote_around.end)
            if s0 >= s1 or not (s0 <= r.ostart[i] < s1):
                s0, s1 = int(doc.sent_starts[r.tok_sent[i]]), int(doc.sent_ends[r.tok_sent[i]])
        stance = self._stance(r, i, cue, claimant, subject, quote_around, quote_here, first)
        # canonical names when the actors stage ran
        if actors:
            subject = self._canonical(r, actors, subject, s0, s1) or subject
            obj = self._canonical(r, actors, obj, s0, s1) or obj
            if quote_around is not None and quote_around.speaker_id:
                claimant_id = quote_around.speaker_id
            elif quote_here is not None and quote_here.speaker_id:
                claimant_id = quote_here.speaker_id
        return Claim(id=f"c{n + 1}", claimant=claimant, claimant_id=claimant_id, subject=subject,
                     relation=cue.relation, object=obj, stance=stance,
                     cue=text[r.ostart[i]:r.oend[after - 1]], evidence=[doc.span(s0, s1)])

    def _actor_before(self, r: _Reader, actors: ActorIndex, i: int, first: int, q: Quote | None) -> str | None:
        lo = r.ostart[first]
        if q is not None and q.start <= r.ostart[i] < q.end:
            lo = max(lo, q.start)
        if actors:
            hits = actors.within(lo, r.ostart[i])
            if hits:
                return hits[-1][3]
        a = r.tok_after(lo)
        while a < i and (not r.is_word[a] or r.words[a] in self.lex.complementizers):
            a += 1
        if a >= i:
            return None
        e = r._np_end(a, i - 1, self._np_cue)
        return _span_text(r, a, min(e, i))

    def _canonical(self, r: _Reader, actors: ActorIndex, surface: str | None, s0: int, s1: int) -> str | None:
        if not surface:
            return None
        pos = r.doc.text.find(surface, s0, s1 + len(surface))
        if pos < 0:
            return None
        hit = actors.find(pos, pos + len(surface))
        return hit[1] if hit else None

    def _stance(self, r: _Reader, i: int, cue: ClaimCue, claimant, subject, q_around: Quote | None,
                q_here: Quote | None, first: int) -> str:
        words = r.words
        if cue.relation == "denial" or (i > first and words[i - 1] in NEGATIONS):
            return "denied"
        for q in (q_around,):
            if q is not None and q.cue and _stem(_bare_cue(q.cue)) in DENIAL_VERBS and q is not q_here:
                return "denied"
        # hedges from the clause start (statement or sentence) to just after the cue
        lo = r.tok_after(q_around.start) if q_around is not None and q_around.start <= r.ostart[i] else first
        lo = max(lo, first)
        hedged = any(self._hedge_at(r, k) for k in range(lo, min(i + 3, r.n)))
        if not hedged and q_around is not None and q_around.cue_span is not None and q_around.cue_span.start < q_around.start:
            # the attribution itself hedges: وأفادت تقارير بأن …، ويُعتقد أن …، لم يؤكد X أن …
            a = r.tok_after(q_around.cue_span.start)
            b = r.tok_after(q_around.start)
            hedged = any(self._hedge_at(r, k) for k in range(max(0, a - 1), min(b, a + 12)))
        for q in (q_around, q_here):
            if q is not None and q.cue and _stem(_bare_cue(q.cue)) in HEDGE_VERBS:
                hedged = True
        if hedged:
            return "hedged"
        if cue.relation in ("accusation", "collusion"):
            return "alleged"
        if q_around is not None and q_around.cue and _stem(_bare_cue(q_around.cue)) in ALLEGING_VERBS:
            return "alleged"
        if cue.relation in THIRD_PARTY_ALLEGED and claimant and subject and q_around is not None:
            if normalize_word(claimant) not in normalize_word(subject) and normalize_word(subject) not in normalize_word(claimant):
                return "alleged"
        return "asserted"

    def _hedge_at(self, r: _Reader, k: int) -> bool:
        w = r.words[k]
        if w == MAYBE:
            nxt = r.words[k + 1] if k + 1 < r.n else ""
            return nxt[:1] in ("ي", "ت", "ن") and len(nxt) > 2   # قد + present = maybe; قد + past = indeed
        if w in self.lex.hedges or (w[:1] in "وف" and w[1:] in self.lex.hedges):
            return True
        if w[:1] in "وف" and len(w) > 3:
            seq = (w[1:], *r.words[k + 1:k + 4])
        else:
            seq = tuple(r.words[k:k + 4])
        return any(seq[:len(p)] == p for p in self.lex.hedge_phrases if p[0] == seq[0])


def _bare_cue(cue: str) -> str:
    n = normalize_word(cue).split()[0] if cue.strip() else ""
    lex = lexicon()
    v = lex.verbs.get(n) or (lex.verbs.get(n[1:]) if n[:1] in "وف" else None)
    return normalize_word(v.lemma) if v is not None else n


def _lemma(w: str) -> str:
    """Normalised lemma of a reporting verb form (واعلنت → اعلن), else the word."""
    lex = lexicon()
    v = lex.verbs.get(w) or (lex.verbs.get(w[1:]) if w[:1] in "وف" and len(w) > 3 else None)
    return normalize_word(v.lemma) if v is not None else w


def _stem(w: str) -> str:
    if w[:1] in "وف" and len(w) > 3:
        w2 = w[1:]
        if w2 in CLAIM_VERBS or w2 in HEDGE_VERBS or w2 in DENIAL_VERBS or w2 in ALLEGING_VERBS:
            return w2
    return w


def _span_text(r: _Reader, a: int, b: int) -> str | None:
    b = min(b, r.n)
    while b > a and not r.is_word[b - 1] and r.words[b - 1] not in (")", "»", '"'):
        b -= 1
    if b <= a:
        return None
    return r.doc.text[r.strip_conj_start(a):r.oend[b - 1]].strip(" ،,") or None


def _clause_end(r: _Reader, a: int, last: int, max_len: int) -> int:
    k = a
    while k <= last and k - a < max_len and r.words[k] not in COMMAS and r.words[k] not in SENT_END:
        k += 1
    return k


def _quote_with_cue(quotes: list[Quote], pos: int) -> Quote | None:
    for q in quotes:
        if q.cue_span is not None and q.cue_span.start <= pos < q.cue_span.end:
            return q
    return None


def _quote_around(quotes: list[Quote], pos: int) -> Quote | None:
    for q in quotes:
        if q.start <= pos < q.end:
            return q
    return None
