"""Accuracy on the gold dev articles: runs the default pipeline and prints what `rasd eval` prints.

Usage: python bench/eval_dev.py [--json] [--per-article] [GOLD_DIR]   (default ../shared/gold/dev)
"""

from __future__ import annotations

import sys
from pathlib import Path

from rasd.eval.report import format_json, format_text
from rasd.eval.score import evaluate

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "dev"


def main(argv: list[str]) -> int:
    flags = {a for a in argv if a.startswith("--")}
    paths = [a for a in argv if not a.startswith("--")]
    gold_dir = Path(paths[0]) if paths else DEFAULT
    if not gold_dir.is_dir():
        print(f"no gold folder at {gold_dir} (../shared is absent): nothing to measure")
        return 0
    result = evaluate(gold_dir)
    if "--json" in flags:
        sys.stdout.buffer.write(format_json(result, "--per-article" in flags) + b"\n")
    else:
        print(format_text(result, "--per-article" in flags))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
