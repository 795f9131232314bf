"""Actor recognition and resolution on the dev gold set, and the speed of the actors stage.

Score: the share of gold event actors (distinct names in actor1/actor2 of events) that one of our
actors matches: one of its names / Arabic names / mention texts / KB English aliases equals the gold
actor's name or one of its aliases (normalised, case-insensitive, "(Country)" suffixes ignored).

    PYTHONPATH=. python bench/actors.py [--gold DIR] [--verbose]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from rasd.doc import Doc
from rasd.eval.gold import DEFAULT_GOLD_DIR, load_gold
from rasd.pipeline import STAGE_FACTORIES, make_stage
from rasd.resources.actor_kb import load_kb
from rasd.stages.actors import is_event_actor
from rasd.text.normalize import normalize_word


def norm_name(s: str) -> str:
    s = re.sub(r"\s*\([^)]*\)\s*$", "", s.strip())
    s = normalize_word(s).lower()
    s = re.sub(r"[^\w\s]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def our_names(actor, kb) -> set[str]:
    names = {actor.name, *(m.text for m in actor.mentions)}
    if actor.name_ar:
        names.add(actor.name_ar)
    kb_actor = kb.actors.get(actor.id)
    if kb_actor is not None:
        names.update(kb_actor.all_names())
        names.update(kb_actor.ar)
    return {norm_name(n) for n in names if n}


def snn_speed(stage, pre, n: int) -> str | None:
    """CPU ms/article of the actors stage on n SaudiNewsNet articles (best of 3 passes: the machine
    is shared, CPU time of the best pass is the stable figure), places/entities already run."""
    from rasd.io.readers import iter_articles

    path = Path(DEFAULT_GOLD_DIR).parents[1] / "corpora" / "saudinewsnet.jsonl.gz"
    if n <= 0 or not path.is_file():
        return None
    docs = []
    for a in iter_articles([path], limit=n):
        if isinstance(a, Exception):  # empty or non-Arabic input
            continue
        d = Doc(a)
        for s in pre:
            d = s(d)
        docs.append(d)
    best = float("inf")
    for _ in range(3):
        t = time.process_time()
        for d in docs:
            d.user.pop("article_country", None)
            stage(d)
        best = min(best, time.process_time() - t)
    chars = sum(len(d.text) for d in docs) / max(len(docs), 1)
    return f"actors stage on {len(docs)} SaudiNewsNet articles: {best * 1000 / max(len(docs), 1):.2f} ms/article CPU (best of 3; avg {chars:.0f} chars)"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(DEFAULT_GOLD_DIR))
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--snn", type=int, default=500, help="time the stage on N SaudiNewsNet articles (0: skip)")
    args = ap.parse_args()
    if not Path(args.gold).is_dir():
        print(f"no gold set at {args.gold}")
        return 0
    t0 = time.perf_counter()
    kb = load_kb()
    load_s = time.perf_counter() - t0
    pre = [make_stage(n) for n in ("places", "entities") if n in STAGE_FACTORIES]
    stage = make_stage("actors")
    golds = load_gold(args.gold)
    hit = total = 0
    ent_tp_pred = ent_pred = ent_tp_gold = ent_gold = 0
    misses = []
    docs = []
    for g in golds:
        doc = Doc(g.article())
        for s in pre:
            doc = s(doc)
        docs.append(doc)
        doc = stage(doc)
        gold_actors = {a["name"]: a for a in g.raw.get("actors", [])}
        wanted: set[str] = set()
        for ev in g.raw.get("events", []):
            for key in ("actor1", "actor2"):
                v = ev.get(key) or []
                wanted.update(x for x in ([v] if isinstance(v, str) else v) if x)
        ours = [our_names(a, kb) for a in doc.actors]
        # actor "entity" P/R/F1: our event-capable actors vs all gold actors of the article
        gold_forms = [{norm_name(a["name"]), *(norm_name(x) for x in a.get("aliases", []))}
                      for a in g.raw.get("actors", [])]
        eligible = [o for a, o in zip(doc.actors, ours) if is_event_actor(a)]
        ent_tp_pred += sum(1 for o in eligible if any(o & gf for gf in gold_forms))
        ent_pred += len(eligible)
        ent_tp_gold += sum(1 for gf in gold_forms if any(o & gf for o in ours))
        ent_gold += len(gold_forms)
        for name in sorted(wanted):
            ga = gold_actors.get(name, {"name": name, "aliases": []})
            targets = {norm_name(name), *(norm_name(x) for x in ga.get("aliases", []))}
            total += 1
            if any(targets & o for o in ours):
                hit += 1
            else:
                misses.append((g.id, name))
    # speed: the actors stage alone, on fresh docs (places/entities layers already there)
    reps = 20
    fresh = []
    for d in docs:
        d.user.pop("article_country", None)
        fresh.append(d)
    t = time.perf_counter()
    for _ in range(reps):
        for d in fresh:
            d.user.pop("article_country", None)
            stage(d)
    ms = (time.perf_counter() - t) * 1000 / (reps * len(fresh))
    snn_line = snn_speed(stage, pre, args.snn)
    ner = [s for s in pre if s.name == "entities"]
    ner_ms = None
    if ner:
        t = time.perf_counter()
        for _ in range(5):
            for g in golds:
                ner[0](Doc(g.article()))
        t_doc = time.perf_counter()
        for _ in range(5):
            for g in golds:
                Doc(g.article())
        ner_ms = ((t_doc - t) - (time.perf_counter() - t_doc)) * 1000 / (5 * len(golds))
    chars = sum(len(d.text) for d in fresh) / len(fresh)
    print(f"gold articles: {len(golds)}  (stages before actors: {[s.name for s in pre] or 'none'})")
    print(f"event actors recognised and resolved: {hit}/{total} = {hit / max(total, 1):.3f}")
    print(f"actors stage: {ms:.2f} ms/article (avg {chars:.0f} chars); KB load {load_s:.2f} s; "
          f"KB actors {len(kb.actors)}")
    if ner_ms is not None:
        print(f"NER (entities stage) {ner_ms:.2f} ms/article; NER + linking {ner_ms + ms:.2f} ms/article")
    p = ent_tp_pred / max(ent_pred, 1)
    r = ent_tp_gold / max(ent_gold, 1)
    print(f"actors as entities (event-capable ours vs gold actors): P {p:.3f} R {r:.3f} "
          f"F1 {2 * p * r / max(p + r, 1e-9):.3f}")
    if snn_line:
        print(snn_line)
    if args.verbose:
        for gid, name in misses:
            print(f"  miss {gid}: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
