"""Throughput of the text layer (normalise + sentences + tokens, then + quantities) on real news,
and its ratio to a bare `re.finditer(r"\\w+|[^\\w\\s]", text)` tokenisation pass over the same text,
measured in the same run.

    python bench/text_layer.py [--corpus ../shared/corpora/saudinewsnet.jsonl.gz] [-n 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import gzip
import re
import sys
import time
from collections import deque
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rasd.text.normalize import normalize, tables  # noqa: E402
from rasd.text.quantities import find_quantities  # noqa: E402
from rasd.text.sentences import split_sentences  # noqa: E402
from rasd.text.tokens import tokenize  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "saudinewsnet.jsonl.gz"
BARE = re.compile(r"\w+|[^\w\s]")


def load(path: Path, n: int) -> list[str]:
    texts = []
    with gzip.open(path, "rb") as fh:
        for line in fh:
            if len(texts) >= n:
                break
            t = orjson.loads(line).get("text") or ""
            if t:
                texts.append(t)
    return texts


def bare(texts):
    for t in texts:
        deque(BARE.finditer(t), maxlen=0)


def layer(texts):
    for t in texts:
        n = normalize(t)
        split_sentences(n)
        tokenize(n)


def layer_q(texts):
    for t in texts:
        n = normalize(t)
        split_sentences(n)
        tokenize(n)
        find_quantities(n)


def best_of_interleaved(fns, texts, repeat):
    """Best CPU time of each fn; runs are interleaved so that load from other processes hits all
    alike (process CPU time, not wall time, for the same reason)."""
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            gc.collect()
            t0 = time.process_time()
            fn(texts)
            best[i] = min(best[i], time.process_time() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("-n", type=int, default=5000, help="articles to read")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (best is kept)")
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus} (give --corpus)")
    texts = load(args.corpus, args.n)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    tables()  # built once per process (cached); not part of the per-text cost
    layer(texts[:50])
    print(f"{len(texts)} articles, {mb:.1f} MB UTF-8, {sum(map(len, texts)) / 1e6:.1f} M chars; best CPU time of {args.repeat} interleaved runs")
    t_bare, t_layer, t_q = best_of_interleaved([bare, layer, layer_q], texts, args.repeat)
    for name, t in (("bare re.finditer tokens", t_bare), ("text layer (normalise+sentences+tokens)", t_layer),
                    ("text layer + quantities", t_q)):
        print(f"{name:42s} {mb / t:7.1f} MB/s {len(texts) / t:9.0f} articles/s")
    print(f"ratio text layer / bare pass:              {t_layer / t_bare:.2f}x")
    print(f"ratio text layer + quantities / bare pass: {t_q / t_bare:.2f}x")


if __name__ == "__main__":
    main()
