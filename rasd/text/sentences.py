"""Sentence splitting for Arabic news.

Cuts after . ! ? ؟ … (followed by space), and at line breaks (paragraphs, headlines and list
items are their own units); never on the Arabic comma ، and never inside a quotation that is
closed within the same paragraph («…», “…”, "…"). Works on the normalised view, returns
original offsets.
"""

from __future__ import annotations

import numpy as np
import regex

from .normalize import NormalizedText

_PARAGRAPH = regex.compile(r"[^\n]+")
_BOUNDARY = regex.compile(r"[.!?؟…]+[\"'»”’)\]]*(?=\s)")
_QUOTED = regex.compile(r"«[^«»\n]*»|“[^“”\n]*”|\"[^\"\n]*\"")
# A period after a single letter is an initial or an abbreviation (أ. ف. ب، د. محمد), not an end.
_ABBREV = regex.compile(r"(?:^|\s)\p{L}\.$")


def split_sentences(norm: NormalizedText) -> tuple[np.ndarray, np.ndarray]:
    """Return (starts, ends) of sentences as original offsets, whitespace trimmed."""
    text = norm.text
    starts: list[int] = []
    ends: list[int] = []
    for para in _PARAGRAPH.finditer(text):
        p0, p1 = para.span()
        chunk = para.group()
        quoted = [m.span() for m in _QUOTED.finditer(chunk)] if ("«" in chunk or "“" in chunk or '"' in chunk) else []
        cur = 0
        for m in _BOUNDARY.finditer(chunk):
            b = m.end()
            if quoted and any(q0 < m.start() < q1 - 1 for q0, q1 in quoted):
                continue
            if m.group() == "." and _ABBREV.search(chunk, max(0, m.start() - 3), m.end()):
                continue
            _emit(chunk, p0, cur, b, starts, ends)
            cur = b
        _emit(chunk, p0, cur, len(chunk), starts, ends)
    if not starts:
        e = np.zeros(0, dtype=np.int64)
        return e, e
    s, e = norm.map_many(np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64))
    return np.asarray(s, dtype=np.int64), np.asarray(e, dtype=np.int64)


def _emit(chunk: str, base: int, a: int, b: int, starts: list[int], ends: list[int]) -> None:
    piece = chunk[a:b]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    starts.append(base + a + lead)
    ends.append(base + a + lead + len(stripped))
