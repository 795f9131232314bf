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
from ..text.tokens import CliticReading

MODELS = Path(__file__).resolve().parents[1] / "resources" / "models"
DATA = Path(__file__).resolve().parents[1] / "resources" / "data"
CLUSTERS = MODELS / "ner_clusters.tsv.gz"
GAZETTEER = MODELS / "ner_gazetteer.tsv.gz"
TRIGGERS = DATA / "ner_triggers.tsv"
AUTO_GAZETTEER = MODELS / "ner_autogaz.tsv.gz"
MAX_GAZ_WORDS = 5
_CONJ, _PREP = ("و", "ف"), ("ب", "ك", "ل")  # proclitics, as in rasd.text.tokens.clitic_readings
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


# reach of the per-word features (see Featurizer.levelled): p1 p2 p3 s1 s2 s3 len pre st bare bs2 bp2 p4 s4
_AR_LEVELS = [0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0]
_CLUSTER_LEVELS = [0, 1, 2, 1]        # c0 … c3 of the word (or of the stem when the word has none)
_STEM_CLUSTER_LEVELS = [0, 1, 1, 1]   # sc0 … sc3 when the word has its own clusters


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
        # over the 31k-article corpus) for ~10% more time. info / at serve training only: at run
        # time the tagger keeps per-word scores (CrfTagger.table), not feature strings.
        self.info = lru_cache(maxsize=20_000)(self._info)
        self.at = lru_cache(maxsize=40_000)(self._at)
        self.stem_of = lru_cache(maxsize=20_000)(self._stem)
        self.reading = lru_cache(maxsize=50_000)(self._reading)
        self.may_start_gazetteer = lru_cache(maxsize=50_000)(self._may_start_gazetteer)
        self.known: frozenset[str] | None = None

    def restrict_to(self, attributes: frozenset[str]) -> None:
        """Emit only the attributes the model has weights for (fewer strings for the CRF to hash)."""
        self.known = attributes
        self.at.cache_clear()

    @classmethod
    def default(cls) -> "Featurizer":
        return cls(load_clusters(), load_gazetteer(), load_triggers(), load_auto_gazetteer())

    # -- per word ----------------------------------------------------------------------------------
    def _reading(self, w: str) -> CliticReading | None:
        """The most plausible clitic reading of w (None: the whole word).

        The reading whose stem is the most frequent word of the unlabelled corpus wins (وبغداد ->
        بغداد, but وزير stays وزير since زير is rare); unknown stems keep the whole word. Only the
        readings without ال count (the ال-bearing stem is scored instead), so this walks the و/ف and
        ب/ك/ل heads of clitic_readings directly, with no reading objects for the losers.
        """
        rank = self.rank
        best, best_rank = None, rank.get(w, len(rank))
        heads = [((), w, 0)]
        if w[:1] in _CONJ and len(w) > 3:
            heads.append(((w[0],), w[1:], 1))
        for pre, rest, off in tuple(heads):
            if rest[:1] in _PREP and len(rest) > 2:
                if rest.startswith("لل") and len(rest) > 3:
                    heads.append((pre + ("ل",), "ا" + rest[1:], off + 1))  # ل + ال: the alef is dropped
                else:
                    heads.append((pre + (rest[0],), rest[1:], off + 1))
        for head in heads[1:]:
            r = rank.get(head[1])
            if r is not None and r < best_rank:
                best, best_rank = head, r
        return None if best is None else CliticReading(*best)

    def _stem(self, w: str) -> tuple[str, str, str]:
        """(proclitics, stem, bare stem) of the most plausible reading (bare = without ال)."""
        best = self.reading(w)
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

    def levelled(self, w: str) -> tuple[list[str], list[int]]:
        """The features of word w with their reach: level 0 shows at the word's own position only,
        1 also at ±1, 2 at every window offset. A repeated feature counts again at the word only."""
        shape = _shape(w)
        feats = ["b", "w=" + w, "sh=" + shape]
        levels = [0, 2, 1]
        if shape != "ar":
            c = self.clusters.get(w)
            if c:
                feats += [f"c{i}={x}" for i, x in enumerate(c)]
                levels += [0] * len(c)
            return feats, levels
        pre, stem, bare = self.stem_of(w)
        n = len(w)
        feats += ["p1=" + w[:1], "p2=" + w[:2], "p3=" + w[:3], "s1=" + w[-1:], "s2=" + w[-2:], "s3=" + w[-3:],
                  "len=" + str(min(n, 8)), "pre=" + pre, "st=" + stem, "bare=" + bare,
                  "bs2=" + bare[-2:], "bp2=" + bare[:2], "p4=" + w[:4], "s4=" + w[-4:]]
        levels += _AR_LEVELS
        grams = ["g3=" + bare[k:k + 3] for k in range(len(bare) - 2)]
        feats += grams
        levels += [0] * len(grams)
        freq = self._freq_bucket(w)
        sfreq = self._freq_bucket(bare) if bare != w else freq
        feats += ["fr=" + freq, "sfr=" + sfreq]
        levels += [0, 2]
        if stem.startswith("ال"):
            feats.append("al")
            levels.append(1)
        c = self.clusters.get(w)
        if c is not None:
            feats += [f"c{i}={x}" for i, x in enumerate(c)]
            levels += _CLUSTER_LEVELS[:len(c)]
        else:
            feats.append("oov")
            levels.append(0)
        sc = self._lookup_cluster(stem, bare) if (stem != w or bare != w) else None
        if sc is not None:
            feats += [f"sc{i}={x}" for i, x in enumerate(sc)]
            levels += (_CLUSTER_LEVELS if c is None else _STEM_CLUSTER_LEVELS)[:len(sc)]
        gaz = self.gaz
        for form, tag in ((w, "g"), (stem, "gs"), (bare, "gb")):
            types = gaz.get((form,))
            if types:
                for t in types.split("|"):
                    feats.append(f"{tag}={t}")
                    levels.append(2)
        auto = self.auto
        for form, tag in ((w, "ag"), (bare, "sag")):
            for prior in auto.get(form, ()) if (tag == "ag" or bare != w) else ():
                feats.append(f"{tag}={prior}")
                levels.append(1)
        for t in self.gaz_words.get(bare, ()):
            feats.append("gw=" + t)
            levels.append(0)
        triggers = self.triggers
        for form in {w, stem, bare}:
            tr = triggers.get(form)
            if tr:
                for t in tr.split("|"):
                    feats.append("tr=" + t)
                    levels.append(2)
        if len(set(feats)) < len(feats):
            seen: set[str] = set()
            for k, f in enumerate(feats):
                if f in seen:
                    levels[k] = 0
                seen.add(f)
        return feats, levels

    def _info(self, w: str) -> WordInfo:
        feats, levels = self.levelled(w)
        return WordInfo(tuple(feats), tuple(f for f, lv in zip(feats, levels) if lv >= 1),
                        tuple(f for f, lv in zip(feats, levels) if lv == 2))

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
