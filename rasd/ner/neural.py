"""A compact convolutional CRF tagger run with numpy (trained by train/train_ner_nn.py with torch).

Token input = sum of embeddings of its sparse features (the CRF feature strings of features.py:
word, stem, affixes, cluster ids, gazetteer, triggers…) + a frozen distributional vector of the
word (or of its stem) + gazetteer-span marks. Two convolutions (kernel 5, then kernel 3 dilated 2,
residual) give each token a ±4 token context; a linear layer gives tag scores and a linear-chain
CRF (Viterbi, batched over the sentences of an article) decodes them.

Everything per word is linear, so each word's input vector is computed once and cached.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import ResourceMissingError
from .features import MODELS, Featurizer, word_key

NN_MODEL = MODELS / "ner_cnn.npz"
GAZ_MARKS = ("gmB=LOC", "gmB=ORG", "gmB=PER", "gmI=LOC", "gmI=ORG", "gmI=PER")
PAD = 2  # zero rows between sentences: covers the half width of each convolution


def dequantize(q: np.ndarray, scale: np.ndarray) -> np.ndarray:
    return q.astype(np.float32) * scale[:, None].astype(np.float32)


class NeuralTagger:
    def __init__(self, path: Path = NN_MODEL, featurizer: Featurizer | None = None):
        if not path.is_file():
            raise ResourceMissingError(f"NER model {path} is missing; rebuild it with `python train/train_ner_nn.py`")
        z = np.load(path, allow_pickle=False)
        self.featurizer = featurizer or Featurizer.default()
        self.feat_index = {f: i for i, f in enumerate(z["feat_names"].tolist())}
        self.bag = dequantize(z["bag_q"], z["bag_scale"])
        self.vec_index = {w: i for i, w in enumerate(z["vec_words"].tolist())}
        self.vecs = dequantize(z["vec_q"], z["vec_scale"])
        self.w1, self.b1 = z["w1"], z["b1"]     # (k1, D, H), (H,)
        self.w2, self.b2 = z["w2"], z["b2"]     # (k2, H, H), dilation 2
        self.wo, self.bo = z["wo"], z["bo"]     # (H, T), (T,)
        self.trans, self.start, self.end = z["trans"], z["start"], z["end"]
        self.tags = z["tags"].tolist()
        self.dim = self.bag.shape[1] + self.vecs.shape[1] + 1 + len(GAZ_MARKS)
        self.word_vector = lru_cache(maxsize=200_000)(self._word_vector)
        self._zero = np.zeros(self.dim, dtype=np.float32)

    def _word_vector(self, w: str) -> np.ndarray:
        fz = self.featurizer
        ids = [self.feat_index[f] for f in fz.info(w).own if f in self.feat_index]
        x = np.zeros(self.dim, dtype=np.float32)
        nb = self.bag.shape[1]
        if ids:
            x[:nb] = self.bag[ids].sum(0)
        _, stem, bare = fz.stem_of(w)
        vi = self.vec_index.get(w)
        if vi is None:
            vi = self.vec_index.get(stem, self.vec_index.get(bare))
        if vi is None:
            x[nb + self.vecs.shape[1]] = 1.0  # no vector
        else:
            x[nb:nb + self.vecs.shape[1]] = self.vecs[vi]
        return x

    def _inputs(self, sentences: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Stacked inputs with PAD zero rows before, between and after sentences; real-row mask."""
        rows: list[np.ndarray] = []
        zero = self._zero
        mark_base = self.dim - len(GAZ_MARKS)
        for words in sentences:
            rows.extend([zero] * PAD)
            keys = [word_key(w) for w in words]
            marks = self.featurizer.gazetteer_spans(keys)
            for k, m in zip(keys, marks):
                v = self.word_vector(k)
                if m:
                    v = v.copy()
                    for name in m:
                        if name in GAZ_MARKS:
                            v[mark_base + GAZ_MARKS.index(name)] = 1.0
                rows.append(v)
        rows.extend([zero] * PAD)
        x = np.stack(rows)
        mask = np.ones(len(rows), dtype=bool)
        pos = 0
        for words in sentences:
            mask[pos:pos + PAD] = False
            pos += PAD + len(words)
        mask[pos:] = False
        return x, mask

    @staticmethod
    def _conv(x: np.ndarray, w: np.ndarray, b: np.ndarray, dilation: int) -> np.ndarray:
        k = w.shape[0]
        half = (k // 2) * dilation
        n = x.shape[0]
        xp = np.zeros((n + 2 * half, x.shape[1]), dtype=np.float32)
        xp[half:half + n] = x
        out = np.broadcast_to(b, (n, b.shape[0])).copy()
        for j in range(k):
            out += xp[j * dilation:j * dilation + n] @ w[j]
        return out

    def emissions(self, sentences: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        x, mask = self._inputs(sentences)
        m = mask[:, None].astype(np.float32)
        h1 = np.maximum(self._conv(x, self.w1, self.b1, 1), 0) * m
        h2 = np.maximum(self._conv(h1, self.w2, self.b2, 2), 0) * m + h1
        return h2[mask] @ self.wo + self.bo, mask

    def tag_sentences(self, sentences: list[list[str]]) -> list[list[str]]:
        sentences = [s for s in sentences]
        if not any(sentences):
            return [[] for _ in sentences]
        em, _ = self.emissions([s for s in sentences if s])
        lens = [len(s) for s in sentences if s]
        paths = self._viterbi(em, lens)
        out, it = [], iter(paths)
        for s in sentences:
            out.append([self.tags[t] for t in next(it)] if s else [])
        return out

    def tag(self, norm_words: list[str]) -> list[str]:
        return self.tag_sentences([norm_words])[0] if norm_words else []

    def _viterbi(self, em: np.ndarray, lens: list[int]) -> list[list[int]]:
        """Batched Viterbi over sentences (loop over positions, vectorised over sentences)."""
        b, L, T = len(lens), max(lens), em.shape[1]
        e = np.zeros((b, L, T), dtype=np.float32)
        offs = np.cumsum([0, *lens])
        for i in range(b):
            e[i, :lens[i]] = em[offs[i]:offs[i + 1]]
        lens_a = np.array(lens)
        score = self.start[None, :] + e[:, 0]
        back = np.zeros((b, L, T), dtype=np.int16)
        trans = self.trans[None]
        for t in range(1, L):
            cand = score[:, :, None] + trans
            best = cand.argmax(1)
            new = np.take_along_axis(cand, best[:, None, :], 1)[:, 0] + e[:, t]
            live = (t < lens_a)[:, None]
            score = np.where(live, new, score)
            back[:, t] = np.where(live, best, np.arange(T)[None, :])
        score = score + self.end[None, :]
        last = score.argmax(1)
        paths = []
        for i in range(b):
            y = [int(last[i])]
            for t in range(lens[i] - 1, 0, -1):
                y.append(int(back[i, t, y[-1]]))
            paths.append(y[::-1])
        return paths


@lru_cache(maxsize=1)
def default_neural_tagger() -> NeuralTagger:
    return NeuralTagger()
