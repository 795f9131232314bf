"""CRF features for Arabic NER over normalised runtime tokens.

Per word (cached): the word and its clitic-stripped stem, prefixes/suffixes, shape, distributional
cluster ids at four granularities (of the word and of its stem), gazetteer membership, trigger
classes. Per position: those of the neighbours in a ±2 window (a subset further out), word
bigrams, and multi-word gazetteer matches over the sentence. Everything per word is cached, so
a sentence costs a few list concatenations per token.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..text.normalize import normalize_word
from ..text.tokens import clitic_readings

MODELS = Path(__file__).resolve().parents[1] / "resources" / "models"
DATA = Path(__file__).resolve().parents[1] / "resources" / "data"
CLUSTERS = MODELS / "ner_clusters.tsv.gz"
GAZETTEER = MODELS / "ner_gazetteer.tsv.gz"
TRIGGERS = DATA / "ner_triggers.tsv"
MAX_GAZ_WORDS = 5


def _open_text(path: Path):
    return gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else open(path, encoding="utf-8")


def load_clusters(path: Path = CLUSTERS) -> dict[str, tuple[str, ...]]:
    out = {}
    with _open_text(path) as f:
        for line in f:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            out[parts[0]] = tuple(parts[1:])
    return out


def load_gazetteer(path: Path = GAZETTEER) -> dict[tuple[str, ...], str]:
    """Normalised entry (tuple of words) -> types joined by '|'."""
    out: dict[tuple[str, ...], str] = {}
    with _open_text(path) as f:
        for line in f:
            entry, _, types = line.rstrip("\n").partition("\t")
            if entry and types:
                out[tuple(entry.split(" "))] = types
    return out


def load_triggers(path: Path = TRIGGERS) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        klass, _, word = line.partition("\t")
        w = normalize_word(word.strip())
        out[w] = klass if w not in out or out[w] == klass else out[w] + "|" + klass
    return out


def _shape(w: str) -> str:
    if w.isdigit() or w == "0":
        return "num"
    if w.isalpha():
        return "lat" if w.isascii() else "ar"
    if len(w) == 1:
        return "p" + w if w in ".,،:؛;؟?!()«»\"'-/" else "punct"
    return "mix"


@dataclass(frozen=True)
class WordInfo:
    own: tuple[str, ...]        # features of the word at the current position
    near: tuple[str, ...]       # features shown to neighbours at ±1
    far: tuple[str, ...]        # features shown at ±2


class Featurizer:
    def __init__(self, clusters: dict[str, tuple[str, ...]], gazetteer: dict[tuple[str, ...], str],
                 triggers: dict[str, str]):
        self.clusters = clusters
        self.rank = {w: i for i, w in enumerate(clusters)}  # the cluster file is in frequency order
        self.gaz = gazetteer
        self.gaz_words: dict[str, set[str]] = {}
        for entry, types in gazetteer.items():
            for w in entry:
                self.gaz_words.setdefault(w, set()).update(types.split("|"))
        self.gaz_first = {e[0] for e in gazetteer if len(e) > 1}
        self.triggers = triggers
        # Bounded by memory, not only by count: an entry holds tens of feature strings (~2 KB), so
        # 400k entries grew a worker past 1 GB over a long run; these sizes keep it flat (~270 MB)
        # for ~10% more time.
        self.info = lru_cache(maxsize=20_000)(self._info)
        self.at = lru_cache(maxsize=40_000)(self._at)
        self.stem_of = lru_cache(maxsize=20_000)(self._stem)

    @classmethod
    def default(cls) -> "Featurizer":
        return cls(load_clusters(), load_gazetteer(), load_triggers())

    # -- per word ----------------------------------------------------------------------------------
    def reading(self, w: str):
        """The most plausible clitic reading of w (None: the whole word).

        The reading whose stem is the most frequent word of the unlabelled corpus wins (وبغداد ->
        بغداد, but وزير stays وزير since زير is rare); unknown stems keep the whole word.
        """
        best, best_rank = None, self.rank.get(w, len(self.rank))
        for r in clitic_readings(w)[1:]:
            if "ال" in r.prefixes:
                continue  # the ال-bearing stem is scored instead; bare comes from it
            rank = self.rank.get(r.stem)
            if rank is not None and rank < best_rank:
                best, best_rank = r, rank
        return best

    def _stem(self, w: str) -> tuple[str, str, str]:
        """(proclitics, stem, bare stem) of the most plausible reading (bare = without ال)."""
        best = self.reading(w)
        stem = best.stem if best else w
        pre = "".join(best.prefixes) if best else ""
        bare = stem[2:] if stem.startswith("ال") and len(stem) > 4 else stem
        return pre, stem, bare

    def _lookup_cluster(self, *forms: str) -> tuple[str, ...] | None:
        for f in forms:
            c = self.clusters.get(f)
            if c is not None:
                return c
        return None

    def _info(self, w: str) -> WordInfo:
        shape = _shape(w)
        own = ["b", "w=" + w, "sh=" + shape]
        near = ["w=" + w, "sh=" + shape]
        far = ["w=" + w]
        if shape != "ar":
            c = self.clusters.get(w)
            if c:
                own += [f"c{i}={x}" for i, x in enumerate(c)]
            return WordInfo(tuple(own), tuple(near), tuple(far))
        pre, stem, bare = self.stem_of(w)
        n = len(w)
        own += ["p1=" + w[:1], "p2=" + w[:2], "p3=" + w[:3], "s1=" + w[-1:], "s2=" + w[-2:], "s3=" + w[-3:],
                "len=" + str(min(n, 8)), "pre=" + pre, "st=" + stem, "bare=" + bare,
                "bs2=" + bare[-2:], "bp2=" + bare[:2]]
        near += ["st=" + stem, "pre=" + pre]
        far += ["st=" + stem]
        if stem.startswith("ال"):
            own.append("al")
            near.append("al")
        c = self.clusters.get(w)
        if c is not None:
            own += [f"c{i}={x}" for i, x in enumerate(c)]
            near += [f"c{i}={x}" for i, x in enumerate(c) if i >= 1]
            far += [f"c{i}={x}" for i, x in enumerate(c) if i == 2]
        else:
            own.append("oov")
        sc = self._lookup_cluster(stem, bare) if (stem != w or bare != w) else None
        if sc is not None:
            own += [f"sc{i}={x}" for i, x in enumerate(sc)]
            near += [f"sc{i}={x}" for i, x in enumerate(sc) if i >= 1]
            if c is None:
                far += [f"sc{i}={x}" for i, x in enumerate(sc) if i == 2]
        for form, tag in ((w, "g"), (stem, "gs"), (bare, "gb")):
            types = self.gaz.get((form,))
            if types:
                for t in types.split("|"):
                    own.append(f"{tag}={t}")
                    near.append(f"{tag}={t}")
                    far.append(f"{tag}={t}")
        for t in self.gaz_words.get(bare, ()):
            own.append("gw=" + t)
        for form in {w, stem, bare}:
            tr = self.triggers.get(form)
            if tr:
                for t in tr.split("|"):
                    own.append("tr=" + t)
                    near.append("tr=" + t)
                    far.append("tr=" + t)
        return WordInfo(tuple(own), tuple(dict.fromkeys(near)), tuple(dict.fromkeys(far)))

    def _at(self, w: str, offset: int) -> tuple[str, ...]:
        info = self.info(w)
        if offset == 0:
            return info.own
        feats = info.near if abs(offset) == 1 else info.far
        tag = f"{offset:+d}:"
        return tuple(tag + f for f in feats)

    # -- per sentence --------------------------------------------------------------------------------
    def gazetteer_spans(self, words: list[str]) -> list[list[str]]:
        """B/I marks of multi-word gazetteer entries found in the sentence (longest match wins)."""
        marks: list[list[str]] = [[] for _ in words]
        n = len(words)
        i = 0
        while i < n:
            found = 0
            first = self.stem_of(words[i])[1]
            if words[i] not in self.gaz_first and first not in self.gaz_first:
                i += 1
                continue
            for k in range(min(MAX_GAZ_WORDS, n - i), 1, -1):
                key = tuple(words[i:i + k])
                types = self.gaz.get(key)
                if types is None and first != words[i]:
                    types = self.gaz.get((first, *key[1:]))
                if types is not None:
                    for t in types.split("|"):
                        marks[i].append("gmB=" + t)
                        for j in range(i + 1, i + k):
                            marks[j].append("gmI=" + t)
                    found = k
                    break
            i += found or 1
        return marks

    def sentence(self, words: list[str]) -> list[list[str]]:
        n = len(words)
        at = self.at
        gm = self.gazetteer_spans(words)
        out = []
        for i in range(n):
            f = list(at(words[i], 0))
            if i > 0:
                f += at(words[i - 1], -1)
                f.append("bg-=" + words[i - 1] + "|" + words[i])
                f += ["-1:" + m for m in gm[i - 1]]
            else:
                f.append("BOS")
            if i > 1:
                f += at(words[i - 2], -2)
            if i + 1 < n:
                f += at(words[i + 1], 1)
                f.append("bg+=" + words[i] + "|" + words[i + 1])
                f += ["+1:" + m for m in gm[i + 1]]
            else:
                f.append("EOS")
            if i + 2 < n:
                f += at(words[i + 2], 2)
            f += gm[i]
            out.append(f)
        return out


def word_key(norm_token: str) -> str:
    """The form features see: normalised token, digit runs folded to '0'."""
    return "0" if norm_token.isdigit() else norm_token
