"""NER bench: ANERcorp test P/R/F1, entities-stage speed, dev-gold entity P/R/F1.

    PYTHONPATH=. python bench/ner.py [--articles 200]
    PYTHONPATH=. python bench/ner.py --stream 5000:7000 [--profile]   # cold stream only

1. ANERcorp (standard CAMeL split, test = sentences after the first 5/6 of the words):
   exact-span entity P/R/F1 per type and micro, conlleval style, on the corpus tokens.
2. Milliseconds per article of the entities stage over SaudiNewsNet articles (one core).
3. Dev gold (../shared/gold/dev): per article, unique (normalised surface, type) predicted vs gold,
   as GUIDE.md scores entities; PER / ORG / LOC / FAC and micro.
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rasd.doc import Doc  # noqa: E402
from rasd.eval.gold import load_gold  # noqa: E402
from rasd.model import Article  # noqa: E402
from rasd.ner.corpus import (anercorp_split, conll_score, format_scores, pieces_to_tokens,  # noqa: E402
                             retokenize, score_sets)
from rasd.ner.crf import default_crf_tagger as default_tagger  # noqa: E402
from rasd.pipeline import DEFAULT_STAGES, make_stage  # noqa: E402
from rasd.stages.entities import EntitiesStage  # noqa: E402
from rasd.text.normalize import normalize  # noqa: E402

SHARED = ROOT.parent / "shared"
DEV_TYPES = ["PER", "ORG", "LOC", "FAC"]


def norm_form(s: str) -> str:
    return " ".join(normalize(s).text.split())


def bench_anercorp() -> None:
    _, test = anercorp_split(SHARED / "data" / "anercorp" / "ANERCorp.txt")
    tagger = default_tagger()
    gold, pred = [], []
    for sent in test:
        ts = retokenize(sent)
        gold.append(ts.gold)
        pred.append(pieces_to_tokens(ts, tagger.tag(ts.words)))
    print(f"== ANERcorp test ({len(test)} sentences, {sum(map(len, test))} tokens), exact span")
    print(format_scores(conll_score(gold, pred, ["PER", "LOC", "ORG", "MISC"])))


def bench_speed(n_articles: int) -> None:
    stage = EntitiesStage()
    docs = []
    with gzip.open(SHARED / "corpora" / "saudinewsnet.jsonl.gz", "rb") as f:
        for i, line in enumerate(f):
            if len(docs) >= n_articles:
                break
            if i % 50:  # spread the sample over the file
                continue
            rec = orjson.loads(line)
            docs.append(Doc(Article(id=rec["id"], text=rec["text"] or " ")))
    words = sum(len(d.tok) for d in docs)
    # Cold pass (caches filling), then a timed warm pass on fresh docs, as in a long run.
    t0, c0 = time.perf_counter(), time.process_time()
    for d in docs:
        stage(d)
    cold, cold_cpu = time.perf_counter() - t0, time.process_time() - c0
    docs = [Doc(d.article) for d in docs]
    t0, c0 = time.perf_counter(), time.process_time()
    for d in docs:
        stage(d)
    warm, cpu = time.perf_counter() - t0, time.process_time() - c0
    ents = sum(len(d.entities) for d in docs)
    print(f"== speed: {len(docs)} SaudiNewsNet articles, {words / len(docs):.0f} tokens/article, "
          f"{ents / len(docs):.1f} entities/article")
    print(f"entities stage: {1000 * cold / len(docs):.2f} ms/article first pass "
          f"({1000 * cold_cpu / len(docs):.2f} ms CPU; per-word caches filling), "
          f"{1000 * warm / len(docs):.2f} ms/article warm ({1000 * cpu / len(docs):.2f} ms CPU; wall time "
          f"includes waiting for a busy machine)")


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def bench_stream(start: int, end: int, profile: bool) -> None:
    """CPU ms/article of the entities stage over a stream of unseen articles, each processed once
    (the stages before it run first, untimed): what a real run pays, cold per-word caches included."""
    stage = EntitiesStage()
    before = [make_stage(n) for n in DEFAULT_STAGES[:DEFAULT_STAGES.index("entities")]]
    spent, n_docs, tokens, rss = 0.0, 0, 0, []
    prof = None
    if profile:
        import cProfile
        prof = cProfile.Profile()
    with gzip.open(SHARED / "corpora" / "saudinewsnet.jsonl.gz", "rb") as f:
        for i, line in enumerate(f):
            if i < start:
                continue
            if i >= end:
                break
            rec = orjson.loads(line)
            doc = Doc(Article(id=str(rec["id"]), text=rec["text"] or " "))
            for s in before:
                doc = s(doc)
            c0 = time.process_time()
            if prof:
                prof.enable()
            stage(doc)
            if prof:
                prof.disable()
            spent += time.process_time() - c0
            n_docs += 1
            tokens += len(doc.tok)
            if n_docs % 500 == 0:
                rss.append((n_docs, rss_mb()))
    print(f"== cold stream: SaudiNewsNet articles {start}..{end} ({n_docs}, {tokens / n_docs:.0f} tokens/article), "
          f"each once, fresh process")
    print(f"entities stage: {1000 * spent / n_docs:.2f} ms CPU/article")
    print("RSS MB at articles  " + "  ".join(f"{k}:{v:.0f}" for k, v in rss))
    if len(rss) >= 2:
        (a, ra), (b, rb) = rss[len(rss) // 2 - 1] if len(rss) > 2 else rss[0], rss[-1]
        print(f"RSS growth {a}..{b}: {(rb - ra) / (b - a) * 1000:+.1f} MB per 1000 articles (all stages)")
    if prof:
        import pstats
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)


def bench_dev() -> None:
    gold_dir = SHARED / "gold" / "dev"
    stage = EntitiesStage()
    before = [make_stage(n) for n in DEFAULT_STAGES[:DEFAULT_STAGES.index("entities")]]
    pairs = []
    for g in load_gold(gold_dir):
        doc = Doc(g.article())
        for s in before:  # the stage reads the places stage's mentions
            doc = s(doc)
        doc = stage(doc)
        pred = {(norm_form(e.text), e.type) for e in doc.entities if e.type in DEV_TYPES}
        gold = {(norm_form(s), t) for t, forms in g.raw.get("entities", {}).items() for s in forms}
        pairs.append((gold, pred))
    print(f"== dev gold entities ({len(pairs)} articles; unique normalised surface + type per article)")
    print(format_scores(score_sets(pairs, DEV_TYPES)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--stream", metavar="START:END", help="only the cold-stream speed over these articles")
    ap.add_argument("--profile", action="store_true", help="with --stream: cProfile of the stage")
    args = ap.parse_args()
    if not SHARED.is_dir():
        print("../shared is absent: nothing to measure")
        return
    if args.stream:
        a, b = map(int, args.stream.split(":"))
        bench_stream(a, b, args.profile)
        return
    t0 = time.perf_counter()
    default_tagger()
    print(f"model load: {1000 * (time.perf_counter() - t0):.0f} ms")
    bench_anercorp()
    bench_speed(args.articles)
    bench_dev()


if __name__ == "__main__":
    main()
