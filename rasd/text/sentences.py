"""Sentence splitting for Arabic news.

Cuts after . ! ? ؟ … (when followed by space or the end, closing quotes/brackets allowed in
between), and at line breaks (paragraphs, headlines and list items are their own units); never on
the Arabic comma ، or the semicolon ؛, never inside a quotation closed within the same line
(«…», “…”, "…"), never after an initial or abbreviation (أ. ف. ب، د. محمد) and never after a
1-2 digit list number at a line start (1. …).

One regex (`re`, C speed) matches whole sentences: a sentence is a run of non-space units joined
by in-line spaces, then an optional end mark. The units are runs of ordinary characters (with the
in-line spaces between them), closed quotations, dots that do not end a sentence (initials, list
numbers) and punctuation runs not followed by space. Possessive quantifiers keep it linear (no backtracking into the body). The
match starts and ends on non-space characters, so sentences come out trimmed. Works on the
normalised view; returns original offsets.
"""

from __future__ import annotations

import re

import numpy as np

from .normalize import NormalizedText

_CLOSERS = r"[\"'»”’)\]]"
_ORDINARY = r"[^\s.!?؟…«“\"]"
_ORDINARY_OR_INLINE_SPACE = r"[^\n.!?؟…«“\"]"
_UNIT = (
    # ordinary characters, and in-line spaces between them: one char-class loop over a whole
    # stretch of words is twice as fast as a unit per word (it backtracks over trailing spaces)
    rf"(?:{_ORDINARY}(?:{_ORDINARY_OR_INLINE_SPACE}*{_ORDINARY})?"
    r"|«[^«»\n]*»|“[^“”\n]*”|\"[^\"\n«»]*\""       # a quotation closed on the same line
    r"|\.(?<=\s[^\W\d_]\.)|\.(?<=^[^\W\d_]\.)"  # an initial: أ. ف. ب، د.
    r"|\.(?<=\n\d\.)|\.(?<=^\d\.)|\.(?<=\n\d\d\.)|\.(?<=^\d\d\.)"  # a list number: 1. 12.
    rf"|[.!?؟…]+(?!{_CLOSERS}*(?:\s|$))"         # punctuation inside a word or number: 3.5, ...و
    r"|[«“\"])"                                  # an unclosed quote mark
)
SENTENCE_RE = re.compile(rf"{_UNIT}(?:[^\S\n]*+{_UNIT})*+(?:[^\S\n]*+[.!?؟…]+{_CLOSERS}*)?")
_EMPTY = np.zeros(0, dtype=np.int64)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence [start, end) ranges of `text` (offsets into it), whitespace trimmed."""
    return [m.span() for m in SENTENCE_RE.finditer(text)]


def split_sentences(norm: NormalizedText) -> tuple[np.ndarray, np.ndarray]:
    """Return (starts, ends) of sentences as ORIGINAL offsets, whitespace trimmed."""
    spans = sentence_spans(norm.text)
    if not spans:
        return _EMPTY, _EMPTY
    arr = np.array(spans, dtype=np.int64)
    s, e = norm.map_many(arr[:, 0], arr[:, 1])
    return np.asarray(s, dtype=np.int64), np.asarray(e, dtype=np.int64)
