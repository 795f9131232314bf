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
AUTO_GAZETTEER = MODELS / "ner_autogaz.tsv.gz"
MAX_GAZ_WORDS = 5
WINDOW = (-3, -2, -1, 0, 1, 2, 3)  # offsets whose words give features to a token


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


def load_auto_gazetteer(path: Path = AUTO_GAZETTEER) -> dict[str, tuple[str, ...]]:
    """word -> ("PER:h", …): self-trained type priors (train/build_auto_gazetteer.py); {} if absent."""
    out: dict[str, list[str]] = {}
    if not path.is_file():
        return {}
    with _open_text(path) as f:
        for line in f:
            w, t, strength = line.rstrip("\n").split("\t")
            out.setdefault(w, []).append(f"{t}:{strength}")
    return {w: tuple(v) for w, v in out.items()}


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
                 triggers: dict[str, str], auto: dict[str, tuple[str, ...]] | None = None):
        self.clusters = clusters
        self.auto = auto or {}
        self.rank = {w: i for i, w in enumerate(clusters)}  # the cluster file is in frequency order
        self.gaz = gazetteer
        self.gaz_words: dict[str, set[str]] = {}
        for entry, types in gazetteer.items():
            for w in entry:
                self.gaz_words.setdefault(w, set()).update(types.split("|"))
        self.gaz_first = {e[0] for e in gazetteer if len(e) > 1}
        self.triggers = triggers
        # Bounded by memory, not only by count: an entry holds tens of feature strings (~2 KB), so
        # 400k entries grew a worker past 1 GB over a long run; these sizes keep it flat (~300 MB
        # over the 31k-article corpus) for ~10% more time.
        self.info = lru_cache(maxsize=20_000)(self._info)
        self.at = lru_cache(maxsize=40_000)(self._at)
        self.stem_of = lru_cache(maxsize=20_000)(self._stem)
        self.reading = lru_cache(maxsize=200_000)(self._reading)
        self.may_start_gazetteer = lru_cache(maxsize=200_000)(self._may_start_gazetteer)
        self.known: frozenset[str] | None = None

    def restrict_to(self, attributes: frozenset[str]) -> None:
        """Emit only the attributes the model has weights for (fewer strings for the CRF to hash)."""
        self.known = attributes
        self.at.cache_clear()

    @classmethod
    def default(cls) -> "Featurizer":
        return cls(load_clusters(), load_gazetteer(), load_triggers(), load_auto_gazetteer())

    # -- per word ----------------------------------------------------------------------------------
    def _reading(self, w: str):
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
        best = self._reading(w)
        stem = best.stem if best else w
        pre = "".join(best.prefixes) if best else ""
        bare = stem[2:] if stem.startswith("ال") and len(stem) > 4 else stem
        return pre, stem, bare

    def _freq_bucket(self, w: str) -> str:
        """log2 bucket of the word's frequency rank in the unlabelled corpus (rare words: names)."""
        r = self.rank.get(w)
        return "x" if r is None else str((r + 1).bit_length())

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
        own += ["p4=" + w[:4], "s4=" + w[-4:]]
        own += ["g3=" + bare[k:k + 3] for k in range(len(bare) - 2)]
        freq = self._freq_bucket(w)
        sfreq = self._freq_bucket(bare) if bare != w else freq
        own += ["fr=" + freq, "sfr=" + sfreq]
        near += ["sfr=" + sfreq]
        far += ["sfr=" + sfreq]
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
        for form, tag in ((w, "ag"), (bare, "sag")):
            for prior in self.auto.get(form, ()) if (tag == "ag" or bare != w) else ():
                own.append(f"{tag}={prior}")
                near.append(f"{tag}={prior}")
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
            feats = info.own
        else:
            tag = f"{offset:+d}:"
            feats = tuple(tag + f for f in (info.near if abs(offset) == 1 else info.far))
        known = self.known
        return feats if known is None else tuple(f for f in feats if f in known)

    # -- per sentence --------------------------------------------------------------------------------
    def _may_start_gazetteer(self, w: str) -> bool:
        return w in self.gaz_first or self.stem_of(w)[1] in self.gaz_first

    def gazetteer_matches(self, words: list[str], a: int, b: int, candidates) -> list[tuple[int, int, str]]:
        """(start, end, types) of multi-word gazetteer entries in words[a:b] starting at one of the
        `candidates` (sorted positions whose word may start an entry); the longest match wins."""
        out = []
        nxt = a
        for i in candidates:
            if i < nxt or i >= b:
                continue
            w = words[i]
            first = self.stem_of(w)[1]
            for k in range(min(MAX_GAZ_WORDS, b - i), 1, -1):
                key = tuple(words[i:i + k])
                types = self.gaz.get(key)
                if types is None and first != w:
                    types = self.gaz.get((first, *key[1:]))
                if types is not None:
                    out.append((i, i + k, types))
                    nxt = i + k
                    break
        return out

    def gazetteer_spans(self, words: list[str]) -> list[list[str]]:
        """B/I marks of multi-word gazetteer entries found in the sentence (longest match wins)."""
        marks: list[list[str]] = [[] for _ in words]
        may = self.may_start_gazetteer
        cands = [i for i, w in enumerate(words) if may(w)]
        for i, j, types in self.gazetteer_matches(words, 0, len(words), cands):
            for t in types.split("|"):
                marks[i].append("gmB=" + t)
                for k in range(i + 1, j):
                    marks[k].append("gmI=" + t)
        return marks

    def sentence(self, words: list[str]) -> list[list[str]]:
        n = len(words)
        at = self.at
        known = self.known
        gm = self.gazetteer_spans(words)
        out = []
        for i in range(n):
            f = list(at(words[i], 0))
            if i > 0:
                f += at(words[i - 1], -1)
                bg = "bg-=" + words[i - 1] + "|" + words[i]
                if known is None or bg in known:
                    f.append(bg)
                if gm[i - 1]:
                    f += ["-1:" + m for m in gm[i - 1]]
            else:
                f.append("BOS")
            if i > 1:
                f += at(words[i - 2], -2)
            if i + 1 < n:
                f += at(words[i + 1], 1)
                bg = "bg+=" + words[i] + "|" + words[i + 1]
                if known is None or bg in known:
                    f.append(bg)
                if gm[i + 1]:
                    f += ["+1:" + m for m in gm[i + 1]]
            else:
                f.append("EOS")
            if i + 2 < n:
                f += at(words[i + 2], 2)
            if i > 2:
                f += at(words[i - 3], -3)
            if i + 3 < n:
                f += at(words[i + 3], 3)
            f += gm[i]
            out.append(f)
        return out


def word_key(norm_token: str) -> str:
    """The form features see: normalised token, digit runs folded to '0'."""
    return "0" if norm_token.isdigit() else norm_token
