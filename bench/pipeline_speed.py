"""Speed and memory of the full default pipeline through the real CLI path (`rasd extract`).

Runs `python -m rasd extract CORPUS --limit N --workers W -o tmp.jsonl` for each W and prints
articles/second and the peak RSS of the largest process (ru_maxrss of the children). Memory must
stay flat: compare the peak RSS at two sizes (--sizes 1000 30000).

    python bench/pipeline_speed.py [-n 3000] [--workers 1 2] [--sizes 500 3000]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet.jsonl.gz"


def run(corpus: Path, n: int, workers: int) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        cmd = [sys.executable, "-m", "rasd", "extract", str(corpus), "--limit", str(n), "--workers", str(workers),
               "-o", str(out), "--quiet"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stderr=subprocess.PIPE)
        dt = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if proc.returncode not in (0, 2):
            sys.exit(proc.stderr.decode()[-2000:])
        lines = sum(1 for _ in open(out, "rb"))
        return dt, max(peak, before) / 1024, lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("-n", type=int, default=3000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--sizes", type=int, nargs="*", default=[], help="also run workers=1 at these sizes (memory flatness)")
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus} (give --corpus)")
    print(f"corpus {args.corpus.name}; wall time includes start-up (imports, resources)")
    for w in args.workers:
        dt, rss, lines = run(args.corpus, args.n, w)
        print(f"workers={w}  articles={lines:6d}  {lines / dt:7.1f} articles/s  {dt:6.1f} s  peak RSS {rss:6.0f} MB")
    for n in args.sizes:  # ru_maxrss of children is a running maximum: run sizes in increasing order
        dt, rss, lines = run(args.corpus, n, 1)
        print(f"memory   articles={lines:6d}  {lines / dt:7.1f} articles/s  peak RSS so far {rss:6.0f} MB")


if __name__ == "__main__":
    main()
