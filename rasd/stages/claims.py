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
from ..model import Claim, Quote, Span
from ..resources.quote_lexicon import DATA, VerbCue, _lines, _past_forms, _present_forms, lexicon, with_conj
from ..text.normalize import normalize_word
from .quotes import COMMAS, SENT_END, _Reader
from .speakers import ActorIndex

NEGATIONS = {normalize_word(w) for w in ("لا", "لم", "لن", "ليس", "ليست", "غير", "عدم", "دون", "بدون", "ينفي", "نفى", "نفت")}
HEDGE_VERBS = {normalize_word(w) for w in ("زعم", "ادعى", "ألمح", "رجح", "اعتقد", "توقع", "لمح")}
ALLEGING_VERBS = {normalize_word(w) for w in ("اتهم", "حمل")}
DENIAL_VERBS = {normalize_word(w) for w in ("نفى",)}
MAYBE = normalize_word("قد")
# no bare ـه: normalised ة is ه, so حمله / اسلحه would read campaigns and weapons as verbs
OBJECT_SUFFIXES = ("ها", "هم", "نا")
UNDER_ADJ = {normalize_word(x) for x in ("واقع", "واقعة", "خاضع", "خاضعة", "الواقع", "الواقعة")}
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
                fs = _present_forms(h) if h.startswith("ي") else _past_forms(h)
                forms.update(fs)
                # an object pronoun on the verb: اتهمها، هددهم، اتهمونا (not on the 1st person اسلح: أسلحة)
                forms.update((f[:-1] if f.endswith("وا") else f) + suf for f in fs
                             if not f.endswith(("ن", "ان", "تم")) and not (h.startswith("ي") and f[0] == "ا")
                             for suf in OBJECT_SUFFIXES)
            heads = sorted(forms)
        for h in heads:
            out.setdefault(h, []).append(ClaimCue((h, *rest_n), relation, reading))
    for cues in out.values():
        cues.sort(key=lambda c: -len(c.words))
    return out


@dataclass
class Party:
    """One side of a claim: its text (canonical actor name, else the surface), actor id and span."""

    text: str | None
    id: str | None = None
    start: int | None = None
    end: int | None = None
    surface: str | None = None

    def span(self, doc: Doc) -> Span | None:
        return doc.span(self.start, self.end) if self.start is not None and self.end is not None else None


def _forms(*lemmas: str) -> dict[str, str]:
    """Inflected normalised forms (with و/ف) of the verbs a responsibility phrase hangs on -> lemma."""
    out: dict[str, str] = {}
    for lem in lemmas:
        n = normalize_word(lem)
        forms = _present_forms(n) if n.startswith("ي") else _past_forms(n)
        key = normalize_word(lem.lstrip("ي")) if n.startswith("ي") else n
        for f in forms:
            for c in ("", "و", "ف"):
                out.setdefault(c + f, key)
    return out


# أعلن X مسؤوليته عن …، حمّل X Y المسؤولية عن …، تحمّل X المسؤولية …، نفى X مسؤوليته عن …
RESP_VERBS = _forms("أعلن", "يعلن", "تبنى", "يتبنى", "أكد", "يؤكد", "نفى", "ينفي", "حمل", "يحمل", "تحمل", "يتحمل")
HOLD, BEAR, DENY = normalize_word("حمل"), normalize_word("تحمل"), normalize_word("نفى")
RESPONSIBILITY_WORDS = tuple(normalize_word(w) for w in ("مسؤولية", "المسؤولية", "مسؤوليته", "مسؤوليتها", "مسؤوليتهم"))
NOBODY = {normalize_word(w) for w in ("أي", "أية")}     # أي جهة (أحد: also "one of", أحد القادة)
PREPOSITIONS = {normalize_word(w) for w in ("في", "على", "إلى", "من", "عن", "مع", "ضد", "بين", "خلال", "منذ")}
PREP_PRONOUNS = {p + x for p in ("في", "فيه", "عل", "من", "ل", "عن", "ب", "مع", "الي") for x in ("ه", "ها", "هم", "يه", "يها", "يهم")} | {
    normalize_word(w) for w in ("فيها", "فيه", "عليها", "عليه", "عليهم", "منها", "منه", "لها", "له", "لهم", "بها", "به")}
BEHIND_BARE = {normalize_word(w) for w in ("وراء", "خلف")}
BEHIND = BEHIND_BARE | {b + x for b in BEHIND_BARE for x in ("ه", "ها", "هم", "هما")}
DEMONSTRATIVES = {normalize_word(w) for w in ("هذه", "هذا", "تلك", "ذلك", "هذين", "هاتين")}
RELATIVES = {normalize_word(w) for w in ("الذي", "التي", "الذين", "اللذان", "اللتان")}


@lru_cache(maxsize=1)
def attack_nouns() -> frozenset[str]:
    """Nouns that name an attack (الهجوم، التفجير): the object of a responsibility claim, never its agent."""
    out = set()
    for w in _lines("attack_nouns.txt"):
        n = normalize_word(w)
        out.update((n, "ال" + n, "و" + n, "وال" + n, "ب" + n, "بال" + n))
    return frozenset(out)


class ClaimsStage:
    name = "claims"
    requires = ("quotes",)
    assigns = ("claims",)

    def __init__(self):
        self.lex = lexicon()
        self.cues = claim_cues()
        self.cue_keys = with_conj(frozenset(self.cues))
        self._np_cue = VerbCue(lemma="", form="past", preps=MIN_SUBJ_PREPS)
        self.attack = attack_nouns()

    def __call__(self, doc: Doc) -> Doc:
        r = _Reader.of(doc, self.lex)
        actors = ActorIndex.of(doc)
        self._names = {a.id: a.name for a in doc.actors}
        claims: list[Claim] = []
        seen: set[tuple[int, str]] = set()
        words = r.words
        for i in r.positions(self.cue_keys):
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

    # -- parties -------------------------------------------------------------------------------
    def _party(self, m) -> Party:
        s, e, aid, name = m
        return Party(self._names.get(aid) or name, aid, s, e, self._doc_text[s:e])

    def _text_party(self, r: _Reader, a: int, b: int) -> Party | None:
        txt = _span_text(r, a, b)
        if not txt:
            return None
        s = r.strip_conj_start(a)
        return Party(txt, None, s, s + len(txt), txt)

    def _mentions(self, r: _Reader, actors: ActorIndex, a: int, b: int) -> list:
        """Actor mentions inside tokens [a, b)."""
        if not actors or b <= a:
            return []
        out, seen = [], set()
        for m in actors.within(r.ostart[a], r.oend[b - 1]):
            if (m[0], m[1]) not in seen:     # the index holds doc.actors mentions and actor_mentions both
                seen.add((m[0], m[1]))
                out.append(m)
        return out

    def _agent(self, r: _Reader, actors: ActorIndex, i: int, after: int, last: int, ments: list,
               q_here: Quote | None) -> tuple[Party | None, int, list]:
        """Who performs the cue verb, the token after that phrase, and the remaining mentions.

        The quote's speaker when the cue is a reporting verb; else the actor mention right after the verb
        (VSO), or after a short attack-noun object (VOS: تبنت الهجوم جماعة X); else an actor right before
        it (X الذي تبنى …); else the noun phrase after the verb."""
        words = r.words
        if q_here is not None and q_here.speaker and normalize_word(q_here.speaker.split()[0]) not in self.attack:
            sp = q_here.speaker_span
            inside = [m for m in ments if sp is not None and sp.start <= m[0] and m[1] <= sp.end]
            rest = [m for m in ments if m not in inside]
            joined = len(inside) > 1 and all(words[_tok_at(r, m[0])][:1] == "و" for m in inside[1:])   # X وY: one agent
            if (len(inside) > 1 and not joined) or (inside and r.tok_after(inside[0][1]) < r.n and words[r.tok_after(inside[0][1])] in RELATIVES):
                # the speaker phrase ran on over the accused (حمّلت الحركة الجيش …) or into a relative clause
                m = inside[0]
                return self._party(m), r.tok_after(m[1]), inside[1:] + rest
            end_tok = r.tok_after(sp.end) if sp is not None and sp.end > r.ostart[i] else after
            return (Party(q_here.speaker, q_here.speaker_id, sp.start if sp else None, sp.end if sp else None,
                          q_here.speaker), max(end_tok, after), rest)
        a = after
        while a <= last and (words[a] in COMMAS or words[a] in self.lex.time_words):
            a += 1
        if a > last:
            return None, a, ments
        obj_first = a
        while a <= last and a - obj_first < 4 and (words[a] in self.attack or (
                a > obj_first and r.is_word[a] and (words[a].startswith("ال") or words[a] in DEMONSTRATIVES))):
            a += 1
        for k, m in enumerate(ments):
            t = r.tok_after(m[0])
            if t < r.n and r.ostart[t] > m[0]:
                t -= 1    # the mention starts inside a token (a proclitic before it)
            if obj_first <= t <= a + 2 and not any(words[x] in COMMAS for x in range(a, t)) \
                    and (t <= a or words[a] in self.lex.org_heads or not r.is_word[a]):
                group, j = [m], k + 1
                while j < len(ments) and _tok_at(r, ments[j][0]) == r.tok_after(group[-1][1]) \
                        and words[_tok_at(r, ments[j][0])][:1] == "و":
                    group.append(ments[j])     # حركتا X وY: one agent
                    j += 1
                p = self._party(m)
                if len(group) > 1 or t > a or t > obj_first and words[obj_first] in self.lex.org_heads:
                    s0 = r.strip_conj_start(min(t, a)) if words[min(t, a)] in self.lex.org_heads or t > a else m[0]
                    s0 = min(s0, m[0])
                    p = Party("; ".join(self._party(g).text for g in group), m[2], s0, group[-1][1],
                              self._doc_text[s0:group[-1][1]])
                return p, r.tok_after(group[-1][1]), ments[:k] + ments[j:]
        if actors:
            before = actors.within(r.ostart[max(0, i - 3)], r.ostart[i])
            if before:
                m = before[-1]
                gap = [w for w in words[r.tok_after(m[1]):i] if w not in RELATIVES]
                if not gap:
                    return self._party(m), obj_first, ments
        a = obj_first
        if words[a] in PREPOSITIONS or words[a] in PREP_PRONOUNS or words[a] in self.lex.complementizers or words[a] in self.attack \
                or (words[a][:1] in "بل" and words[a][1:3] == "ال") or not r.is_word[a]:
            return None, a, ments     # دعا إلى …، هدد بالانتقام: no subject phrase after the verb
        e = r._np_end(a, last, self._np_cue)
        return self._text_party(r, a, e), e, [m for m in ments if m[0] >= r.ostart[min(e, r.n - 1)]]

    # -----------------------------------------------------------------------------------------
    def _read(self, doc: Doc, r: _Reader, actors: ActorIndex, i: int, cue: ClaimCue, n: int) -> Claim | None:
        words, text = r.words, doc.text
        self._doc_text = text
        first, last = r.sent_bounds(i)
        after = i + len(cue.words)
        quote_here = _quote_with_cue(doc.quotes, r.ostart[i])
        quote_around = _quote_around(doc.quotes, r.ostart[i])
        relation = cue.relation
        agent: Party | None = None
        v = i
        subject: Party | None = None
        obj: Party | None = None
        if cue.reading == "verb":
            if after > last:
                return None
            c_end = _clause_end(r, after, last, 16)
            ments = self._mentions(r, actors, after, c_end)
            agent, e, rest = self._agent(r, actors, i, after, last, ments, quote_here)
            if relation == "accusation":
                if _bare(words[i]) in (HOLD, BEAR) and not any(w.endswith(RESPONSIBILITY_WORDS) for w in words[after:min(last + 1, after + 12)]):
                    return None     # تحمل أسلحة: carries, not "holds responsible"
                o = e
                while o <= last and (words[o] in COMMAS or words[o] in self.lex.time_words):
                    o += 1
                if o > last:
                    return None
                near = [m for m in rest if r.tok_after(m[0]) <= o + 1]
                if not near and words[o] in RELATIVES and rest:
                    near = rest[:1]   # اتهمت المؤسسة التي يقع مقرها في X الحكومةَ …: the relative clause is skipped
                if near:
                    subject = self._party(near[0])
                    oe = r.tok_after(near[0][1])
                else:
                    oe = r._np_end(o, last, self._np_cue)
                    subject = self._text_party(r, o, oe)
                obj = self._object(r, actors, oe, last)
            elif relation == "responsibility" and agent is not None and agent.start is not None \
                    and agent.start > r.oend[after] and words[after] in self.attack:
                subject = agent     # VOS: the attack noun before the agent is the object
                obj = self._object(r, actors, after, r.tok_after(agent.start) - 1, max_len=4)
            else:
                subject = agent
                obj = self._party(rest[0]) if rest and relation != "responsibility" else self._object(r, actors, e, last)
        elif cue.reading == "resp":
            # the verb may be far when the subject is long (أعلنت جماعة أطلقت على نفسها «…» مسؤوليتها)
            v = next((k for k in range(i - 1, max(first, i - 16) - 1, -1) if words[k] in RESP_VERBS), None)
            if v is None:
                return None
            if (v > first and _bare(words[v - 1]) in NEGATIONS) or any(w in NOBODY for w in words[v + 1:i]):
                return None     # لم تعلن أي جهة مسؤوليتها: nobody claimed it, no claim
            lemma = RESP_VERBS[words[v]]
            q = _quote_with_cue(doc.quotes, r.ostart[v])
            ments = self._mentions(r, actors, v + 1, i)
            if q is not None and q.speaker:
                agent = Party(q.speaker, q.speaker_id, q.speaker_span.start if q.speaker_span else None,
                              q.speaker_span.end if q.speaker_span else None, q.speaker)
                ments = [m for m in ments if q.speaker_span is None or m[0] >= q.speaker_span.end or m[1] <= q.speaker_span.start]
            elif ments:
                agent, ments = self._party(ments[0]), ments[1:]
            else:
                agent = self._text_party(r, v + 1, _np_or(r, v + 1, i, self._np_cue))
            obj = self._object(r, actors, after, last, max_len=10)
            if lemma in (HOLD, BEAR) and ments:
                relation, subject = "accusation", self._party(ments[0])    # حمّل X Y المسؤولية عن …
            else:
                subject = agent
            if lemma == DENY:
                relation = "denial" if relation != "accusation" else relation
        elif cue.reading == "behind":
            # وقوف X وراء الهجوم / يقف X خلفه: X is responsible (usually someone else's belief: hedged)
            k_b = next((k for k in range(after, min(last + 1, after + 10)) if words[k] in BEHIND or _bare(words[k]) in BEHIND), None)
            if k_b is None or k_b == after:
                return None
            ments = self._mentions(r, actors, after, k_b)
            subject = self._party(ments[-1]) if ments else self._text_party(r, after, k_b)
            obj = None if words[k_b] not in BEHIND_BARE and _bare(words[k_b]) not in BEHIND_BARE else self._object(r, actors, k_b + 1, last, max_len=6)
            if words[i - 1:i] and i - 1 >= first and (self._hedge_at(r, i - 1) or words[i - 1] in self.lex.verbs):
                b = i - 2
                while b >= first and i - 1 - b <= 4 and r.is_word[b] and words[b] not in COMMAS \
                        and words[b] not in self.lex.complementizers:
                    b -= 1
                agent = self._text_party(r, b + 1, i - 1)     # إلا أن مصادر أمنية رجّحت وقوف …
        elif cue.reading == "with":
            obj = self._after(r, actors, after, last)
            subject = self._actor_before(r, actors, i, first, quote_around)
        elif cue.reading == "by":
            subject = self._after(r, actors, after, last)
            obj = self._actor_before(r, actors, i, first, quote_around)
        elif cue.reading == "under":
            subject = self._after(r, actors, after, last)
            k = i - 1
            while k > first and (words[k] in COMMAS or _stem(words[k]) in UNDER_ADJ):
                k -= 1
            obj = self._place_before(r, k, first)
        if subject is None and obj is None:
            return None
        if subject is not None and obj is not None and subject.id is not None and subject.id == obj.id:
            obj = None if cue.reading in ("verb", "resp") else obj
            if obj is not None:
                return None     # X … بالتنسيق مع X: nothing between two actors
        # who asserts it: the speaker whose statement holds the cue, else the verb's agent, else the outlet
        claimant = claimant_id = None
        claimant_id_from_quote = False
        if quote_around is not None and quote_around.speaker and _names_nobody(quote_around.speaker):
            quote_around = None
        if quote_around is not None and quote_around is not quote_here and quote_around.speaker \
                and not (cue.reading == "resp" and _quote_with_cue([quote_around], r.ostart[v])):
            claimant, claimant_id = quote_around.speaker, quote_around.speaker_id
            claimant_id_from_quote = True
        elif agent is not None and agent.text:
            claimant, claimant_id = agent.surface or agent.text, agent.id
        elif quote_around is not None and quote_around.speaker:
            claimant, claimant_id = quote_around.speaker, quote_around.speaker_id
        if claimant is None:
            if relation in ("demand", "threat", "denial"):
                return None     # a speech act with no one performing it: a misreading
            claimant = doc.article.outlet or "article"
        # evidence: the clause (the sentence, clipped to the statement when inside one)
        s0, s1 = int(doc.sent_starts[r.tok_sent[i]]), int(doc.sent_ends[r.tok_sent[i]])
        if quote_around is not None and quote_around is not quote_here and claimant_id_from_quote:
            s0, s1 = max(s0, quote_around.start), min(s1, quote_around.end)
            if s0 >= s1 or not (s0 <= r.ostart[i] < s1):
                s0, s1 = int(doc.sent_starts[r.tok_sent[i]]), int(doc.sent_ends[r.tok_sent[i]])
        stance = self._stance(r, i, cue, relation, claimant, claimant_id, subject, quote_around, quote_here, first)
        return Claim(id=f"c{n + 1}", claimant=claimant, claimant_id=claimant_id,
                     subject=subject.text if subject else None, subject_id=subject.id if subject else None,
                     subject_span=subject.span(doc) if subject else None,
                     relation=relation, object=obj.text if obj else None, object_id=obj.id if obj else None,
                     object_span=obj.span(doc) if obj else None, stance=stance,
                     cue=text[r.ostart[i]:r.oend[after - 1]], evidence=[doc.span(s0, s1)])

    def _object(self, r: _Reader, actors: ActorIndex, a: int, last: int, max_len: int = 8) -> Party | None:
        """The object phrase from token a to the clause end (at most max_len tokens); an actor when the
        phrase is one actor mention."""
        while a <= last and a < r.n and r.words[a] in COMMAS:
            a += 1
        if a > last or a >= r.n:
            return None
        b = _clause_end(r, a, last, max_len)
        p = self._text_party(r, a, b)
        ments = self._mentions(r, actors, a, b)
        if p is not None and len(ments) == 1 and ments[0][1] - ments[0][0] >= (p.end - p.start) - 4:
            return self._party(ments[0])
        return p

    def _place_before(self, r: _Reader, k: int, first: int) -> Party | None:
        """The place a control phrase qualifies: a place mention ending at token k, else the noun (and its
        adjective or name) before it."""
        end = r.oend[k]
        for s, e, pid in r.doc.user.get("place_mentions") or ():
            if e == end or (e <= end and end - e <= 2 and s >= r.ostart[max(first, k - 4)]):
                return Party(r.doc.text[s:e], None, s, e, r.doc.text[s:e])
        b = k
        while b > first and k - b < 1 and r.is_word[b - 1] and r.words[b - 1] not in COMMAS and r.words[b] not in MIN_SUBJ_PREPS:
            b -= 1
        return self._text_party(r, b, k + 1)

    def _after(self, r: _Reader, actors: ActorIndex, a: int, last: int) -> Party | None:
        """The noun phrase right after a cue (بالتنسيق مع X، بدعم من X): an actor when one starts it."""
        if a > last:
            return None
        e = r._np_end(a, last, self._np_cue)
        for m in self._mentions(r, actors, a, max(e, a + 1)):
            if r.tok_after(m[0]) <= a + 1:
                return self._party(m)
            break
        return self._text_party(r, a, e)

    def _actor_before(self, r: _Reader, actors: ActorIndex, i: int, first: int, q: Quote | None) -> Party | None:
        lo = r.ostart[first]
        if q is not None and q.start <= r.ostart[i] < q.end:
            lo = max(lo, q.start)
        if actors:
            hits = actors.within(lo, r.ostart[i])
            if hits:
                return self._party(hits[-1])
        a = r.tok_after(lo)
        while a < i and (not r.is_word[a] or r.words[a] in self.lex.complementizers):
            a += 1
        if a >= i:
            return None
        e = r._np_end(a, i - 1, self._np_cue)
        return self._text_party(r, a, min(e, i))

    def _stance(self, r: _Reader, i: int, cue: ClaimCue, relation: str, claimant: str, claimant_id: str | None,
                subject: Party | None, q_around: Quote | None, q_here: Quote | None, first: int) -> str:
        words = r.words
        if relation == "denial" or (i > first and words[i - 1] in NEGATIONS):
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
        if relation in ("accusation", "collusion"):
            return "alleged"
        if q_around is not None and q_around.cue and _stem(_bare_cue(q_around.cue)) in ALLEGING_VERBS:
            return "alleged"
        if relation in THIRD_PARTY_ALLEGED and claimant and subject is not None and subject.text and q_around is not None:
            if claimant_id is not None and subject.id is not None:
                return "alleged" if claimant_id != subject.id else "asserted"
            c, s = normalize_word(claimant), normalize_word(subject.surface or subject.text)
            if c not in s and s not in c:
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


def _names_nobody(speaker: str) -> bool:
    """أي جهة …، لا أحد: a phrase that names no one (a misread speaker)."""
    return any(normalize_word(w) in NOBODY for w in speaker.split()[:2])


def _tok_at(r: _Reader, char: int) -> int:
    """The token holding original offset char."""
    t = r.tok_after(char)
    return t - 1 if t >= r.n or (t > 0 and r.ostart[t] > char) else t


def _bare(w: str) -> str:
    """The word without a leading و/ف (ولم → لم)."""
    return w[1:] if len(w) > 2 and w[0] in "وف" else w


def _np_or(r: _Reader, a: int, b: int, cue: VerbCue) -> int:
    return min(r._np_end(a, b - 1, cue), b) if a < b else a


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
