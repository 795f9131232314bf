"""NER corpora in `token TAG` format (ANERcorp, AQMAR), the standard split, and conlleval scoring.

Used by the training script and the bench only; the runtime never reads ../shared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..eval.score import PRF  # one metric record for every scorer
from ..text.normalize import normalize
from ..text.tokens import tokenize

# Corpus tag type -> our type.
TYPE_MAP = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC",
            "MIS0": "MISC", "MIS1": "MISC", "MIS2": "MISC", "MIS3": "MISC", "MIS": "MISC"}


def map_tag(tag: str) -> str:
    tag = tag.strip().replace("--", "-")
    if "-" not in tag:
        return "O"
    bio, _, typ = tag.partition("-")
    typ = TYPE_MAP.get(typ)
    if bio not in ("B", "I") or typ is None:
        return "O"
    return f"{bio}-{typ}"


def read_conll(path: Path) -> list[tuple[str, str]]:
    """(token, mapped tag) pairs of a `token TAG` file; blank or malformed lines are skipped."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        out.append((parts[0], map_tag(parts[-1])))
    return out


def split_on_periods(pairs: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Sentences end after each run of '.' tokens (the CAMeL Lab convention for ANERcorp)."""
    sents, cur = [], []
    for i, (tok, tag) in enumerate(pairs):
        cur.append((tok, tag))
        if tok == "." and (i + 1 == len(pairs) or pairs[i + 1][0] != "."):
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    return sents


def anercorp_split(path: Path) -> tuple[list, list]:
    """Train / test sentences: the sentences holding the first 5/6 of the words are train."""
    pairs = read_conll(path)
    sents = split_on_periods(pairs)
    limit = len(pairs) * 5 / 6
    train, test, seen = [], [], 0
    for s in sents:
        (train if seen < limit else test).append(s)
        seen += len(s)
    return train, test


def aqmar_sentences(folder: Path) -> list[list[tuple[str, str]]]:
    sents = []
    for f in sorted(folder.glob("*.txt")):
        sents.extend(split_on_periods(read_conll(f)))
    return sents


@lru_cache(maxsize=300_000)
def runtime_pieces(token: str) -> tuple[str, ...]:
    """How the runtime tokenizer splits (normalised) one corpus token."""
    norm = normalize(token)
    t = tokenize(norm)
    return tuple(norm.text[int(a):int(b)] for a, b in zip(t.nstart, t.nend)) or (norm.text,)


@dataclass
class TaggedSentence:
    words: list[str]            # normalised runtime pieces
    tags: list[str]             # one tag per piece
    owner: list[int] = field(default_factory=list)  # corpus token index of each piece
    gold: list[str] = field(default_factory=list)   # one tag per corpus token


def retokenize(sent: list[tuple[str, str]]) -> TaggedSentence:
    """Split corpus tokens the way the runtime does; pieces after the first continue the entity."""
    out = TaggedSentence([], [], [], [t for _, t in sent])
    for k, (tok, tag) in enumerate(sent):
        for j, piece in enumerate(runtime_pieces(tok)):
            out.words.append(piece)
            out.tags.append(tag if j == 0 or tag == "O" else "I-" + tag[2:])
            out.owner.append(k)
    return out


def pieces_to_tokens(sent: TaggedSentence, piece_tags: list[str]) -> list[str]:
    """A corpus token takes the tag predicted for its first piece."""
    out = ["O"] * len(sent.gold)
    seen = set()
    for owner, tag in zip(sent.owner, piece_tags):
        if owner not in seen:
            seen.add(owner)
            out[owner] = tag
    return out


# -- conlleval ------------------------------------------------------------------------------------

def chunks(tags: list[str]) -> set[tuple[int, int, str]]:
    """(start, end, type) chunks of a BIO sequence, conlleval style (an I- after O starts a chunk)."""
    out, start, typ = set(), None, None
    for i, tag in enumerate([*tags, "O"]):
        bio, _, t = tag.partition("-")
        ends = typ is not None and (bio in ("O", "B") or t != typ)
        if ends:
            out.add((start, i, typ))
            start, typ = None, None
        if bio == "B" or (bio == "I" and typ is None):
            start, typ = i, t
    return out


def score_sets(pairs, types: list[str]) -> dict[str, PRF]:
    """pairs: iterable of (gold set, predicted set) of (…, type) items. Returns per type + 'micro'."""
    res = {t: PRF() for t in [*types, "micro"]}
    for gold, pred in pairs:
        for item in pred:
            hit = item in gold
            for key in (item[-1], "micro"):
                if key in res:
                    if hit:
                        res[key].tp += 1
                    else:
                        res[key].fp += 1
        for item in gold - pred:
            for key in (item[-1], "micro"):
                if key in res:
                    res[key].fn += 1
    return res


def conll_score(gold_seqs: list[list[str]], pred_seqs: list[list[str]], types: list[str]) -> dict[str, PRF]:
    return score_sets(((chunks(g), chunks(p)) for g, p in zip(gold_seqs, pred_seqs)), types)


def format_scores(res: dict[str, PRF]) -> str:
    lines = [f"{'type':6} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for k, v in res.items():
        lines.append(f"{k:6} {100 * v.precision:6.2f} {100 * v.recall:6.2f} {100 * v.f1:6.2f} {v.tp:5d} {v.fp:5d} {v.fn:5d}")
    return "\n".join(lines)
