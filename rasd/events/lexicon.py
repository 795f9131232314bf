"""The event cue lexicon (rasd/resources/data/events/lexicon.tsv) compiled into one Aho-Corasick
automaton and matched once over an article's normalised view.

A match counts only at word boundaries, allowing the clitic prefixes Arabic glues to a word
(و ف ب ل ك ال, and for verbs the imperfect/future prefixes) and a few inflectional suffixes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from ..text.normalize import normalize_word

LEXICON_PATH = Path(__file__).resolve().parents[1] / "resources" / "data" / "events" / "lexicon.tsv"

_NOUN_PREFIXES = frozenset({
    "", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "وب", "ول", "فب", "فل", "وك",
    "وبال", "ولل", "فبال", "فلل", "وكال",
})
_VERB_PREFIXES = frozenset({"", "و", "ف", "ي", "ت", "ن", "وي", "وت", "ون", "في", "فت", "س", "سي", "ست", "سن",
                            "وسي", "وست", "ل", "لي", "لت", "ولي", "ولت", "وا"})
FUTURE_PREFIXES = frozenset({"س", "سي", "ست", "سن", "وسي", "وست"})
IMPERFECT_PREFIXES = frozenset({"ي", "ت", "ن", "وي", "وت", "ون", "في", "فت"})
_SUFFIXES = frozenset({"", "ه", "ها", "هم", "هما", "ات", "ين", "ون", "ان", "ت", "وا", "ا", "ي", "يه", "يا", "تا",
                       "تها", "ته", "تهم", "نا", "تين", "تان"})


@dataclass(frozen=True)
class Entry:
    form: str
    kind: str
    label: str
    flags: str


@dataclass(frozen=True)
class Hit:
    kind: str
    label: str
    start: int      # normalised offsets of the whole surface word(s), prefixes included
    end: int
    cue_start: int  # normalised offsets of the cue itself
    prefix: str
    flags: str
    form: str

    @property
    def is_verb(self) -> bool:
        return "v" in self.flags


class Lexicon:
    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self.automaton = ahocorasick.Automaton()
        grouped: dict[str, list[Entry]] = {}
        for e in entries:
            grouped.setdefault(e.form, []).append(e)
        for form, es in grouped.items():
            self.automaton.add_word(form, tuple(es))
        self.automaton.make_automaton()

    def scan(self, text: str) -> list[Hit]:
        """All boundary-respecting matches in a normalised text, sorted by position."""
        hits: list[Hit] = []
        n = len(text)
        for end_idx, entries in self.automaton.iter(text):
            form = entries[0].form
            cs = end_idx - len(form) + 1
            ce = end_idx + 1
            # word start: walk back over letters (the clitic prefix)
            ws = cs
            while ws > 0 and text[ws - 1].isalpha() and cs - ws <= 4:
                ws -= 1
            if ws > 0 and text[ws - 1].isalpha():
                continue
            we = ce
            while we < n and text[we].isalpha() and we - ce <= 4:
                we += 1
            if we < n and text[we].isalpha():
                continue
            prefix, suffix = text[ws:cs], text[ce:we]
            for e in entries:
                allowed = _VERB_PREFIXES | _NOUN_PREFIXES if "v" in e.flags else _NOUN_PREFIXES
                if prefix not in allowed:
                    continue
                if suffix and ("x" in e.flags or suffix not in _SUFFIXES):
                    continue
                hits.append(Hit(e.kind, e.label, ws, we, cs, prefix, e.flags, form))
        hits.sort(key=lambda h: (h.start, -h.end))
        return _drop_nested(hits)


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def _drop_nested(hits: list[Hit]) -> list[Hit]:
    """Of matches of the same kind that overlap, keep the longest (قذائف الهاون over قذائف)."""
    out: list[Hit] = []
    by_kind_end: dict[str, int] = {}
    best: dict[tuple[str, int], Hit] = {}
    for h in sorted(hits, key=lambda h: (h.kind, h.start, -(h.end - h.start))):
        last_end = by_kind_end.get(h.kind, -1)
        if h.start < last_end:
            prev = best.get((h.kind, last_end))
            # same kind, overlapping: keep the earlier longer one unless this one is longer
            if prev is not None and (h.end - h.start) > (prev.end - prev.start):
                out.remove(prev)
                out.append(h)
                best[(h.kind, h.end)] = h
                by_kind_end[h.kind] = h.end
            continue
        out.append(h)
        best[(h.kind, h.end)] = h
        by_kind_end[h.kind] = h.end
    out.sort(key=lambda h: (h.start, -h.end))
    return out


def load_entries(path: Path = LEXICON_PATH) -> list[Entry]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        form = normalize_word(parts[0].strip())
        entries.append(Entry(form, parts[1].strip(), parts[2].strip(), parts[3].strip() if len(parts) > 3 else ""))
    return entries


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon(load_entries())
