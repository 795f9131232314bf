"""Entities stage: CRF named-entity tags over each sentence -> PER / ORG / LOC / FAC / MISC spans.

After tagging:
- a leading clitic (و/ف + ب/ك/ل) is cut off an entity when its stem is the more plausible word
  (وبغداد -> بغداد; بيروت and لبنان stay whole), so surface forms compare with dictionaries;
- a place-type head noun in construct right before a LOC (حي، ريف، جبل، وادي…) joins the place;
- a facility head noun (مستشفى، مطار، سجن، معبر، قاعدة…) before a named entity makes a FAC of
  head + name (+ a following adjective such as العسكري / الدولي); the inner name is kept too.
Offsets are into the original text (doc.text[start:end] == text).
"""

from __future__ import annotations

import numpy as np

from ..doc import Doc
from ..model import Entity
from ..ner.corpus import chunks
from ..ner.tagger import NerTagger, default_tagger
from ..text.normalize import normalize_word

# Heads that belong to a place name when they stand right before it without the article.
LOC_JOIN_HEADS = frozenset(normalize_word(w) for w in (
    "حي", "ريف", "جبل", "جبال", "وادي", "نهر", "مخيم", "جزيرة", "بحيرة", "سهل", "تلة", "تل", "بلدة",
    "قرية", "شارع", "ساحة", "إقليم", "جرود",
))
# Adjectives that continue a facility name (مطار X الدولي، قاعدة X الجوية).
FAC_ADJECTIVES = frozenset(normalize_word(w) for w in (
    "العسكري", "العسكرية", "الدولي", "الجوي", "الجوية", "البحرية", "المركزي", "المركزية", "الحدودي",
    "الوطني", "العام", "الكبير", "الجامعي", "التخصصي", "الميداني",
))


class EntitiesStage:
    name = "entities"
    requires: tuple[str, ...] = ()
    assigns = ("entities",)

    def __init__(self, tagger: NerTagger | None = None):
        self.tagger = tagger or default_tagger()
        fz = self.tagger.featurizer
        self.fz = fz
        self.fac_heads = frozenset(w for w, c in fz.triggers.items() if "fac_head" in c.split("|"))

    def __call__(self, doc: Doc) -> Doc:
        tok = doc.tok
        n = len(tok)
        if n == 0:
            return doc
        ntext = doc.norm.text
        words = [ntext[a:b] for a, b in zip(tok.nstart.tolist(), tok.nend.tolist())]
        bounds = np.searchsorted(tok.start, doc.sent_starts, "left").tolist() + [n]
        spans: list[tuple[int, int, str]] = []
        for a, b in zip(bounds[:-1], bounds[1:]):
            if b > a:
                tags = self.tagger.tag(words[a:b])
                spans.extend((a + s, a + e, t) for s, e, t in chunks(tags))
        spans.sort()
        doc.entities = self._entities(doc, words, spans)
        return doc

    # -- post-processing ----------------------------------------------------------------------------
    def _clitic_cut(self, word: str) -> int:
        """Normalised chars of leading clitics to drop from an entity's first word (0: none)."""
        r = self.fz.reading(word)
        if r is None or "ال" in r.prefixes or word[r.offset:] != r.stem:
            return 0
        return r.offset

    def _head(self, word: str) -> str:
        """The word without و/ف + ب/ك/ل clitics (for head-noun lists)."""
        cut = self._clitic_cut(word)
        return word[cut:]

    def _make(self, doc: Doc, words: list[str], i: int, j: int, typ: str) -> Entity | None:
        tok = doc.tok
        nstart = int(tok.nstart[i]) + self._clitic_cut(words[i])
        start, _ = doc.norm.to_original(nstart, nstart + 1)
        end = int(tok.end[j - 1])
        if end <= start:
            return None
        span = doc.span(start, end)
        return Entity(text=span.text, type=typ, start=start, end=end, evidence=[span])

    def _entities(self, doc: Doc, words: list[str], spans: list[tuple[int, int, str]]) -> list[Entity]:
        out: list[Entity] = []
        n = len(words)
        for i, j, typ in spans:
            if i > 0 and typ == "LOC" and self._head(words[i - 1]) in LOC_JOIN_HEADS:
                i -= 1
            e = self._make(doc, words, i, j, typ)
            if e is not None:
                out.append(e)
            if i > 0 and typ != "FAC" and self._head(words[i - 1]) in self.fac_heads:
                k = j
                while k < n and words[k] in FAC_ADJECTIVES:
                    k += 1
                fac = self._make(doc, words, i - 1, k, "FAC")
                if fac is not None:
                    out.append(fac)
        out.sort(key=lambda e: (e.start, e.end))
        return out
