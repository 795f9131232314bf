"""Word clusters from unlabelled news (../shared/corpora/saudinewsnet.jsonl.gz) for NER features.

Distributional classes let the tagger generalise from names it saw in training to names it did
not (an unseen city clusters with the seen ones). Method (numpy only, a few minutes on one core):
  1. normalise + tokenise every article the same way the runtime does (rasd.text.normalize);
  2. count (word, context word, offset) co-occurrences for offsets -2 -1 +1 +2 over the top
     `--vocab` words and the top `--contexts` context words;
  3. PPMI (context distribution smoothing 0.75) -> randomised SVD -> `--dim` word vectors;
  4. spherical k-means at several granularities; each word gets one cluster id per granularity.

Writes rasd/resources/models/ner_clusters.tsv.gz (word \t id_k1 \t id_k2 ...) and, for experiments,
the vectors to /tmp/rasd_ner_vectors.npz (not committed).

    nice python train/build_word_clusters.py
"""

from __future__ import annotations

import argparse
import gzip
import re
import time
from array import array
from pathlib import Path

import numpy as np
import orjson

from rasd.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "rasd" / "resources" / "models" / "ner_clusters.tsv.gz"
TOKEN_RE = re.compile(r"[^\W\d_]+|\d+|\S")
OFFSETS = (-2, -1, 1, 2)


def corpus_tokens(path: Path, limit: int | None):
    with gzip.open(path, "rb") as f:
        for n, line in enumerate(f):
            if limit and n >= limit:
                break
            rec = orjson.loads(line)
            for part in (rec.get("title") or "", rec.get("text") or ""):
                toks = TOKEN_RE.findall(normalize(part).text)
                yield ["0" if t.isdigit() else t for t in toks]


def kmeans(x: np.ndarray, k: int, iters: int, rng: np.random.Generator) -> np.ndarray:
    """Spherical k-means (rows of x are unit vectors); returns the label of each row."""
    centers = x[rng.choice(len(x), k, replace=False)].copy()
    labels = np.zeros(len(x), dtype=np.int32)
    for _ in range(iters):
        for a in range(0, len(x), 8192):
            labels[a:a + 8192] = np.argmax(x[a:a + 8192] @ centers.T, axis=1)
        sums = np.zeros_like(centers)
        np.add.at(sums, labels, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        sums[empty] = x[rng.choice(len(x), int(empty.sum()), replace=False)]
        norms[empty] = 1.0
        centers = sums / norms
    return labels


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--vocab", type=int, default=60000)
    ap.add_argument("--contexts", type=int, default=1000)
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--ks", default="32,128,512,2048")
    ap.add_argument("--limit", type=int, default=None, help="articles (for a quick run)")
    args = ap.parse_args()
    t0 = time.time()
    path = SHARED / "corpora" / "saudinewsnet.jsonl.gz"

    # Map every token to a provisional id as we go (keeps memory low: no token strings kept).
    type_id: dict[str, int] = {}
    raw = array("i")
    for toks in corpus_tokens(path, args.limit):
        raw.extend(type_id.setdefault(t, len(type_id)) for t in toks)
        raw.append(-1)  # document boundary
    raw_ids = np.frombuffer(raw, dtype=np.int32).astype(np.int64)
    del raw
    freq = np.bincount(raw_ids[raw_ids >= 0], minlength=len(type_id))
    print(f"{int(freq.sum()):,} tokens, {len(type_id):,} types ({time.time() - t0:.0f}s)")
    order = np.argsort(-freq, kind="stable")[:args.vocab]
    types = np.empty(len(type_id), dtype=object)
    for w, i in type_id.items():
        types[i] = w
    vocab = list(types[order])
    V, C = len(vocab), args.contexts
    remap = np.full(len(type_id) + 1, V + 1, dtype=np.int64)  # last slot: boundary (-1)
    remap[order] = np.arange(V)
    ids = remap[raw_ids]
    del raw_ids, types, type_id
    print(f"ids built ({time.time() - t0:.0f}s)")

    cooc = np.zeros((V, C * len(OFFSETS)), dtype=np.float32)
    for k, off in enumerate(OFFSETS):
        if off > 0:
            w, c = ids[:-off], ids[off:]
        else:
            w, c = ids[-off:], ids[:off]
        keep = (w < V) & (c < C)
        codes = w[keep] * C + c[keep]
        cooc[:, k * C:(k + 1) * C] = np.bincount(codes, minlength=V * C).reshape(V, C)
    del ids
    print(f"co-occurrences counted ({time.time() - t0:.0f}s)")

    total = cooc.sum()
    pw = cooc.sum(1, keepdims=True) / total
    pc = cooc.sum(0, keepdims=True) ** 0.75
    pc /= pc.sum()
    with np.errstate(divide="ignore"):
        np.divide(cooc, total, out=cooc)
        np.divide(cooc, pw + 1e-12, out=cooc)
        np.divide(cooc, pc + 1e-12, out=cooc)
        np.log(cooc, out=cooc)
    np.maximum(cooc, 0, out=cooc)
    print(f"PPMI ({time.time() - t0:.0f}s)")

    rng = np.random.default_rng(0)
    omega = rng.standard_normal((cooc.shape[1], args.dim + 20)).astype(np.float32)
    y = cooc @ omega
    for _ in range(2):  # power iterations sharpen the spectrum
        q, _ = np.linalg.qr(y)
        y = cooc @ (cooc.T @ q)
    q, _ = np.linalg.qr(y)
    b = q.T @ cooc
    ub, s, _ = np.linalg.svd(b, full_matrices=False)
    vec = (q @ ub[:, :args.dim]) * np.sqrt(s[:args.dim])
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9
    del cooc
    print(f"SVD ({time.time() - t0:.0f}s)")
    np.savez_compressed("/tmp/rasd_ner_vectors.npz", vec=vec.astype(np.float32), vocab=np.array(vocab))

    ks = [int(k) for k in args.ks.split(",")]
    labels = []
    for k in ks:
        labels.append(kmeans(vec, k, 12, rng))
        print(f"k-means {k} ({time.time() - t0:.0f}s)")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("# word\t" + "\t".join(f"k{k}" for k in ks) + "\n")
        for i, w in enumerate(vocab):
            if "\t" in w or "\n" in w:
                continue
            f.write(w + "\t" + "\t".join(str(int(lab[i])) for lab in labels) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.1f} MB, {time.time() - t0:.0f}s)")


if __name__ == "__main__":
    main()
