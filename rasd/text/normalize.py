"""Arabic normalisation for matching, with an alignment back to the original text.

In the manner of HF tokenizers' NormalizedString: the original string is never changed; the
normalised view is a new string plus, for every normalised character, the index of the original
character it came from. Folding is done with code-point lookup tables applied by numpy over the
UTF-32 code points of the text (one C pass; `str.translate` is slow on Arabic).

What is folded (for matching, not for display):
- tashkeel (harakat, tanween, shadda, sukun, dagger alef, Quranic marks) and tatweel: removed;
- alef/hamza forms أ إ آ ٱ → ا, ؤ → و, ئ → ي; alef maqsura ى → ي; taa marbuta ة → ه;
- Persian/Urdu variants ی → ي, ک → ك, ە ۀ → ه;
- presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) expanded by NFKC (ﻻ → لا);
- zero-width and bidi controls removed; exotic spaces → ' ';
- Arabic-Indic and Persian digits → ASCII; Latin letters lower-cased.
Arabic punctuation (، ؛ ؟) and quote marks are kept as they are; `CHAR_CLASS` classes them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

_BMP = 0x10000

# Character classes used by the tokenizer and sentence splitter.
SPACE, LETTER, DIGIT, PUNCT = 0, 1, 2, 3

TASHKEEL = [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06DD),
            *range(0x06DF, 0x06E5), *range(0x06E7, 0x06E9), *range(0x06EA, 0x06EE),
            *range(0x08D3, 0x08E2), *range(0x08E3, 0x0900)]
TATWEEL = 0x0640
INVISIBLE = [0x00AD, 0x061C, *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2070), 0xFEFF]
SPACES = [0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000]

FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه",
    "ی": "ي", "ې": "ي", "ۍ": "ي", "ے": "ي", "ک": "ك", "ڪ": "ك", "ە": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
}
for _i in range(10):
    FOLD[chr(0x0660 + _i)] = str(_i)
    FOLD[chr(0x06F0 + _i)] = str(_i)

QUOTE_OPEN = "«“„‹‘"
QUOTE_CLOSE = "»”›’"
ARABIC_PUNCT = "،؛؟٪٫٬۔"


def _fold_char(ch: str) -> str:
    cp = ord(ch)
    if cp in _DELETE:
        return ""
    if cp in _SPACE_SET:
        return " "
    if 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF:
        expanded = unicodedata.normalize("NFKC", ch)
        if expanded != ch:
            return "".join(_fold_char(c) for c in expanded)
    if ch in FOLD:
        return FOLD[ch]
    if "A" <= ch <= "Z":
        return ch.lower()
    return ch


_DELETE = frozenset([*TASHKEEL, TATWEEL, *INVISIBLE])
_SPACE_SET = frozenset(SPACES)


def _char_class(ch: str) -> int:
    if not ch or ch.isspace():
        return SPACE
    if ch.isdigit():
        return DIGIT
    cat = unicodedata.category(ch)
    if cat[0] in "LM":
        return LETTER
    return PUNCT


@dataclass(frozen=True)
class _Tables:
    first: np.ndarray      # uint32: folded code point (first one for expansions)
    length: np.ndarray     # uint8: how many normalised chars one original char becomes
    klass: np.ndarray      # uint8: class of a NORMALISED code point
    is_mark: np.ndarray    # bool: removed char that belongs to the preceding letter (tashkeel/tatweel)
    expansions: dict       # code point -> folded string of length > 1


def _changing_chars() -> list[int]:
    """The only code points `_fold_char` can change: every other one folds to itself."""
    cps = {*_DELETE, *_SPACE_SET, *range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00), *range(0x41, 0x5B)}
    cps.update(ord(ch) for ch in FOLD)
    return sorted(cps)


@lru_cache(maxsize=1)
def tables() -> _Tables:
    # Built once per process; only the few hundred code points that fold go through Python
    # (the whole-BMP loop cost ~0.3 s of every start-up).
    first = np.arange(_BMP, dtype=np.uint32)
    length = np.ones(_BMP, dtype=np.uint8)
    is_mark = np.zeros(_BMP, dtype=bool)
    expansions: dict[int, str] = {}
    for cp in _changing_chars():
        folded = _fold_char(chr(cp))
        length[cp] = len(folded)
        if folded:
            first[cp] = ord(folded[0])
        if len(folded) > 1:
            expansions[cp] = folded
    klass = np.frombuffer(bytes(map(_char_class, map(chr, range(_BMP)))), dtype=np.uint8).copy()
    klass[0xD800:0xE000] = PUNCT  # lone surrogates
    is_mark[TASHKEEL] = True
    is_mark[TATWEEL] = True
    return _Tables(first, length, klass, is_mark, expansions)


@lru_cache(maxsize=1)
def _word_table() -> dict[int, str | None]:
    """`str.translate` table equal to `normalize` (fast for short strings, slow for long ones)."""
    t = tables()
    table: dict[int, str | None] = {}
    for cp in _changing_chars():
        if t.length[cp] == 0:
            table[cp] = None
        elif cp in t.expansions:
            table[cp] = t.expansions[cp]
        elif int(t.first[cp]) != cp:
            table[cp] = chr(int(t.first[cp]))
    return table


def codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def from_codepoints(cps: np.ndarray) -> str:
    return cps.astype(np.uint32, copy=False).tobytes().decode("utf-32-le", "surrogatepass")


@dataclass
class NormalizedText:
    """The normalised view of `original` and the alignment between the two.

    `starts[j]` is the original index of normalised char j; `None` means the identity alignment
    (nothing deleted or expanded), the common case, which costs nothing to map.
    """

    original: str
    text: str
    starts: np.ndarray | None = None
    _ends: np.ndarray | None = field(default=None, repr=False)
    _cps: np.ndarray | None = field(default=None, repr=False)
    _classes: np.ndarray | None = field(default=None, repr=False)
    _orig_cps: np.ndarray | None = field(default=None, repr=False)
    _mark: np.ndarray | None = field(default=None, repr=False)

    def codepoints(self) -> np.ndarray:
        """Code points of the normalised text (uint32), computed once."""
        if self._cps is None:
            self._cps = codepoints(self.text)
        return self._cps

    def classes(self) -> np.ndarray:
        """SPACE/LETTER/DIGIT/PUNCT class of every normalised char, computed once (tokens and
        sentences share it)."""
        if self._classes is None:
            self._classes = classes_of(self.codepoints())
        return self._classes

    @property
    def identity(self) -> bool:
        return self.starts is None

    def _marks(self) -> np.ndarray:
        """bool per original char (and False at the end): tashkeel/tatweel, which belong to the char before."""
        if self._mark is None:
            cps = self._orig_cps if self._orig_cps is not None else codepoints(self.original)
            self._mark = np.zeros(cps.size + 1, dtype=bool)
            tables().is_mark.take(cps, out=self._mark[:-1], mode="clip")  # astral: U+FFFF, not a mark
        return self._mark

    def ends(self) -> np.ndarray:
        """Original end (exclusive) of each normalised char, swallowing the tashkeel/tatweel after it."""
        if self._ends is None:
            n = len(self.original)
            if self.starts is None:
                self._ends = np.arange(1, n + 1, dtype=np.int64)
            else:
                mark = self._marks()
                pos = np.where(mark, n, np.arange(n + 1))
                next_free = np.minimum.accumulate(pos[::-1])[::-1]
                self._ends = next_free.take(np.minimum(self.starts + 1, n))
        return self._ends

    def _ends_of(self, last: np.ndarray) -> np.ndarray:
        """`ends().take(last)` without computing ends() for every char: step over the marks
        after each (runs of marks are short)."""
        if self._ends is not None:
            return self._ends.take(last)
        mark = self._marks()
        end = self.starts.take(last) + 1
        while True:
            more = mark.take(end)
            if not more.any():
                return end
            end += more

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open normalised range to the original range it covers."""
        if self.starts is None:
            return start, end
        if end <= start:
            o = int(self.starts[start]) if start < len(self.starts) else len(self.original)
            return o, o
        return int(self.starts[start]), int(self.ends()[end - 1])

    def map_many(self, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Vectorised `to_original` for arrays of non-empty ranges."""
        if self.starts is None:
            return starts, ends
        return self.starts.take(starts), self._ends_of(ends - 1)

    def to_normalized(self, start: int, end: int) -> tuple[int, int]:
        """Map an original range to the normalised range of the chars that came from it."""
        if self.starts is None:
            return start, end
        return int(np.searchsorted(self.starts, start, "left")), int(np.searchsorted(self.starts, end, "left"))


def normalize(text: str) -> NormalizedText:
    """Normalise `text` for matching; the result keeps the alignment to `text`."""
    t = tables()
    cps = codepoints(text)
    if cps.size == 0:
        return NormalizedText(text, "", None)
    # .take, not fancy indexing: several times faster with uint32 indices
    all_bmp = int(cps.max()) < _BMP
    if all_bmp:
        lengths = t.length.take(cps)
        folded = t.first.take(cps)
    else:
        bmp = cps < _BMP
        idx = np.where(bmp, cps, 0)
        lengths = t.length.take(idx)
        lengths[~bmp] = 1
        folded = np.where(bmp, t.first.take(idx), cps)
    if bool((lengths == 1).all()):
        return NormalizedText(text, from_codepoints(folded), None, _cps=folded)
    grown = np.flatnonzero(lengths > 1)
    if not grown.size:  # only deletions (tashkeel, tatweel, bidi marks): the common case
        starts = lengths.view(bool).nonzero()[0]
        out = folded.take(starts)
        return NormalizedText(text, from_codepoints(out), starts, _cps=out, _orig_cps=cps)
    lengths = lengths.astype(np.int64)
    out = np.repeat(folded, lengths)
    starts = np.repeat(np.arange(cps.size, dtype=np.int64), lengths)
    offsets = np.cumsum(lengths) - lengths
    for pos in grown.tolist():
        exp = t.expansions[int(cps[pos])]
        o = int(offsets[pos])
        out[o:o + len(exp)] = [ord(c) for c in exp]
    return NormalizedText(text, from_codepoints(out), starts, _cps=out, _orig_cps=cps)


@lru_cache(maxsize=65536)
def normalize_word(text: str) -> str:
    """Normalised form of a short string (a dictionary entry, a name); cached. The same as
    `normalize(text).text`, by `str.translate` (no numpy overhead: dictionaries load faster)."""
    if len(text) > 200:
        return normalize(text).text
    return text.translate(_word_table())


def char_classes(norm_text: str) -> np.ndarray:
    """Class of every char of an already-normalised text (SPACE/LETTER/DIGIT/PUNCT)."""
    return classes_of(codepoints(norm_text))


def classes_of(cps: np.ndarray) -> np.ndarray:
    t = tables()
    if cps.size and int(cps.max()) >= _BMP:
        return np.where(cps < _BMP, t.klass[np.where(cps < _BMP, cps, 0)], PUNCT).astype(np.uint8)
    return t.klass.take(cps)
