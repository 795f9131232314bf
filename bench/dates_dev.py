"""How well the dates parser resolves the date expressions gold events are anchored on.

For each gold event whose date gives both `anchor` (the wording) and `value`, look for a date
mention overlapping the anchor's wording in the article and compare its value with gold.
Prints: anchors found / resolved correctly, and the misses.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rasd.eval.gold import load_gold
from rasd.text.dates import find_dates
from rasd.text.normalize import normalize, normalize_word

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "dev"


def main() -> None:
    if not GOLD.is_dir():
        print("../shared/gold/dev is absent: nothing to measure")
        return
    seen = found = right = 0
    misses = []
    for g in load_gold(GOLD):
        art = g.article()
        norm = normalize(art.text)
        mentions = find_dates(norm, art.published)
        for ev in g.get("events") or []:
            d = ev.get("date") or {}
            anchor, value = d.get("anchor"), d.get("value")
            if not anchor or not value:
                continue
            seen += 1
            want = date.fromisoformat(value)
            a = normalize_word(anchor.split("/")[0].strip())
            hits = [m for m in mentions if a and (normalize_word(m.text) in a or a in normalize_word(m.text))]
            if hits:
                found += 1
                if any(m.value == want for m in hits):
                    right += 1
                else:
                    misses.append((g.id, ev.get("key"), anchor, value, [(m.text, str(m.value)) for m in hits]))
            else:
                misses.append((g.id, ev.get("key"), anchor, value, "not found"))
    print(f"gold date anchors with a value: {seen}; found {found}; resolved to the gold day {right} "
          f"({right / seen:.0%})" if seen else "no anchored dates")
    for m in misses:
        print("  miss:", *m)


if __name__ == "__main__":
    main()
