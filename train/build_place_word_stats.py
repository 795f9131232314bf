"""Build rasd/resources/data/gazetteer/place_word_stats.tsv: which place names are also common words.

A place name that is a very frequent word in news ("الاحد", "السوق", "النصر") or a person's name
("عمر", "سلمان") would flood the output if every occurrence were taken as a place. This script
counts, in ../shared/corpora/saudinewsnet.jsonl.gz, how often each gazetteer name occurs as a whole
word (also behind the clitics و ف ب ل ك), and flags names found in the ANERcorp person gazetteer.
The gazetteer loader then makes such names trigger-only unless the place is major (see
rasd/places/gazetteer.py `_trigger_only`).

    python train/build_place_word_stats.py [--limit N]

Output columns: name  per_million  person   (only names at or above MIN_PER_MILLION, or persons).
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import Counter
from pathlib import Path

import orjson
import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rasd.places.gazetteer import Gazetteer  # noqa: E402
from rasd.text.normalize import normalize  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "saudinewsnet.jsonl.gz"
PERSONS = SHARED / "data" / "anercorp" / "ANERGazet_Pers.txt"
OUT = ROOT / "rasd" / "resources" / "data" / "gazetteer" / "place_word_stats.tsv"
MIN_PER_MILLION = 3.0
_WORD = regex.compile(r"\p{L}+")
_PREFIXES = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="read only the first N articles")
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 1
    gaz = Gazetteer.load(apply_word_stats=False)
    keys = set(gaz.keys)
    multi = {k for k in keys if " " in k}
    first_words = {k.split(" ")[0] for k in multi}
    unigrams: Counter[str] = Counter()
    multi_counts: Counter[str] = Counter()
    total = 0
    with gzip.open(CORPUS, "rb") as f:
        for i, line in enumerate(f):
            if args.limit and i >= args.limit:
                break
            rec = orjson.loads(line)
            words = _WORD.findall(normalize((rec.get("title") or "") + " " + (rec.get("text") or "")).text)
            total += len(words)
            unigrams.update(words)
            for j, w in enumerate(words[:-1]):
                if w in first_words:
                    two = w + " " + words[j + 1]
                    if two in multi:
                        multi_counts[two] += 1
    persons = set()
    if PERSONS.exists():
        for line in PERSONS.read_text(encoding="utf-8", errors="ignore").split("\n"):
            w = normalize(line.strip()).text
            if w and not w.startswith(("=", "*")):
                persons.add(w)
    rows = []
    for k in sorted(keys):
        if " " in k:
            n = multi_counts[k]
        else:
            n = sum(unigrams[p + k] for p in _PREFIXES)
            if k.startswith("ال"):
                n += sum(unigrams[p + "ل" + k[2:]] for p in ("", "و", "ف"))
        pm = n * 1e6 / max(total, 1)
        person = k in persons
        if pm >= MIN_PER_MILLION or person:
            rows.append(f"{k}\t{pm:.1f}\t{int(person)}\n")
    OUT.write_text("name\tper_million\tperson\n" + "".join(rows), encoding="utf-8")
    print(f"{total} words read; {len(rows)} names written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
