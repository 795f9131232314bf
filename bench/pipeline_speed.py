"""Speed and memory of the full default pipeline through the real CLI path (`rasd extract`).

Runs `python -m rasd extract CORPUS --limit N --workers W -o tmp.jsonl --rss-log tmp` for each W
and prints, per W: articles/second over the wall time (start-up included), articles per CPU
second of all its processes (what 2 free cores would give: x2 for workers=2, whatever else the
machine is running) and the RSS curve of every worker (MB at every --rss-every articles: flat
means no leak and bounded caches).

    python bench/pipeline_speed.py [-n 3000] [--workers 1 2] [--rss-every 500] [--stage-times 300]
    python bench/pipeline_speed.py --curve rss.jsonl     # print the curve of an earlier --rss-log run
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet.jsonl.gz"


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(corpus: Path, n: int, workers: int, rss_every: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out, log = Path(tmp) / "out.jsonl", Path(tmp) / "rss.jsonl"
        cmd = [sys.executable, "-m", "rasd", "extract", str(corpus), "--limit", str(n), "--workers", str(workers),
               "-o", str(out), "--quiet", "--rss-log", str(log), "--rss-every", str(rss_every)]
        cpu0, t0 = children_cpu(), time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stderr=subprocess.PIPE)
        wall, cpu = time.perf_counter() - t0, children_cpu() - cpu0
        if proc.returncode not in (0, 2):
            sys.exit(proc.stderr.decode()[-2000:])
        lines = sum(1 for _ in open(out, "rb"))
        return {"articles": lines, "wall": wall, "cpu": cpu, "curve": read_curve(log)}


def read_curve(path: Path) -> dict[int, list[dict]]:
    curve: dict[int, list[dict]] = defaultdict(list)
    for line in Path(path).read_bytes().splitlines():
        if line.strip():
            row = orjson.loads(line)
            curve[row["worker"]].append(row)
    return dict(sorted(curve.items()))


def print_curve(curve: dict[int, list[dict]]) -> None:
    for worker, rows in curve.items():
        points = "  ".join(f"{r['articles']}:{r['rss_mb']:.0f}" for r in rows)
        pss = [r.get("pss_mb") for r in rows if r.get("pss_mb") is not None]
        extra = f"  (PSS {pss[0]:.0f} -> {pss[-1]:.0f} MB)" if pss else ""
        print(f"  worker {worker} RSS MB at articles  {points}{extra}")
        if len(rows) >= 3:
            first, last = rows[len(rows) // 2], rows[-1]  # the second half: caches warm up in the first
            grow = (last["rss_mb"] - first["rss_mb"]) / max(1, last["articles"] - first["articles"]) * 1000
            print(f"  worker {worker} growth from {first['articles']} to {last['articles']} articles: "
                  f"{grow:+.1f} MB per 1000 articles")


def stage_times(corpus: Path, n: int) -> None:
    """CPU ms per article of each stage, in this process (where the time goes)."""
    import gzip

    sys.path.insert(0, str(ROOT))
    from rasd.batch import build_pipeline
    from rasd.doc import Doc
    from rasd.model import Article

    pipeline = build_pipeline()
    spent = defaultdict(float)
    with gzip.open(corpus, "rb") as fh:
        articles = [Article(id=str(i), text=orjson.loads(line)["text"]) for i, line in zip(range(n), fh)]
    for a in articles:
        t0 = time.process_time()
        doc = Doc(a)
        t1 = time.process_time()
        spent["doc (text layer)"] += t1 - t0
        for stage in pipeline.stages:
            doc = stage(doc)
            t2 = time.process_time()
            spent[stage.name] += t2 - t1
            t1 = t2
        doc.to_record()
        spent["to_record"] += time.process_time() - t1
    total = sum(spent.values())
    print(f"CPU ms per article by stage ({len(articles)} articles, one process): total {total / len(articles) * 1000:.1f}")
    for name, t in spent.items():
        print(f"  {name:20s} {t / len(articles) * 1000:7.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("-n", type=int, default=3000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--rss-every", type=int, default=500)
    ap.add_argument("--curve", type=Path, help="only print the RSS curve of this --rss-log file")
    ap.add_argument("--stage-times", type=int, default=300, metavar="N",
                    help="also print CPU ms per article of each stage over N articles (0: no)")
    args = ap.parse_args()
    if args.curve:
        print_curve(read_curve(args.curve))
        return
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus} (give --corpus)")
    print(f"corpus {args.corpus.name}, {args.n} articles; wall time includes start-up (imports, resources); "
          f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for w in args.workers:
        r = run(args.corpus, args.n, w, args.rss_every)
        print(f"workers={w}  articles={r['articles']:6d}  {r['articles'] / r['wall']:7.1f} articles/s (wall {r['wall']:.1f} s)"
              f"  {r['articles'] / r['cpu']:7.1f} articles per CPU second (CPU {r['cpu']:.1f} s)")
        print_curve(r["curve"])
    if args.stage_times:
        stage_times(args.corpus, args.stage_times)


if __name__ == "__main__":
    main()
