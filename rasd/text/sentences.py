"""Sentence splitting for Arabic news.

Cuts after . ! ? ؟ … (when followed by space, closing quotes/brackets allowed in between), and at
line breaks (paragraphs, headlines and list items are their own units); never on the Arabic comma
، or the semicolon ؛, never inside a quotation closed within the same paragraph («…», “…", "…"),
never after an initial or abbreviation (أ. ف. ب، د. محمد) and never after a list number at a
line start (1. …).

Vectorised over the code points of the normalised view (numpy; no per-character and almost no
per-sentence Python); returns original offsets.
"""

from __future__ import annotations

import re

import numpy as np

from .normalize import DIGIT, LETTER, SPACE, NormalizedText, classes_of, codepoints

_TERMINALS = np.array([ord(c) for c in ".!?؟…"], dtype=np.uint32)
_CLOSERS = np.array([ord(c) for c in "\"'»”’)]"], dtype=np.uint32)
_QUOTED = re.compile(r"«[^«»\n]*»|“[^“”\n]*”|\"[^\"\n]*\"")
_DOT, _NL = ord("."), ord("\n")
_EMPTY = np.zeros(0, dtype=np.int64)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence [start, end) ranges of `text` (offsets into it), whitespace trimmed."""
    cps = codepoints(text)
    s, e = _spans(text, cps, classes_of(cps))
    return list(zip(s.tolist(), e.tolist()))


def _spans(text: str, cps: np.ndarray, cls: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = int(cps.size)
    if n == 0:
        return _EMPTY, _EMPTY
    idx = np.arange(n, dtype=np.int64)
    space = cls == SPACE
    term = np.isin(cps, _TERMINALS)
    # Last char of each run of terminal punctuation.
    last = np.flatnonzero(term & ~np.append(term[1:], False))
    cut_end = _EMPTY
    if last.size:
        closer = np.isin(cps, _CLOSERS)
        not_closer = np.append(np.where(closer, n, idx), n)
        after = np.minimum.accumulate(not_closer[::-1])[::-1]   # first non-closer at or after i
        b = after[last + 1]
        keep = b < n
        keep[keep] = space[b[keep]]
        run_start = last.copy()
        if keep.any():
            prev_nt = np.maximum.accumulate(np.where(term, -1, idx))   # last non-terminal at or before i
            run_start = prev_nt[last] + 1
            single_dot = (run_start == last) & (cps[last] == _DOT)
            # An initial: a lone letter before the dot (أ. ف. ب، د. محمد).
            prev1 = np.maximum(last - 1, 0)
            prev2 = last - 2
            lone_letter = single_dot & (last >= 1) & (cls[prev1] == LETTER) & ((prev2 < 0) | space[np.maximum(prev2, 0)])
            keep &= ~lone_letter
            # A list number at a line start (1. / 12.): checked on the few candidates.
            for j in np.flatnonzero(keep & single_dot & (last >= 1) & (cls[prev1] == DIGIT)).tolist():
                a = int(last[j])
                head = text[text.rfind("\n", 0, a) + 1:a].strip(" \t")
                if head.isdigit() and len(head) <= 2:
                    keep[j] = False
            if ("«" in text or "“" in text or '"' in text) and keep.any():
                q = np.array([m.span() for m in _QUOTED.finditer(text)], dtype=np.int64).reshape(-1, 2)
                if q.size:
                    rs = run_start[keep]
                    k = np.searchsorted(q[:, 0], rs, "right") - 1
                    inside = (k >= 0) & (rs < q[np.maximum(k, 0), 1] - 1)
                    kk = np.flatnonzero(keep)
                    keep[kk[inside]] = False
        cut_end = b[keep]
    nl = np.flatnonzero(cps == _NL)
    ends = np.concatenate((cut_end, nl))
    nexts = np.concatenate((cut_end, nl + 1))
    order = np.argsort(ends, kind="stable")
    seg_s = np.concatenate(([0], nexts[order]))
    seg_e = np.concatenate((ends[order], [n]))
    # Trim whitespace: first non-space at or after the start, last non-space before the end.
    nonspace = ~space
    nxt_ns = np.minimum.accumulate(np.append(np.where(nonspace, idx, n), n)[::-1])[::-1]
    prv_ns = np.maximum.accumulate(np.where(nonspace, idx, -1))
    s = nxt_ns[np.minimum(seg_s, n)]
    e = prv_ns[np.clip(seg_e - 1, 0, n - 1)] + 1
    ok = (s < e) & (seg_s < seg_e)
    return s[ok], e[ok]


def split_sentences(norm: NormalizedText) -> tuple[np.ndarray, np.ndarray]:
    """Return (starts, ends) of sentences as ORIGINAL offsets, whitespace trimmed."""
    s, e = _spans(norm.text, norm.codepoints(), norm.classes())
    if s.size == 0:
        return _EMPTY, _EMPTY
    s, e = norm.map_many(s, e)
    return np.asarray(s, dtype=np.int64), np.asarray(e, dtype=np.int64)
