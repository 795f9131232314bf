"""Build rasd/resources/data/gazetteer/place_word_stats.tsv.gz: word frequencies that tell which place
names are also common words.

A place name that is a very frequent word in news ("الاحد", "السوق", "النصر") or a person's name
("عمر", "سلمان") would flood the output if every occurrence were taken as a place. This script
counts words in ../shared/corpora/saudinewsnet.jsonl.gz (normalised; clitic-prefixed forms are counted
as their own words, the loader adds them up for each name), the two- and three-word sequences that are
names of the gazetteer, and flags words of the ANERcorp person gazetteer. The file does not depend on
the curated rows: names added later get their figures from the unigram counts.
The gazetteer loader turns the figures into name levels (rasd/places/gazetteer.py `_word_level`).

    python train/build_place_word_stats.py [--limit N] [--data-dir DIR]

A name often written right after a trigger noun (مدينة، بلدة، محافظة، مديرية…) is a place name even
when it is frequent (news places are frequent); `after_trigger` is that share of its bare occurrences.

`after_locative` is the share of a word's occurrences written after a locative preposition
(في، من، إلى، نحو…) or with a ب- proclitic (بالرياض، وبحلب): a foreign city that no trigger noun
introduces (باريس، لندن) is still written where a place is expected, a word (كيف، هوية) is not.

Output columns: name  per_million  after_trigger  person  after_locative   (words at or above MIN_PER_MILLION, names of 2-3 words
with any count, and person names).
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
from rasd.places.recognize import TRIGGERS  # noqa: E402
from rasd.text.normalize import normalize  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "saudinewsnet.jsonl.gz"
PERSONS = SHARED / "data" / "anercorp" / "ANERGazet_Pers.txt"
OUT = ROOT / "rasd" / "resources" / "data" / "gazetteer" / "place_word_stats.tsv.gz"
MIN_PER_MILLION = 2.0
LOCATIVES = frozenset("في من الي نحو داخل عند باتجاه اتجاه تجاه حتي".split())  # normalised (إلى -> الي)
_WORD = regex.compile(r"\p{L}+")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="read only the first N articles")
    ap.add_argument("--data-dir", default=None, help="admin1.tsv / curated_*.tsv directory (default: package)")
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 1
    gaz = Gazetteer.load(data_dir=Path(args.data_dir) if args.data_dir else None, apply_word_stats=False)
    multi = {k for k in gaz.keys if " " in k and k.count(" ") <= 2}
    first_words = {k.split(" ")[0] for k in multi}
    unigrams: Counter[str] = Counter()
    multi_counts: Counter[str] = Counter()
    after_trigger: Counter[str] = Counter()
    after_loc: Counter[str] = Counter()
    b_forms: Counter[str] = Counter()  # X -> occurrences of بX / وبX / فبX
    # Triggers that announce a place name (not "مركز الشرطة", "قاعدة البيانات").
    triggers = set(TRIGGERS) - {"المدينه", "مركز", "قاعده", "حقل", "ساحه", "شارع", "سد"}
    total = 0
    with gzip.open(CORPUS, "rb") as f:
        for i, line in enumerate(f):
            if args.limit and i >= args.limit:
                break
            rec = orjson.loads(line)
            words = _WORD.findall(normalize((rec.get("title") or "") + " " + (rec.get("text") or "")).text)
            total += len(words)
            unigrams.update(words)
            prev = ""
            for w in words:
                if prev in LOCATIVES:
                    after_loc[w] += 1
                if w[:1] == "ب" and len(w) > 3:
                    b_forms[w[1:]] += 1
                elif w[:2] in ("وب", "فب") and len(w) > 4:
                    b_forms[w[2:]] += 1
                prev = w
            for j, w in enumerate(words[:-1]):
                if w in triggers:
                    after_trigger[words[j + 1]] += 1
                    if j + 2 < len(words):
                        two = words[j + 1] + " " + words[j + 2]
                        if two in multi:
                            after_trigger[two] += 1
                if w in first_words:
                    two = w + " " + words[j + 1]
                    if two in multi:
                        multi_counts[two] += 1
                    if j + 2 < len(words):
                        three = two + " " + words[j + 2]
                        if three in multi:
                            multi_counts[three] += 1
    persons = set()
    if PERSONS.exists():
        for line in PERSONS.read_text(encoding="utf-8", errors="ignore").split("\n"):
            w = normalize(line.strip()).text
            if w and not w.startswith(("=", "*")) and " " not in w:
                persons.add(w)
    scale = 1e6 / max(total, 1)
    rows = {}
    for w, n in unigrams.items():
        if n * scale >= MIN_PER_MILLION:
            rows[w] = n * scale
    for w, n in multi_counts.items():
        rows[w] = n * scale
    for w in persons:
        rows.setdefault(w, unigrams[w] * scale)
    lines = []
    for w, pm in sorted(rows.items()):
        n = multi_counts[w] if " " in w else unigrams[w]
        share = after_trigger[w] / n if n else 0.0
        loc = (after_loc[w] + b_forms[w]) / (n + b_forms[w]) if " " not in w and n + b_forms[w] else 0.0
        lines.append(f"{w}\t{pm:.1f}\t{share:.3f}\t{int(w in persons)}\t{loc:.3f}\n")
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("name\tper_million\tafter_trigger\tperson\tafter_locative\n" + "".join(lines))
    print(f"{total} words read; {len(lines)} rows written to {OUT} ({OUT.stat().st_size / 1e3:.0f} kB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
