"""Tokenisation with character offsets, and clitic segmentation of Arabic surface tokens.

A token is a run of letters, a run of digits, or one punctuation char, found on the normalised
view by comparing neighbouring character classes (numpy, no per-char Python). Offsets are kept
both in the normalised view and in the original text.

An Arabic surface token (وبالمدينة) owns its offsets; its clitic readings (و + ب + ال + مدينة)
come from `clitic_readings`, cached per normalised word form, for dictionary matching.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .normalize import DIGIT, LETTER, PUNCT, SPACE, NormalizedText, char_classes


@dataclass(frozen=True)
class TokenArrays:
    """Token boundaries as parallel arrays: normalised and original offsets."""

    nstart: np.ndarray
    nend: np.ndarray
    start: np.ndarray
    end: np.ndarray
    klass: np.ndarray

    def __len__(self) -> int:
        return int(self.nstart.size)


@lru_cache(maxsize=1)
def _boundary_tables() -> tuple[np.ndarray, np.ndarray]:
    """Over (class before, class) pairs read as little-endian uint16: does a token start here; over
    (class, class after): does one end here. Letters and digits run on; punctuation is one char."""
    starts = np.zeros(0x10000, dtype=bool)
    ends = np.zeros(0x10000, dtype=bool)
    classes = (SPACE, LETTER, DIGIT, PUNCT)
    for a in classes:
        for b in classes:
            starts[a | b << 8] = b != SPACE and (a != b or b == PUNCT)
            ends[a | b << 8] = a != SPACE and (a != b or a == PUNCT)
    return starts, ends


def tokenize(norm: NormalizedText) -> TokenArrays:
    cls = norm.classes()
    n = cls.size
    if n == 0:
        e = np.zeros(0, dtype=np.int64)
        return TokenArrays(e, e, e, e, np.zeros(0, dtype=np.uint8))
    padded = np.zeros(n + 2, dtype=np.uint8)  # SPACE on both sides
    padded[1:n + 1] = cls
    # pair[i] = (class of char i-1, class of char i): a strided view, no copy
    pair = np.ndarray((n + 1,), dtype="<u2", buffer=padded, strides=(1,))
    start_at, end_at = _boundary_tables()
    starts = start_at.take(pair[:n]).nonzero()[0]
    ends = end_at.take(pair[1:]).nonzero()[0] + 1
    ostart, oend = norm.map_many(starts, ends)
    return TokenArrays(starts, ends, ostart, oend, cls.take(starts))


@dataclass(frozen=True)
class Token:
    i: int
    start: int
    end: int
    text: str        # original surface text
    norm: str        # normalised form
    is_word: bool

    def readings(self) -> tuple["CliticReading", ...]:
        return clitic_readings(self.norm) if self.is_word else (CliticReading((), self.norm, 0),)


@dataclass(frozen=True)
class CliticReading:
    """One way to read a normalised word: proclitics + stem. `offset` is where the stem's
    surface begins inside the normalised word (for للمدينة the stem is المدينة at offset 1)."""

    prefixes: tuple[str, ...]
    stem: str
    offset: int

    @property
    def has_article(self) -> bool:
        return self.stem.startswith("ال")


_CONJ = ("و", "ف")
_PREP = ("ب", "ك", "ل")
_MIN_STEM = 2


@lru_cache(maxsize=50_000)  # bounded by memory too: ~1 KB an entry; the frequent words fit
def clitic_readings(word: str) -> tuple[CliticReading, ...]:
    """All readings of a normalised word as [conj] [prep] [al] stem, the whole word first.

    Ambiguity is kept on purpose (وزير is not و + زير): a dictionary decides which reading is a
    name. A reading with the article also yields the bare stem (ال + مدينة).
    """
    out = [CliticReading((), word, 0)]
    seen = {word}

    def add(prefixes: tuple[str, ...], stem: str, offset: int) -> None:
        if len(stem) >= _MIN_STEM and stem not in seen:
            seen.add(stem)
            out.append(CliticReading(prefixes, stem, offset))

    heads = [((), word, 0)]
    if word[:1] in _CONJ and len(word) > _MIN_STEM + 1:
        heads.append(((word[0],), word[1:], 1))
    for pre, rest, off in list(heads):
        if rest[:1] in _PREP and len(rest) > _MIN_STEM:
            if rest[0] == "ل" and rest.startswith("لل") and len(rest) > 3:
                # ل + ال: the article's alef is dropped in writing (للمدينة).
                heads.append((pre + ("ل",), "ا" + rest[1:], off + 1))
            else:
                heads.append((pre + (rest[0],), rest[1:], off + 1))
    for pre, rest, off in heads:
        add(pre, rest, off)
        if rest.startswith("ال") and len(rest) > _MIN_STEM + 2:
            add(pre + ("ال",), rest[2:], off + (1 if rest != word[off:] else 2))
    return tuple(out)


def is_word_class(klass: int) -> bool:
    return klass == LETTER
