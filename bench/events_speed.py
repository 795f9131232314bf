"""Speed of the events stage over ../shared/corpora (upstream stages run first, not timed apart).

  python bench/events_speed.py [N]
"""

from __future__ import annotations

import gzip
import itertools
import sys
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rasd.model import Article  # noqa: E402
from rasd.pipeline import Pipeline  # noqa: E402
from rasd.stages.events import StandaloneEventsStage  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "saudinewsnet.jsonl.gz"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    if not CORPUS.exists():
        print("no corpus at", CORPUS)
        return
    with gzip.open(CORPUS) as f:
        arts = [Article(id=str(i), text=d.get("text") or "", title=d.get("title") or "")
                for i, d in enumerate(orjson.loads(line) for line in itertools.islice(f, n))]
    names = Pipeline.default().names
    names = names[:names.index("events")]   # the stages before events (later ones may need its output)
    up = Pipeline.default(names)
    docs = [up.process_doc(up.make_doc(a)) for a in arts]
    stage = StandaloneEventsStage()
    stage(docs[0])
    t = time.perf_counter()
    events = sum(len(stage(d).events) for d in docs)
    dt = time.perf_counter() - t
    print(f"events stage: {len(docs)} articles, {events} events, {dt * 1000 / len(docs):.2f} ms/article "
          f"({len(docs) / dt:.0f} articles/s, 1 core; upstream: {names})")


if __name__ == "__main__":
    main()
