"""Self-trained type priors: how often the current CRF tags each word as PER / LOC / ORG / MISC
across the unlabelled SaudiNewsNet corpus.

A word that the tagger marks as a person in most of its (many) contexts is probably a person's
name wherever it appears; the next CRF gets that prior as a feature ("ag=PER:h"). Writes
rasd/resources/models/ner_autogaz.tsv.gz (word, type, strength) for words seen >= --min-count times.

    nice python train/build_auto_gazetteer.py [--articles 15000]
"""

from __future__ import annotations

import argparse
import gzip
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import orjson

from rasd.doc import Doc
from rasd.model import Article
from rasd.ner.corpus import chunks
from rasd.ner.crf import CrfTagger
from rasd.ner.features import AUTO_GAZETTEER, word_key

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=15000)
    ap.add_argument("--min-count", type=int, default=3)
    args = ap.parse_args()
    t0 = time.time()
    tagger = CrfTagger()
    total: Counter = Counter()
    typed: dict[str, Counter] = defaultdict(Counter)
    with gzip.open(SHARED / "corpora" / "saudinewsnet.jsonl.gz", "rb") as f:
        for n, line in enumerate(f):
            if n >= args.articles:
                break
            rec = orjson.loads(line)
            doc = Doc(Article(id=rec["id"], text=rec.get("text") or " "))
            tok = doc.tok
            if not len(tok):
                continue
            words = [word_key(doc.norm.text[a:b]) for a, b in zip(tok.nstart.tolist(), tok.nend.tolist())]
            total.update(words)
            bounds = np.searchsorted(tok.start, doc.sent_starts, "left").tolist() + [len(words)]
            ranges = [(a, b) for a, b in zip(bounds[:-1], bounds[1:]) if b > a]
            for (a, _), tags in zip(ranges, tagger.tag_sentences([words[a:b] for a, b in ranges])):
                for s, e, t in chunks(tags):
                    for i in range(a + s, a + e):
                        typed[words[i]][t] += 1
            if n % 2000 == 0:
                print(f"{n} articles ({time.time() - t0:.0f}s)")
    rows = []
    for w, c in typed.items():
        tot = total[w]
        if tot < args.min_count or not w.isalpha():
            continue
        for t, k in c.items():
            ratio = k / tot
            if ratio >= 0.3:
                rows.append((w, t, "h" if ratio >= 0.8 else "m" if ratio >= 0.5 else "l"))
    with gzip.open(AUTO_GAZETTEER, "wt", encoding="utf-8", compresslevel=9) as f:
        for r in sorted(rows):
            f.write("\t".join(r) + "\n")
    print(f"wrote {len(rows)} rows to {AUTO_GAZETTEER} ({AUTO_GAZETTEER.stat().st_size / 1e6:.2f} MB, "
          f"{time.time() - t0:.0f}s)")


if __name__ == "__main__":
    main()
