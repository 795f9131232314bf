"""Speed of the dates stage on the gold dev articles (or a built-in snippet when ../shared is absent)."""

from __future__ import annotations

import time
from pathlib import Path

from rasd.doc import Doc
from rasd.eval.gold import load_gold
from rasd.model import Article
from rasd.stages.dates import DatesStage

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "dev"


def main() -> None:
    if GOLD.is_dir():
        articles = [g.article() for g in load_gold(GOLD)]
    else:
        articles = [Article(id="x", text="قصفت الطائرات أمس الخميس بلدة في الريف، وقتل ثلاثة. " * 40)]
    docs = [Doc(a) for a in articles]
    stage = DatesStage()
    for d in docs:
        stage(d)  # warm up (pattern compile)
    rounds = 50
    t0 = time.perf_counter()
    for _ in range(rounds):
        for d in docs:
            stage(d)
    dt = (time.perf_counter() - t0) / (rounds * len(docs))
    chars = sum(len(d.text) for d in docs) / len(docs)
    n = sum(len(d.user["dates"]) for d in docs)
    print(f"dates stage: {dt * 1000:.3f} ms/article (avg {chars:.0f} chars, {len(docs)} articles, {n} date mentions)")


if __name__ == "__main__":
    main()
