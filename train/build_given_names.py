"""Build rasd/resources/data/quotes/given_names.txt from ../shared/data/anercorp.

Given names = first words of multi-word person names in ANERcorp (B-PERS followed by I-PERS) and in
the ANERcorp person gazetteer, kept when the word is mostly a name in the corpus (not a common word).
The quotes stage uses them to tell where a speaker's name starts after a role (الرئيس النيجيري | محمد …).

    PYTHONPATH=. python train/build_given_names.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rasd.text.normalize import normalize_word  # noqa: E402

SRC = ROOT.parent / "shared" / "data" / "anercorp"
OUT = ROOT / "rasd" / "resources" / "data" / "quotes" / "given_names.txt"


def main() -> None:
    if not SRC.is_dir():
        sys.exit(f"{SRC} is absent")
    first, total = Counter(), Counter()
    cur: list[str] = []
    names: list[list[str]] = []
    for line in (SRC / "ANERCorp.txt").open(encoding="utf-8"):
        p = line.split()
        if len(p) < 2:
            continue
        tok, tag = normalize_word(p[0]), p[-1]
        total[tok] += 1
        if tag == "B-PERS":
            if cur:
                names.append(cur)
            cur = [tok]
        elif tag == "I-PERS" and cur:
            cur.append(tok)
        else:
            if cur:
                names.append(cur)
            cur = []
    for n in names:
        if len(n) >= 2:
            first[n[0]] += 1
    for line in (SRC / "ANERGazet_Pers.txt").open(encoding="utf-8"):
        words = normalize_word(line.strip()).split()
        if len(words) >= 2 and not line.startswith("="):
            first[words[0]] += 1
    keep = set()
    for w, c in first.items():
        w = w[1:] if w[:1] == "و" and w[1:] in first else w
        if len(w) < 2 or w.startswith("ال"):
            continue
        if total[w] and first[w] / total[w] < 0.4:
            continue  # a common word that sometimes opens a name
        keep.add(w)
    OUT.write_text("# Given names (first words of person names), built by train/build_given_names.py from ANERcorp.\n"
                   + "\n".join(sorted(keep)) + "\n", encoding="utf-8")
    print(f"{len(keep)} given names -> {OUT}")


if __name__ == "__main__":
    main()
