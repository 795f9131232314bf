"""The cue lexicons of the quotes and claims stages, read from data/quotes/ and compiled once.

The data files list base forms as printed (قال يقول قائل); here they are normalised and inflected
(person, gender, number, tense) so that matching is one dictionary look-up per word of the
normalised text. The proclitics و/ف are stripped by the matcher, not listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import ResourceMissingError
from ..text.normalize import normalize_word

DATA = Path(__file__).resolve().parent / "data" / "quotes"


@dataclass(frozen=True)
class VerbCue:
    lemma: str                      # the past 3ms form as printed (قال)
    form: str                       # past | present | participle | passive
    obj: bool = False               # may take a noun-phrase object as its statement
    cont: bool = False              # continuation cue
    strict: bool = False            # ambiguous: needs إن/أن/: right after
    preps: tuple[str, ...] = ()     # normalised prepositions that may introduce the statement
    chain: bool = False             # نقل X عن Y
    claim: str | None = None        # claim relation the verb states
    needs: str | None = None        # normalised word that must follow closely
    addr: bool = False              # the object may be an addressee (ناشد، طالب، دعا، حذر، حث)


@dataclass(frozen=True)
class QuoteLexicon:
    verbs: dict[str, VerbCue]                  # normalised inflected form -> cue
    nominal: dict[tuple[str, ...], str]        # normalised word tuple -> kind
    nominal_first: frozenset[str]              # first words of nominal cues (fast reject)
    complementizers: frozenset[str]
    roles: frozenset[str]
    described: frozenset[str]
    media: frozenset[str]
    outlets: frozenset[str]                    # single normalised words and first words of outlet names
    outlet_phrases: frozenset[tuple[str, ...]]
    time_words: frozenset[str]
    time_phrases: frozenset[tuple[str, ...]]
    hedges: frozenset[str]
    hedge_phrases: frozenset[tuple[str, ...]]
    negations: frozenset[str]
    given_names: frozenset[str]
    documents: frozenset[str]
    org_heads: frozenset[str]
    max_nominal: int = 3
    notes: dict = field(default_factory=dict)
    event_nouns: frozenset[str] = frozenset()    # مقتل، سقوط: open an object statement, never a speaker
    addressees: frozenset[str] = frozenset()     # المجتمع الدولي، طرفي النزاع: the one appealed to
    addressees_after: frozenset[str] = frozenset()   # الحكومة، السلطات: addressees only after a subject
    info_nouns: frozenset[str] = frozenset()     # المعلومات، النتائج: not speakers
    cue_keys: frozenset[str] = frozenset()       # verb forms and first words of nominal cues (fast scan)


def _lines(name: str) -> list[str]:
    path = DATA / name
    if not path.is_file():
        raise ResourceMissingError(f"{path} is missing; it ships with the package (reinstall rasd or restore the file from git)")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _words(phrase: str) -> tuple[str, ...]:
    # "لـ" and "وفقاً لـ": the tatweel goes in normalisation; split the preposition off its word.
    return tuple(w for w in normalize_word(phrase).replace("ـ", "").split() if w)


def _past_forms(p: str) -> list[str]:
    # no dual "Xا": كشفًا / قولًا are far commoner as accusative nouns than قالا as a dual verb
    return [p, p + "ت", p + "وا", p + "تا", p + "ن", p + "تم"]


def _present_forms(r: str) -> list[str]:
    if not r.startswith("ي"):
        return [r]
    s = r[1:]
    return ["ي" + s, "ت" + s, "ي" + s + "ون", "ت" + s + "ون", "ي" + s + "ان", "ت" + s + "ان",
            "ي" + s + "ن", "ن" + s, "ا" + s]


def _participle_forms(m: str) -> list[str]:
    # Only the adverbial (accusative) forms: bare مؤكد / مؤكدة are also plain adjectives.
    return [m + "ا", m + "ه", m + "ين", m + "تين"]


def _verb_entries() -> dict[str, VerbCue]:
    out: dict[str, VerbCue] = {}
    for line in _lines("verbs.tsv"):
        cols = line.split("\t") + ["", "", "", "", ""]
        past, present, part, flags, extra = (c.strip() for c in cols[:5])
        flagset = {f.strip() for f in flags.split(",") if f.strip() and f.strip() != "-"}
        preps = tuple(normalize_word(f[5:]) for f in flagset if f.startswith("prep="))
        claim = next((f[6:] for f in flagset if f.startswith("claim=")), None)
        needs = next((normalize_word(f[6:]) for f in flagset if f.startswith("needs=")), None)
        base = dict(lemma=past, obj="obj" in flagset, cont="cont" in flagset, strict="strict" in flagset,
                    preps=preps, chain="chain" in flagset, claim=claim, needs=needs,
                    addr="addr" in flagset)
        forms: list[tuple[str, str]] = []
        if past and past != "-":
            forms += [(f, "past") for f in _past_forms(normalize_word(past))]
        if present and present != "-":
            forms += [(f, "present") for f in _present_forms(normalize_word(present))]
        if part and part != "-":
            forms += [(f, "participle") for f in _participle_forms(normalize_word(part))]
        for x in extra.split(","):
            x = x.strip()
            if x and x != "-":
                n = normalize_word(x)
                kind = "participle" if n.startswith("م") or n.endswith(("يا", "يه")) and not n.startswith(("ي", "ت")) else (
                    "present" if n[:1] in "يت" and len(n) > 3 else "past")
                forms.append((n, kind))
        for f, kind in forms:
            # The first listing of a form wins (a form shared by two verbs keeps the earlier, commoner one).
            if f not in out:
                out[f] = VerbCue(form=kind, **base)
    for line in _lines("passive.txt"):
        n = normalize_word(line)
        # ذُكر and ذكر are one normalised form: the active reading (with a subject) is kept
        out.setdefault(n, VerbCue(lemma=line, form="passive", obj=True, preps=("ب",)))
    return out


@lru_cache(maxsize=1)
def lexicon() -> QuoteLexicon:
    nominal: dict[tuple[str, ...], str] = {}
    for line in _lines("nominal.tsv"):
        phrase, kind = (c.strip() for c in line.split("\t")[:2])
        nominal[_words(phrase)] = kind
    outlets_words, outlet_phrases = set(), set()
    for line in _lines("outlets.txt"):
        w = _words(line)
        outlet_phrases.add(w)
        outlets_words.add(w[0])
    time_words, time_phrases = set(), set()
    for line in _lines("time_words.txt"):
        w = _words(line)
        (time_words.add(w[0]) if len(w) == 1 else time_phrases.add(w))
    hedges, hedge_phrases = set(), set()
    for line in _lines("hedges.txt"):
        w = _words(line)
        (hedges.add(w[0]) if len(w) == 1 else hedge_phrases.add(w))
    verbs = _verb_entries()
    return QuoteLexicon(
        cue_keys=with_conj(frozenset(verbs) | frozenset(k[0] for k in nominal)),
        verbs=verbs,
        nominal=nominal,
        nominal_first=frozenset(k[0] for k in nominal),
        complementizers=frozenset(normalize_word(w) for w in _lines("complementizers.txt")),
        roles=frozenset(normalize_word(w) for w in _lines("roles.txt")),
        described=frozenset(normalize_word(w) for w in _lines("described_sources.txt")),
        media=frozenset(normalize_word(w) for w in _lines("media.txt")),
        outlets=frozenset(outlets_words),
        outlet_phrases=frozenset(outlet_phrases),
        time_words=frozenset(time_words),
        time_phrases=frozenset(time_phrases),
        hedges=frozenset(hedges),
        hedge_phrases=frozenset(hedge_phrases),
        negations=frozenset(normalize_word(w) for w in _lines("negations.txt")),
        given_names=frozenset(normalize_word(w) for w in _lines("given_names.txt")),
        documents=frozenset(normalize_word(w) for w in _lines("documents.txt")),
        org_heads=frozenset(normalize_word(w) for w in _lines("org_heads.txt")),
        max_nominal=max(len(k) for k in nominal),
        event_nouns=_with_article("event_nouns.txt"),
        addressees=_with_article("addressees.txt", part=0),
        addressees_after=_with_article("addressees.txt"),
        info_nouns=_with_article("info_nouns.txt"),
    )


def with_conj(words: frozenset[str]) -> frozenset[str]:
    """The words and their و/ف-prefixed forms: a set intersection then finds the cue tokens."""
    return frozenset(words) | {c + w for w in words for c in "وف"}


def _with_article(name: str, part: int | None = None) -> frozenset[str]:
    """Normalised words of a list, each with and without ال (part: only the lines before / after "|")."""
    out = set()
    lines = _lines(name)
    if part is not None and "|" in lines:
        k = lines.index("|")
        lines = lines[:k] if part == 0 else lines[k + 1:]
    for line in lines:
        if line == "|":
            continue
        w = normalize_word(line)
        bare = w[2:] if w.startswith("ال") and len(w) > 3 else w
        out.update((bare, "ال" + bare))
    return frozenset(out)
