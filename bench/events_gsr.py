"""Event detection beyond the dev articles, on ../shared/data/arabic_event_gsr (PLOVER-annotated
Arabic news sentences, ASSAULT and PROTEST). Each sentence goes through the full default pipeline as
a tiny article with a fixed publication date.

Prints, per file and label, the share of sentences where rasd codes an event of the matching ACLED
family (recall on "yes", false-positive rate on "easy no" / "difficult no"), a confusion of the
sub-event types predicted, and, on the spans files (accepted events with source/target actor spans),
how often our actor1/actor2 mentions overlap the annotated source/target.

  --limit N     first N sentences of each file (quick runs)
  --show K      print K missed "yes" sentences and K false positives on "easy no" per file
  --seed S      which misses to show (random sample)

Reads ../shared only at run time; nothing of it is copied into the repository.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rasd.model import Article  # noqa: E402
from rasd.pipeline import Pipeline  # noqa: E402
from rasd.text.normalize import normalize_word  # noqa: E402

GSR = Path(__file__).resolve().parents[2] / "shared" / "data" / "arabic_event_gsr"
PUBLISHED = date(2008, 6, 15)
FAMILIES = {
    "ASSAULT": {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"},
    "PROTEST": {"Protests", "Riots"},
}
LABELS = ("yes", "ambiguous", "difficult no", "easy no")


def run_sentence(pipe: Pipeline, sid: str, text: str):
    return pipe.process(Article(id=sid, text=text, published=PUBLISHED))


def matching(rec, etype: str) -> list:
    return [e for e in rec.events if e.event_type in FAMILIES[etype]]


def detection(pipe: Pipeline, name: str, limit: int | None, show: int, rng: random.Random) -> None:
    rows = list(csv.DictReader((GSR / name).open(encoding="utf-8")))[:limit]
    hit: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    subs: dict[str, Counter] = defaultdict(Counter)
    other_types: dict[str, Counter] = defaultdict(Counter)
    misses, fps = [], []
    t0 = time.perf_counter()
    for r in rows:
        rec = run_sentence(pipe, r["id"], r["text"])
        lab = r["label"]
        evs = matching(rec, r["event_type"])
        hit[lab][1] += 1
        if evs:
            hit[lab][0] += 1
        for e in rec.events:
            (subs if e in evs else other_types)[lab][e.sub_event_type] += 1
        if lab == "yes" and not evs:
            misses.append(r["text"])
        if lab == "easy no" and evs:
            fps.append((evs[0].sub_event_type, r["text"]))
    dt = time.perf_counter() - t0
    print(f"\n== {name}: {len(rows)} sentences ({dt:.1f} s, {len(rows) / dt:.0f} sent/s)")
    for lab in LABELS:
        if lab not in hit:
            continue
        k, n = hit[lab]
        what = "recall" if lab == "yes" else "FP rate" if lab.endswith("no") else "coded"
        print(f"  {lab:13s} {what:8s} {100 * k / n:5.1f}%  ({k}/{n})")
    for lab in LABELS:
        if subs.get(lab):
            print(f"  sub-event types on '{lab}': " + ", ".join(f"{s} {c}" for s, c in subs[lab].most_common()))
        if other_types.get(lab):
            print(f"    (other families on '{lab}': " + ", ".join(f"{s} {c}" for s, c in other_types[lab].most_common(6)) + ")")
    if show:
        print(f"  -- missed 'yes' ({min(show, len(misses))} of {len(misses)}):")
        for t in rng.sample(misses, min(show, len(misses))):
            print("    ", t[:220])
        print(f"  -- false positives on 'easy no' ({min(show, len(fps))} of {len(fps)}):")
        for s, t in rng.sample(fps, min(show, len(fps))):
            print(f"     [{s}]", t[:220])


def _word_spans(text: str, words: str) -> list[tuple[int, int]]:
    """Character spans of the annotated words (given as a bag of words) in the sentence."""
    out = []
    for w in words.split():
        i = text.find(w)
        if i >= 0:
            out.append((i, i + len(w)))
    return out


def _overlaps(actor_spans: list[tuple[int, int]], gold: list[tuple[int, int]]) -> bool:
    return any(a < ge and ga < b for a, b in actor_spans for ga, ge in gold)


def _mentions(rec, names: set[str]) -> list[tuple[int, int]]:
    out = []
    for a in rec.actors:
        if a.name in names:
            out += [(m.start, m.end) for m in a.mentions]
    return out


def roles(pipe: Pipeline, name: str, limit: int | None) -> None:
    items = orjson.loads((GSR / name).read_bytes())[:limit]
    etype = "ASSAULT" if name.startswith("assault") else "PROTEST"
    n = detected = 0
    src_n = src_ok = tgt_n = tgt_ok = swapped = 0
    for i, it in enumerate(items):
        text = it["text"]
        rec = run_sentence(pipe, f"span{i}", text)
        evs = matching(rec, etype)
        n += 1
        if not evs:
            continue
        detected += 1
        src = _word_spans(text, it.get("source_gold") or "")
        tgt = _word_spans(text, it.get("target_gold") or "")
        a1 = _mentions(rec, {x for e in evs for x in (e.actor1, e.assoc_actor_1) if x})
        a2 = _mentions(rec, {x for e in evs for x in (e.actor2, e.assoc_actor_2) if x})
        if src:
            src_n += 1
            src_ok += _overlaps(a1, src)
            swapped += _overlaps(a2, src) and not _overlaps(a1, src)
        if tgt:
            tgt_n += 1
            tgt_ok += _overlaps(a2, tgt)
    print(f"\n== {name}: {n} accepted events; rasd codes the family on {100 * detected / max(n, 1):.1f}% ({detected})")
    print(f"  source ~ actor1 mentions overlap  {100 * src_ok / max(src_n, 1):5.1f}%  ({src_ok}/{src_n}; "
          f"source found as actor2 instead: {swapped})")
    print(f"  target ~ actor2 mentions overlap  {100 * tgt_ok / max(tgt_n, 1):5.1f}%  ({tgt_ok}/{tgt_n})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--only", choices=["assault", "protest"], default=None)
    args = ap.parse_args()
    if not GSR.is_dir():
        print(f"skipped: {GSR} is absent")
        return
    normalize_word("")  # warm caches
    pipe = Pipeline.default()
    rng = random.Random(args.seed)
    for kind in ("assault", "protest"):
        if args.only and kind != args.only:
            continue
        detection(pipe, f"{kind}_gsr.csv", args.limit, args.show, rng)
        roles(pipe, f"{kind}_spans.json", args.limit)


if __name__ == "__main__":
    main()
