"""Sentence splitting for Arabic news.

Cuts after . ! ? ؟ … (when followed by space), and at line breaks (paragraphs, headlines and
list items are their own units); never on the Arabic comma ، or the semicolon ؛, never inside a
quotation closed within the same paragraph («…», “…”, "…"), never after an initial or an
abbreviation (أ. ف. ب، د. محمد) and never after a list number at a line start (1. …).
Works on the normalised view with one regex pass (`re`, C speed); returns original offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import numpy as np

from .normalize import NormalizedText

# One alternation: a line break (with the blank space after it), or sentence-final punctuation
# with closing quotes/brackets, followed by space. (Lookbehinds here would run at every char;
# the rarer initial / list-number check is done on the few '.' matches instead.)
_CUT = re.compile(r"\n\s*|[.!?؟…]+[\"'»”’)\]]*(?=\s)")
_QUOTED = re.compile(r"«[^«»\n]*»|“[^“”\n]*”|\"[^\"\n]*\"")
_SPACE_CHARS = " \t\r\n\f\v\u00a0\u2028\u2029"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence [start, end) ranges of `text` (any text; offsets into it), whitespace trimmed."""
    if "«" in text or "“" in text or '"' in text:
        quoted = [m.span() for m in _QUOTED.finditer(text)]
        q_starts = [q[0] for q in quoted]
    else:
        quoted = []
    spans: list[tuple[int, int]] = []
    cur = 0
    for m in _CUT.finditer(text):
        a, b = m.span()
        if text[a] == "\n" or text[a] in _SPACE_CHARS:
            end, nxt = a, b
        else:
            if quoted:
                i = bisect_right(q_starts, a) - 1
                if i >= 0 and a < quoted[i][1] - 1:
                    continue  # inside a quotation
            if text[a] == "." and text[a + 1:a + 2] != "." and _is_abbrev(text, a):
                continue
            end = nxt = b
        _emit(text, cur, end, spans)
        cur = nxt
    _emit(text, cur, len(text), spans)
    return spans


def _is_abbrev(text: str, a: int) -> bool:
    """The single '.' at `a` follows a lone letter (an initial) or a list number at a line start."""
    prev = text[a - 1] if a else ""
    if prev.isalpha() and (a < 2 or text[a - 2].isspace()):
        return True
    if prev.isdigit():
        line_start = text.rfind("\n", max(0, a - 6), a) + 1
        if line_start or a <= 5:
            head = text[line_start:a].strip()
            return head.isdigit() and len(head) <= 2
    return False


def _emit(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> None:
    piece = text[a:b]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((a + lead, a + lead + len(stripped)))


def split_sentences(norm: NormalizedText) -> tuple[np.ndarray, np.ndarray]:
    """Return (starts, ends) of sentences as ORIGINAL offsets, whitespace trimmed."""
    spans = sentence_spans(norm.text)
    if not spans:
        e = np.zeros(0, dtype=np.int64)
        return e, e
    arr = np.asarray(spans, dtype=np.int64)
    s, e = norm.map_many(arr[:, 0], arr[:, 1])
    return np.asarray(s, dtype=np.int64), np.asarray(e, dtype=np.int64)
